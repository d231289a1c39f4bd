import Foundation

/// A pgbench script made of logged statements with their parameters written in as literals,
/// so that pgbench runs the service's SQL with the service's values.
///
/// A literal is an untyped constant, as a parameter sent without a type is, so the server
/// resolves it the same way. Where values must differ from one transaction to the next (an id
/// the statement before generated, a version), a step replaces those parameters with pgbench
/// variables or SQL expressions, and a step may keep a result with `\gset`.
public struct PgBenchScript: Sendable {
    public struct Step: Sendable {
        public var statement: LoggedStatement
        /// Parameter number → text put in its place instead of its logged value.
        public var replacements: [Int: String] = [:]
        /// Ends the statement with `\gset PREFIX` instead of a semicolon.
        public var gset: String?

        public init(_ statement: LoggedStatement, replacements: [Int: String] = [:], gset: String? = nil) {
            self.statement = statement
            self.replacements = replacements
            self.gset = gset
        }

        public var sql: String {
            PgBenchScript.inline(statement.sql) { number in
                if let replacement = replacements[number] { return replacement }
                guard number >= 1, number <= statement.parameters.count else { return nil }
                return PgBenchScript.literal(statement.parameters[number - 1])
            }
        }
    }

    public var steps: [Step]
    /// Lines before the statements (`\set` …).
    public var preamble: [String] = []

    public init(_ statements: [LoggedStatement]) {
        steps = statements.map { Step($0) }
    }

    /// The service sets the caller's scope with `set_config(…, true)`, which lasts for the
    /// transaction, and sends it in one pipeline with the statement it is for, which makes them
    /// one implicit transaction; pgbench does the same with `\startpipeline`.
    public static func opensPipeline(_ statement: LoggedStatement) -> Bool {
        statement.sql.hasPrefix("SELECT set_config(") && statement.sql.hasSuffix(", true)")
    }

    public var text: String {
        var lines = preamble
        var index = 0
        while index < steps.count {
            let step = steps[index]
            if Self.opensPipeline(step.statement), index + 1 < steps.count, steps[index + 1].gset == nil {
                lines += ["\\startpipeline", step.sql + ";", steps[index + 1].sql + ";", "\\endpipeline"]
                index += 2
                continue
            }
            lines.append(step.sql + (step.gset.map { $0.isEmpty ? " \\gset" : " \\gset \($0)" } ?? ";"))
            index += 1
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A value as an SQL literal that pgbench passes through unchanged: pgbench takes every
    /// `:name` in a statement for a variable, so a value holding a colon (a time, JSON) is
    /// written as an escape string with the colon as `\x3a`.
    public static func literal(_ value: String?) -> String {
        guard let value else { return "NULL" }
        if !value.contains(":") && !value.contains("\\") {
            return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        }
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "'": escaped += "''"
            case ":": escaped += "\\x3a"
            default: escaped.append(character)
            }
        }
        return "E'" + escaped + "'"
    }

    /// The statement with each `$n` outside quotes replaced by `value(n)` (left as it is when nil).
    public static func inline(_ sql: String, _ value: (Int) -> String?) -> String {
        var result = "", characters = Array(sql), index = 0, quoted = false
        while index < characters.count {
            let character = characters[index]
            if character == "'" { quoted.toggle() }
            if character == "$", !quoted, index + 1 < characters.count, characters[index + 1].isASCII, characters[index + 1].isNumber {
                var end = index + 1
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                let number = Int(String(characters[(index + 1)..<end]))!
                if let text = value(number) {
                    result += text
                    index = end
                    continue
                }
            }
            result.append(character)
            index += 1
        }
        return result
    }

    /// The parameter an INSERT's column list or an UPDATE's SET gives `column`: in
    /// `INSERT INTO t (a, b) VALUES ($1, $2)`, b is 2; in `UPDATE t SET "b" = $7`, b is 7.
    public static func parameter(ofColumn column: String, in sql: String) -> Int? {
        func bare(_ text: Substring) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        if sql.hasPrefix("INSERT"), let open = sql.firstIndex(of: "("), let close = sql[open...].firstIndex(of: ")"),
           let values = sql.range(of: "VALUES ("), let valuesClose = sql[values.upperBound...].firstIndex(of: ")") {
            let columns = sql[sql.index(after: open)..<close].split(separator: ",").map(bare)
            let parameters = sql[values.upperBound..<valuesClose].split(separator: ",").map(bare)
            guard let position = columns.firstIndex(of: column), position < parameters.count, parameters[position].hasPrefix("$") else { return nil }
            return Int(parameters[position].dropFirst())
        }
        for pattern in ["\"\(column)\" = $", " \(column) = $"] {
            if let range = sql.range(of: pattern) {
                return Int(sql[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
            }
        }
        return nil
    }
}
