import DisclosureCore
import Foundation
import LibPQ

/// `disclosure import ledger` / `export ledger`: the offices' Excel ledgers (台账) in and out.
/// An import checks every line; any bad line stops it with the line's number and reason, and
/// nothing is stored. A good file goes in with one COPY in binary format.
public struct LedgerStore: Sendable {
    let pool: ConnectionPool
    /// From this many lines (and at least as many as are stored) an import rebuilds the indexes
    /// after its COPY instead of updating them row by row.
    var rebuildIndexesFrom = 100_000

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
    ///
    /// The file is cut into parts at line ends; two tasks check the parts in turn while the
    /// parts already checked stream to the server in one COPY, so that checking and storing
    /// overlap. Any bad line stops the COPY; the transaction then stores nothing, and every
    /// problem found (up to 100) is reported. An import at least as large as what is stored
    /// rebuilds the table's index after the COPY instead of updating it row by row.
    public func importFile(_ bytes: [UInt8]) async throws -> Int {
        var reader = CSVReader(bytes).makeIterator()
        guard let header = reader.next()?.map({ $0.trimmingCharacters(in: .whitespaces) }), header == LedgerRow.header else {
            throw ImportFailure(problems: [(1, LedgerProblem("the first line must be the header: " + LedgerRow.header.joined(separator: ","),
                                                             "第一行应为表头：" + LedgerRow.header.joined(separator: ",")))])
        }
        let encoder = LedgerEncoder(agencies: Dictionary(uniqueKeysWithValues: try await DirectoryStore(pool: pool).agencies().map { ($0.code, $0.id) }))
        let body = bytes[reader.index...]
        let (parts, lines) = Self.split(body, size: Self.partSize)
        let trusted = try await pool.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").single().decode(Bool.self, at: 0)
        var problems: [(Int, LedgerProblem)] = []
        let count = try await pool.withTransaction { connection -> Int in
            // The agencies were checked above; a superuser skips the per-row foreign-key trigger.
            if trusted { try await connection.execute("SET LOCAL session_replication_role = replica") }
            let stored = try await connection.query("SELECT count(*) FROM ledger_cases").single().decode(Int.self, at: 0)
            let rebuilt = lines >= rebuildIndexesFrom && lines >= stored ? try await IndexRebuild.drop(on: "ledger_cases", connection) : []
            let count: Int
            do {
                count = try await connection.copyIn("""
                    COPY ledger_cases (case_number, agency_id, applicant_kind, applicant_name, channel, received_on, subject, disposition,
                                       disposed_on, review_result, review_filed_on, lawsuit_result, lawsuit_filed_on, lawsuit_after_review) FROM STDIN (FORMAT binary)
                    """) { writer in
                    try await writer.write(CopyBinary.header)
                    problems = try await Self.checkAndStream(bytes, parts: parts, encoder: encoder) { try await writer.write($0) }
                    try await writer.write(CopyBinary.trailer)
                    // Ends the COPY with an error, so that the transaction stores nothing.
                    if !problems.isEmpty { throw ImportFailure(problems: Array((problems + Self.repeatedNumbers(body)).sorted { $0.0 < $1.0 }.prefix(100))) }
                }
                try await IndexRebuild.build(rebuilt, connection)
            } catch let error as PostgresError {
                guard case .conflict(let fields) = error else { throw error }
                // The unique index refused a number: repeated within the file, or already stored.
                let repeated = Self.repeatedNumbers(body)
                if !repeated.isEmpty { throw ImportFailure(problems: Array(repeated.prefix(100))) }
                throw ImportFailure(problems: [(0, LedgerProblem("a case number is already in the system: \(fields.detail ?? fields.message)",
                                                                 "有案件编号在系统中已存在：\(fields.detail ?? fields.message)"))])
            }
            // Numbers of worked cases are found after the COPY, inside its transaction, by a join,
            // rather than by sending a million numbers to ask first.
            let taken = try await connection.query("""
                SELECT l.case_number FROM ledger_cases l JOIN cases c ON l.case_number COLLATE "C" = c.case_number COLLATE "C"
                WHERE l.imported_at = transaction_timestamp() LIMIT 20
                """).map { try $0.decode(String.self, at: 0) }
            if !taken.isEmpty {
                throw ImportFailure(problems: taken.map { (0, LedgerProblem("case number \($0) is already in the system", "案件编号“\($0)”在系统中已存在")) })
            }
            return count
        }
        return count
    }

    /// The lines whose case number an earlier line has (the header is line 1): looked for only
    /// when the unique index refuses the import or it fails anyway, so a good file pays nothing.
    static func repeatedNumbers(_ body: ArraySlice<UInt8>) -> [(Int, LedgerProblem)] {
        var seen = Set<String>(), repeated: [(Int, LedgerProblem)] = []
        var line = 1
        for fields in CSVReader(Array(body)) {
            line += 1
            guard let number = fields.first?.trimmingCharacters(in: .whitespaces), !number.isEmpty, !seen.insert(number).inserted else { continue }
            repeated.append((line, LedgerProblem("case number \(number) appears twice", "案件编号“\(number)”重复")))
        }
        return repeated
    }

    /// About a megabyte of file per part: small enough that storing starts soon, large enough
    /// that handing parts between tasks costs nothing.
    static let partSize = 1 << 20

    /// Checks the parts (ranges of `file`) on two tasks and hands each checked part's COPY rows
    /// to `store` in file order, while the parts after it are being checked. Returns the problems, lines numbered as
    /// a spreadsheet shows them (the header is line 1); after the first problem nothing more is
    /// stored, but every part is still checked.
    static func checkAndStream(_ file: [UInt8], parts: [Range<Int>], encoder: LedgerEncoder,
                               store: ([UInt8]) async throws -> Void) async throws -> [(Int, LedgerProblem)] {
        var problems: [(Int, LedgerProblem)] = []
        var offset = 1
        try await withThrowingTaskGroup(of: (Int, Parsed).self) { group in
            // Two parts at a time: the server's COPY needs the machine's other core as much as checking does.
            var started = 0
            func startNext() {
                guard started < parts.count else { return }
                let index = started
                group.addTask { (index, encoder.encode(file, parts[index])) }
                started += 1
            }
            for _ in 0..<2 { startNext() }
            var checked: [Int: Parsed] = [:]
            var written = 0
            while let (index, parsed) = try await group.next() {
                checked[index] = parsed
                startNext()
                while let parsed = checked.removeValue(forKey: written) {
                    written += 1
                    problems += parsed.problems.map { ($0.0 + offset, $0.1) }
                    offset += parsed.records
                    if problems.isEmpty { try await store(parsed.copy) }
                }
            }
        }
        return problems.sorted { $0.0 < $1.0 }
    }

    /// One part of a file, checked: its rows in COPY binary and the problems, lines numbered
    /// from 1 within the part.
    struct Parsed: Sendable {
        var problems: [(Int, LedgerProblem)] = []
        var copy: [UInt8] = []
        var records = 0
        /// Lines read straight from their bytes rather than by the full parser.
        var plainLines = 0
    }

    /// Cuts `body` into parts of about `size` bytes at line ends that are not inside quotes, and
    /// counts its line ends, in one pass.
    static func split(_ body: ArraySlice<UInt8>, size: Int) -> (parts: [Range<Int>], lines: Int) {
        body.withUnsafeBufferPointer { bytes in
            let base = body.startIndex
            var cuts = [base], lines = 0, quoted = false, next = base + size
            for k in 0..<bytes.count {
                let i = base + k
                switch bytes[k] {
                case 0x22: quoted.toggle()
                case 0x0A:
                    lines += 1
                    if i >= next, !quoted {
                        cuts.append(i + 1)
                        next = i + size
                    }
                default: break
                }
            }
            if cuts.last! < body.endIndex { cuts.append(body.endIndex) }
            return (zip(cuts, cuts.dropFirst()).map { $0..<$1 }, lines)
        }
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
