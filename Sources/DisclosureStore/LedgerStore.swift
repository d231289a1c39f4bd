import DisclosureCore
import Foundation
import LibPQ

/// `disclosure import ledger` / `export ledger`: the offices' Excel ledgers (台账) in and out.
/// An import checks the whole file first; any bad line stops it with the line's number and
/// reason, and nothing is stored. A good file goes in with one COPY.
public struct LedgerStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    public struct ImportFailure: Error, Sendable, CustomStringConvertible {
        /// Line numbers count the header as line 1, as a spreadsheet shows them.
        public var problems: [(line: Int, problem: LedgerProblem)]
        public var description: String {
            problems.prefix(20).map { "line \($0.line): \($0.problem.message)" }.joined(separator: "\n")
                + (problems.count > 20 ? "\n… and \(problems.count - 20) more" : "")
        }
        public var chineseDescription: String {
            problems.prefix(20).map { "第\($0.line)行：\($0.problem.chinese)" }.joined(separator: "\n")
        }
    }

    /// Imports a ledger file; returns the number of cases imported.
    public func importFile(_ bytes: [UInt8]) async throws -> Int {
        var reader = CSVReader(bytes).makeIterator()
        guard let header = reader.next()?.map({ $0.trimmingCharacters(in: .whitespaces) }), header == LedgerRow.header else {
            throw ImportFailure(problems: [(1, LedgerProblem("the first line must be the header: " + LedgerRow.header.joined(separator: ","),
                                                             "第一行应为表头：" + LedgerRow.header.joined(separator: ",")))])
        }
        let agencies = Dictionary(uniqueKeysWithValues: try await DirectoryStore(pool: pool).agencies().map { ($0.code, $0.id) })
        // Parse and check on every core: the body is cut at line ends (outside quotes) into parts.
        let body = Array(bytes[reader.index...])
        let parts = Self.split(body, into: 2)
        let results = await withTaskGroup(of: (Int, Parsed).self) { group in
            for (i, part) in parts.enumerated() {
                group.addTask { (i, Self.parse(body[part], agencies: agencies)) }
            }
            return await group.reduce(into: [Int: Parsed]()) { $0[$1.0] = $1.1 }
        }
        var problems: [(Int, LedgerProblem)] = []
        var numbers = Set<String>()
        var copy: [UInt8] = []
        copy.reserveCapacity(bytes.count + bytes.count / 4)
        // Lines are numbered within each part; the header is line 1.
        var offset = 1
        for i in parts.indices {
            let parsed = results[i]!
            problems += parsed.problems.map { ($0.0 + offset, $0.1) }
            copy += parsed.copy
            for (line, number) in parsed.numbers where !numbers.insert(number).inserted {
                problems.append((line + offset, LedgerProblem("case number \(number) appears twice", "案件编号“\(number)”重复")))
            }
            offset += parsed.records
        }
        problems.sort { $0.0 < $1.0 }
        if !problems.isEmpty { throw ImportFailure(problems: Array(problems.prefix(100))) }
        let payload = copy
        // Numbers already in the system are found after the COPY, inside its transaction, by a join
        // on the unique indexes, rather than by sending a million numbers to ask first.
        let trusted = try await pool.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").single().decode(Bool.self, at: 0)
        return try await pool.withTransaction { connection in
            // The agencies were checked above; a superuser skips the per-row foreign-key trigger.
            if trusted { try await connection.execute("SET LOCAL session_replication_role = replica") }
            let before = try await connection.query("SELECT coalesce(max(id), 0) FROM ledger_cases").single().decode(Int64.self, at: 0)
            let count: Int
            do {
                count = try await connection.copyIn("""
                    COPY ledger_cases (case_number, agency_id, applicant_kind, applicant_name, channel, received_on, subject, disposition,
                                       disposed_on, review_result, review_filed_on, lawsuit_result, lawsuit_filed_on, lawsuit_after_review) FROM STDIN
                    """) { try await $0.write(payload) }
            } catch let error as PostgresError {
                guard case .conflict(let fields) = error else { throw error }
                throw ImportFailure(problems: [(0, LedgerProblem("a case number is already in the system: \(fields.detail ?? fields.message)",
                                                                 "有案件编号在系统中已存在：\(fields.detail ?? fields.message)"))])
            }
            let taken = try await connection.query("""
                SELECT l.case_number FROM ledger_cases l JOIN cases c ON c.case_number = l.case_number WHERE l.id > \(before) LIMIT 20
                """).map { try $0.decode(String.self, at: 0) }
            if !taken.isEmpty {
                throw ImportFailure(problems: taken.map { (0, LedgerProblem("case number \($0) is already in the system", "案件编号“\($0)”在系统中已存在")) })
            }
            return count
        }
    }

    struct Parsed: Sendable {
        var problems: [(Int, LedgerProblem)] = []
        var numbers: [(Int, String)] = []
        var copy: [UInt8] = []
        var records = 0
    }

    /// Checks the lines of one part (numbered from 1 within it) and writes the good ones as COPY text.
    static func parse(_ part: ArraySlice<UInt8>, agencies: [String: Int64]) -> Parsed {
        var parsed = Parsed()
        parsed.copy.reserveCapacity(part.count + part.count / 4)
        var reader = CSVReader(Array(part)).makeIterator()
        var line = 0
        while let fields = reader.next() {
            line += 1
            parsed.records = line
            if fields.count == 1, fields[0].isEmpty { continue }
            do {
                let row = try LedgerRow.parse(fields)
                guard let agency = agencies[row.agencyCode] else {
                    throw LedgerProblem("there is no agency with the code \(row.agencyCode)", "没有代码为“\(row.agencyCode)”的机关")
                }
                parsed.numbers.append((line, row.caseNumber))
                CopyText.appendRow([
                    row.caseNumber, String(agency), row.applicantKind.rawValue, row.applicantName, row.channel.rawValue,
                    row.receivedOn.description, row.subject, row.disposition?.rawValue, row.repliedOn?.description,
                    row.reviewResult?.rawValue, row.reviewFiledOn?.description, row.lawsuitResult?.rawValue,
                    row.lawsuitFiledOn?.description, row.lawsuitAfterReview ? "t" : "f",
                ], to: &parsed.copy)
            } catch let problem as LedgerProblem {
                parsed.problems.append((line, problem))
            } catch {}
        }
        return parsed
    }

    /// Cuts `body` into about `count` parts at line ends that are not inside quotes.
    static func split(_ body: [UInt8], into count: Int) -> [Range<Int>] {
        guard count > 1, body.count > 1 << 20 else { return [0..<body.count] }
        var cuts = [0]
        var quoted = false
        var next = body.count / count
        for i in body.indices {
            if body[i] == 0x22 { quoted.toggle() }
            if i >= next, !quoted, body[i] == 0x0A {
                cuts.append(i + 1)
                next = body.count * cuts.count / count
                if cuts.count == count { break }
            }
        }
        cuts.append(body.count)
        return zip(cuts, cuts.dropFirst()).map { $0..<$1 }
    }

    /// The ledger lines of every case (worked or imported) that a year's report counts: received
    /// by the year's end and not disposed before it began, or reconsidered or taken to court in
    /// the year. Importing them elsewhere gives the same tables for that year.
    /// `year` nil: every case.
    public func export(year: Int?, agency: Int64? = nil) async throws -> [UInt8] {
        let start = LocalDate(year: year ?? 1900, month: 1, day: 1)!, end = LocalDate(year: year ?? 2999, month: 12, day: 31)!
        let scope: Query = agency.map { "x.agency_id = \($0)" } ?? "true"
        let rows = try await pool.query("""
            SELECT x.case_number, a.code, x.kind, x.name, x.channel, x.received_on, x.subject, x.disposition, x.disposed_on,
                   x.review_result, x.review_filed_on, x.lawsuit_result, x.lawsuit_filed_on, x.lawsuit_after_review
            FROM (
                SELECT c.case_number, c.agency_id, c.applicant_kind AS kind, p.name, c.channel, c.received_on, c.subject, c.disposition, c.disposed_on,
                       r.result AS review_result, r.filed_on AS review_filed_on, l.result AS lawsuit_result, l.filed_on AS lawsuit_filed_on,
                       coalesce(l.after_review, false) AS lawsuit_after_review
                FROM cases c JOIN applicants p ON p.id = c.applicant_id
                LEFT JOIN LATERAL (SELECT result, filed_on FROM reconsiderations WHERE case_id = c.id ORDER BY filed_on LIMIT 1) r ON true
                LEFT JOIN LATERAL (SELECT result, filed_on, after_review FROM litigations WHERE case_id = c.id ORDER BY filed_on LIMIT 1) l ON true
                UNION ALL
                SELECT case_number, agency_id, applicant_kind, applicant_name, channel, received_on, subject, disposition, disposed_on,
                       review_result, review_filed_on, lawsuit_result, lawsuit_filed_on, lawsuit_after_review
                FROM ledger_cases
            ) x JOIN agencies a ON a.id = x.agency_id
            WHERE \(scope) AND ((x.received_on <= \(end) AND (x.disposed_on IS NULL OR x.disposed_on >= \(start)))
                                 OR x.review_filed_on BETWEEN \(start) AND \(end) OR x.lawsuit_filed_on BETWEEN \(start) AND \(end))
            ORDER BY x.received_on, x.case_number
            """)
        var out: [String] = [LedgerRow.header.joined(separator: ",")]
        out.reserveCapacity(rows.count + 1)
        for row in rows {
            let review = try row.decode(String?.self, at: 9).flatMap(ReviewResult.init(rawValue:))
            let lawsuit = try row.decode(String?.self, at: 11).flatMap(ReviewResult.init(rawValue:))
            let line = LedgerRow(
                caseNumber: try row.decode(String.self, at: 0), agencyCode: try row.decode(String.self, at: 1),
                applicantKind: ApplicantKind(rawValue: try row.decode(String.self, at: 2)) ?? .otherOrg, applicantName: try row.decode(String.self, at: 3),
                channel: Channel(rawValue: try row.decode(String.self, at: 4)) ?? .inPerson, receivedOn: try row.decode(LocalDate.self, at: 5),
                subject: try row.decode(String.self, at: 6), disposition: try row.decode(String?.self, at: 7).flatMap(Disposition.init(rawValue:)),
                repliedOn: try row.decode(LocalDate?.self, at: 8), reviewResult: review, reviewFiledOn: review == nil ? nil : try row.decode(LocalDate?.self, at: 10),
                lawsuitResult: lawsuit, lawsuitFiledOn: lawsuit == nil ? nil : try row.decode(LocalDate?.self, at: 12),
                lawsuitAfterReview: try row.decode(Bool.self, at: 13))
            out.append(CSVWriter.line(line.fields))
        }
        return [0xEF, 0xBB, 0xBF] + Array((out.joined(separator: "\r\n") + "\r\n").utf8)
    }
}
