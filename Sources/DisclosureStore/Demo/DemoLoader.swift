import DisclosureCore
import Foundation
import LibPQ

/// `disclosure demo generate`: fills the database with generated cases through COPY, in chunks
/// generated on every core while the previous chunk is copied.
public struct DemoLoader: Sendable {
    let pool: ConnectionPool
    public var seed: UInt64 = 2024
    public var chunkSize = 5000

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    public struct Result: Sendable {
        public var cases: Int
        public var events: Int
        public var firstCaseID: Int64
    }

    /// The bytes of one generated chunk: COPY text for each table; the cases' rows still lack
    /// their last column, the case number, which is assigned in order by the loader.
    struct Chunk: Sendable {
        var applicants: [UInt8] = []
        var events: [UInt8] = []
        var caseRows: [(agencyID: Int64, year: Int, row: [UInt8])] = []
        var eventCount = 0
    }

    public func generate(cases count: Int, today: LocalDate, progress: @Sendable (Int) -> Void = { _ in }) async throws -> Result {
        let directory = try await DemoDirectory.seed(pool)
        try await DemoLibrary.seed(pool)
        let calendar = try await CalendarStore(pool: pool).calendar()
        let generator = DemoCaseGenerator(directory: directory, calendar: calendar, today: today)
        let (firstApplicant, firstCase) = try await reserveIDs(count)
        var counters = try await pool.query("SELECT agency_id, year, last_number FROM case_number_counters").reduce(into: [String: Int]()) {
            $0["\(try $1.decode(Int64.self, at: 0))/\(try $1.decode(Int.self, at: 1))"] = try $1.decode(Int.self, at: 2)
        }
        let formats = Dictionary(uniqueKeysWithValues: directory.agencies.map { ($0.id, ($0, (try? CaseNumberFormat($0.caseNumberFormat)) ?? .standard)) })
        // The generated rows are consistent by construction; a superuser skips the per-row
        // foreign-key triggers, which would otherwise cost more than the COPY itself.
        let trusted = try await pool.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").single().decode(Bool.self, at: 0)
        let chunks = (count + chunkSize - 1) / chunkSize
        let size = chunkSize
        let seed = seed
        var loaded = 0, events = 0

        try await withThrowingTaskGroup(of: (Int, Chunk).self) { group in
            var next = 0
            var ready: [Int: Chunk] = [:]
            func launch() {
                guard next < chunks else { return }
                let index = next
                next += 1
                group.addTask {
                    let range = (index * size)..<min(count, (index + 1) * size)
                    return (index, try Self.makeChunk(range, generator: generator, seed: seed &+ UInt64(index),
                                                      firstApplicant: firstApplicant, firstCase: firstCase))
                }
            }
            // Two chunks in the making while one is copied: both cores busy, memory bounded.
            for _ in 0..<3 { launch() }
            var copying = 0
            // A chunk's events are copied on a second connection while the next chunk's cases
            // are copied, after their own cases have committed.
            var eventsInFlight: Task<Void, any Error>?
            while copying < chunks {
                guard let (index, chunk) = try await group.next() else { break }
                ready[index] = chunk
                while let chunk = ready.removeValue(forKey: copying) {
                    var cases: [UInt8] = []
                    for entry in chunk.caseRows {
                        let (agency, format) = formats[entry.agencyID]!
                        let key = "\(entry.agencyID)/\(entry.year)"
                        let number = (counters[key] ?? 0) + 1
                        counters[key] = number
                        cases += entry.row
                        CopyText.appendEscaped(format.render(shortName: agency.shortName, name: agency.name, year: entry.year, sequence: number), to: &cases)
                        cases.append(0x0A)
                    }
                    try await copyCases(applicants: chunk.applicants, cases: cases, trusted: trusted)
                    try await eventsInFlight?.value
                    let eventBytes = chunk.events
                    eventsInFlight = Task { try await copyEvents(eventBytes, trusted: trusted) }
                    loaded += chunk.caseRows.count
                    events += chunk.eventCount
                    progress(loaded)
                    copying += 1
                    launch()
                }
            }
            try await eventsInFlight?.value
        }
        try await pool.withTransaction { connection in
            for (key, last) in counters {
                let parts = key.split(separator: "/")
                try await connection.execute("""
                    INSERT INTO case_number_counters (agency_id, year, last_number) VALUES (\(Int64(parts[0])!), \(Int(parts[1])!), \(last))
                    ON CONFLICT (agency_id, year) DO UPDATE SET last_number = greatest(case_number_counters.last_number, excluded.last_number)
                    """)
            }
            let lastCase = firstCase + Int64(count) - 1
            for table in CaseProjections.Table.allCases {
                for statement in table.rebuild("c.id BETWEEN \(firstCase) AND \(lastCase)") { try await connection.execute(statement) }
            }
        }
        // VACUUM (outside any transaction) leaves the visibility map that index-only report scans need.
        try await pool.withConnection { try await $0.executeScript("VACUUM ANALYZE applicants, cases, case_events") }
        return Result(cases: loaded, events: events, firstCaseID: firstCase)
    }

    /// For first starts: a database with cases gets no demo cases.
    public func databaseHasCases() async throws -> Bool {
        try await !pool.query("SELECT 1 FROM cases LIMIT 1").isEmpty
    }

    /// Takes `count` ids from the applicants' and cases' sequences, so the generated rows can be
    /// copied with their ids while normal intake goes on using the ids after them.
    func reserveIDs(_ count: Int) async throws -> (Int64, Int64) {
        try await pool.withTransaction { connection in
            try await connection.execute("LOCK TABLE applicants, cases IN SHARE ROW EXCLUSIVE MODE")
            func reserve(_ table: String) async throws -> Int64 {
                let last = try await connection.query("""
                    SELECT setval(pg_get_serial_sequence(\(table), 'id'), nextval(pg_get_serial_sequence(\(table), 'id')) + \(count) - 1)
                    """).single().decode(Int64.self, at: 0)
                return last - Int64(count) + 1
            }
            return (try await reserve("applicants"), try await reserve("cases"))
        }
    }

    func copyCases(applicants: [UInt8], cases: [UInt8], trusted: Bool) async throws {
        try await pool.withTransaction { connection in
            if trusted { try await connection.execute("SET LOCAL session_replication_role = replica") }
            _ = try await connection.copyIn("COPY applicants (id, kind, name, id_type, id_number, phone, email, address) FROM STDIN") { try await $0.write(applicants) }
            _ = try await connection.copyIn("""
                COPY cases (id, applicant_id, description, snapshot, \(CaseColumns.names()), case_number) FROM STDIN
                """) { try await $0.write(cases) }
        }
    }

    func copyEvents(_ events: [UInt8], trusted: Bool) async throws {
        try await pool.withTransaction { connection in
            if trusted { try await connection.execute("SET LOCAL session_replication_role = replica") }
            _ = try await connection.copyIn("""
                COPY case_events (case_id, seq, kind, occurred_on, actor_id, actor_role, payload, recorded_at) FROM STDIN
                """) { try await $0.write(events) }
        }
    }

    static func makeChunk(_ range: Range<Int>, generator: DemoCaseGenerator, seed: UInt64, firstApplicant: Int64, firstCase: Int64) throws -> Chunk {
        var r = DemoRandom(seed: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var chunk = Chunk()
        chunk.caseRows.reserveCapacity(range.count)
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        for i in range {
            let applicantID = firstApplicant + Int64(i)
            let caseID = firstCase + Int64(i)
            let c = try generator.generate(applicantID: applicantID, index: i, &r)
            let a = c.applicant
            CopyText.appendRow([String(applicantID), a.kind.rawValue, a.name, a.idType, a.idNumber, a.phone, a.email, a.address], to: &chunk.applicants)
            let s = c.snapshot
            var row: [UInt8] = []
            let fields: [String?] = [String(caseID), String(applicantID), c.description, try json(s)] + CaseColumns.derived.map { $0.text(s) }
            for field in fields {
                if let field { CopyText.appendEscaped(field, to: &row) } else { row += [0x5C, 0x4E] }
                row.append(0x09)
            }
            chunk.caseRows.append((c.events[0].payload.registrationAgency, s.receivedOn.year, row))
            for (n, event) in c.events.enumerated() {
                let minute = 30 + (n * 7) % 29
                CopyText.appendRow([String(caseID), String(n + 1), event.kind.rawValue, event.on.description, String(event.actor.userID),
                                    event.actor.role.rawValue, try json(PayloadBox(event.payload)), "\(event.on) 09:\(minute):00+08"], to: &chunk.events)
            }
            chunk.eventCount += c.events.count
        }
        return chunk
    }
}

extension EventPayload {
    /// The agency a case was registered with: its numbers are that agency's.
    var registrationAgency: Int64 {
        if case .register(let registration) = self { return registration.agencyID }
        return 0
    }
}
