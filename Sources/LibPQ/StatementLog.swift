import Foundation

/// A statement as the server logged it with `log_min_duration_statement = 0`, its parameters'
/// values read from the `DETAIL: parameters:` line that follows it.
public struct LoggedStatement: Equatable, Sendable {
    /// The server process that ran it: one connection.
    public var backend: Int
    public var sql: String
    /// `$1`, `$2` … as the server received them; nil for NULL.
    public var parameters: [String?]

    public init(backend: Int, sql: String, parameters: [String?] = []) {
        self.backend = backend
        self.sql = sql
        self.parameters = parameters
    }
}

/// Reads the statements a client ran from the server's log (the stderr format with the default
/// `log_line_prefix` '%m [%p] '), so that a benchmark can give pgbench the very SQL the service
/// sent instead of a hand-written copy that drifts from it.
public enum StatementLog {
    /// Executed statements in the order the server finished them: the extended protocol's
    /// `execute` (its parse and bind are logged too and skipped) and the simple protocol's
    /// `statement`. Session setup (`SET …`) is left out: pgbench's connections do their own.
    public static func statements(in log: String) -> [LoggedStatement] {
        var statements: [LoggedStatement] = []
        var lastExecute: [Int: Int] = [:]
        for record in records(log) {
            switch record.level {
            case "LOG":
                lastExecute[record.backend] = nil
                guard let sql = executedSQL(record.message), !sql.uppercased().hasPrefix("SET ") else { continue }
                statements.append(LoggedStatement(backend: record.backend, sql: sql))
                lastExecute[record.backend] = statements.count - 1
            case "DETAIL":
                guard let index = lastExecute[record.backend], record.message.hasPrefix("parameters: "),
                      let values = parameters(String(record.message.dropFirst("parameters: ".count))) else { continue }
                statements[index].parameters = values
                lastExecute[record.backend] = nil
            default:
                lastExecute[record.backend] = nil
            }
        }
        return statements
    }

    struct Record {
        var backend: Int
        var level: String
        var message: String
    }

    /// One record per prefixed line; the lines after it that begin with a tab continue its
    /// message (the server puts the tab after every newline of a message it writes to stderr).
    static func records(_ log: String) -> [Record] {
        var records: [Record] = []
        for line in log.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("\t"), !records.isEmpty {
                records[records.count - 1].message += "\n" + line.dropFirst()
            } else if let record = record(line) {
                records.append(record)
            }
        }
        return records
    }

    /// "2026-11-30 04:12:23.219 UTC [11032] LOG:  message"
    static func record(_ line: Substring) -> Record? {
        guard let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]"),
              line.first?.isNumber == true, let backend = Int(line[line.index(after: open)..<close]) else { return nil }
        let rest = line[line.index(after: close)...].drop { $0 == " " }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let level = String(rest[..<colon])
        guard level.allSatisfy({ $0.isUppercase }) else { return nil }
        return Record(backend: backend, level: level, message: String(rest[rest.index(after: colon)...].drop { $0 == " " }))
    }

    /// "duration: 0.090 ms  execute s4: SELECT …" or "duration: 0.263 ms  statement: BEGIN".
    static func executedSQL(_ message: String) -> String? {
        guard message.hasPrefix("duration: "), let gap = message.range(of: " ms  ") else { return nil }
        let what = message[gap.upperBound...]
        if what.hasPrefix("statement: ") { return String(what.dropFirst("statement: ".count)) }
        guard what.hasPrefix("execute "), let colon = what.range(of: ": ") else { return nil }
        return String(what[colon.upperBound...])
    }

    /// "$1 = '25', $2 = NULL, $3 = 'it''s'": the values in order; nil if the text is not that.
    static func parameters(_ text: String) -> [String?]? {
        var values: [String?] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            guard rest.hasPrefix("$"), let equals = rest.range(of: " = "),
                  Int(rest[rest.index(after: rest.startIndex)..<equals.lowerBound]) == values.count + 1 else { return nil }
            rest = rest[equals.upperBound...]
            if rest.hasPrefix("NULL") {
                values.append(nil)
                rest = rest.dropFirst(4)
            } else {
                guard rest.hasPrefix("'") else { return nil }
                var value = "", index = rest.index(after: rest.startIndex), closed = false
                while index < rest.endIndex {
                    let character = rest[index]
                    index = rest.index(after: index)
                    if character == "'" {
                        if index < rest.endIndex, rest[index] == "'" {
                            value.append("'")
                            index = rest.index(after: index)
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { return nil }
                values.append(value)
                rest = rest[index...]
            }
            if rest.hasPrefix(", ") { rest = rest.dropFirst(2) } else if !rest.isEmpty { return nil }
        }
        return values
    }
}
