import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ
import Testing

/// The audit trail: entries and their filters, the trigger on case events, the append-only
/// rule, the chain under concurrent writers, and verify against tampering by the database's
/// owner with the triggers switched off.
@Suite struct AuditStoreTests {
    func fixture(_ label: String) async throws -> (StoreFixture, AuditStore) {
        let f = try await StoreFixture.make(label, poolSize: 8)
        return (f, AuditStore(pool: f.pool))
    }

    /// Changes rows as the owner can: with triggers off for this transaction only.
    func tamper(_ f: StoreFixture, _ statements: [Query]) async throws {
        try await f.pool.withTransaction { connection in
            try await connection.execute("SET LOCAL session_replication_role = replica")
            for statement in statements { try await connection.execute(statement) }
        }
    }

    /// Ten entries: users 0…4 export, then sign in.
    func tenEntries(_ audit: AuditStore) async throws {
        for i in 0..<5 {
            try await audit.record(.export, by: AuditActor(userID: Int64(i + 1), username: "user\(i)"), subject: "cases.csv", detail: ["rows": "\(i)"])
            try await audit.record(.signIn, by: AuditActor(userID: Int64(i + 1), username: "user\(i)"), client: "10.0.0.\(i)")
        }
    }

    @Test func entriesAreListedNewestFirstAndFiltered() async throws {
        let (_, audit) = try await fixture("audit-list")
        try await tenEntries(audit)
        try await audit.record(.signInFailed, by: .typed("nobody"), subject: "nobody", detail: ["reason": "unknown user"])
        var filter = AuditFilter()
        let all = try await audit.entries(filter)
        #expect(all.total == 11)
        #expect(all.entries.map(\.id) == Array((1...11).reversed()))
        #expect(all.entries[0].kind == .signInFailed && all.entries[0].actorID == nil && all.entries[0].actorUsername == "nobody")
        #expect(all.entries[0].detail == ["reason": "unknown user"])
        #expect(all.entries[1].client == "10.0.0.4" && all.entries[1].label == "登录成功")
        filter.kind = .export
        #expect(try await audit.entries(filter).entries.map(\.detail) == (0..<5).reversed().map { ["rows": "\($0)"] })
        filter.username = "user3"
        #expect(try await audit.entries(filter).entries.map(\.id) == [7])
        filter = AuditFilter()
        filter.subject = "cases.csv"
        #expect(try await audit.entries(filter).total == 5)
        filter = AuditFilter()
        filter.pageSize = 4
        filter.page = 3
        let third = try await audit.entries(filter)
        #expect(third.entries.map(\.id) == [3, 2, 1] && third.total == 11)
        // Out-of-range pages are brought within bounds, never sent as they are.
        filter.page = 1_000_000_000
        filter.pageSize = 1_000_000
        let bounded = try await audit.entries(filter)
        #expect(bounded.page == AuditFilter.maxPage && bounded.pageSize == AuditFilter.maxPageSize && bounded.entries.isEmpty)
    }

    @Test func datesAreDaysInChina() async throws {
        let (f, audit) = try await fixture("audit-dates")
        try await tenEntries(audit)
        // 2024-09-20 23:30 in China is 15:30 UTC; 2024-09-21 00:30 in China is 16:30 UTC the day before.
        try await tamper(f, ["UPDATE audit_log SET at = '2024-09-20 15:30:00+00' WHERE id <= 3",
                             "UPDATE audit_log SET at = '2024-09-20 16:30:00+00' WHERE id > 3"])
        var filter = AuditFilter()
        filter.to = LocalDate(iso: "2024-09-20")
        #expect(try await audit.entries(filter).entries.map(\.id) == [3, 2, 1])
        filter.to = nil
        filter.from = LocalDate(iso: "2024-09-21")
        #expect(try await audit.entries(filter).total == 7)
    }

    @Test func textsAreCutToWhatTheTableHolds() async throws {
        let (_, audit) = try await fixture("audit-bounds")
        let long = String(repeating: "征", count: 1_000)
        let detail = Dictionary(uniqueKeysWithValues: (0..<20).map { ("key\($0)", long) })
        try await audit.record(.permissionDenied, by: AuditActor(userID: 1, username: long), subject: long, detail: detail, client: long)
        let entry = try #require(try await audit.entries(AuditFilter()).entries.first)
        #expect(entry.subject?.count == 300 && entry.actorUsername?.count == 100 && entry.client?.count == 100)
        #expect(entry.detail.count == 8 && entry.detail.values.allSatisfy { $0.count == 200 })
    }

    @Test func everyCaseEventIsAuditedWithItsPayloadsHash() async throws {
        let (f, audit) = try await fixture("audit-case-events")
        let record = try await f.make([.requestCorrection(CorrectionRequest(items: ["请补充身份证明"]))])
        var filter = AuditFilter()
        filter.kind = .caseEvent
        let entries = try await audit.entries(filter).entries
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0.subject == record.caseNumber && $0.actorID == f.officer.id && $0.actorUsername == f.officer.username })
        #expect(entries.map { $0.detail["event"] } == ["request_correction", "register"])
        #expect(entries.map { $0.detail["seq"] } == ["2", "1"])
        let payloadHash = try await f.pool.query("""
            SELECT encode(sha256(convert_to(payload::text, 'UTF8')), 'hex') FROM case_events WHERE case_id = \(record.id) AND seq = 1
            """).single().decode(String.self, at: 0)
        #expect(entries[1].detail["payloadSHA256"] == payloadHash)
        // A transaction that rolls back leaves no entry and no hole in the numbers.
        await #expect(throws: (any Error).self) {
            try await f.pool.withTransaction { connection in
                try await connection.execute("""
                    INSERT INTO case_events (case_id, seq, kind, occurred_on, actor_id, actor_role, payload)
                    VALUES (\(record.id), 3, 'withdraw', '2024-09-10', \(f.officer.id), 'officer', '{}')
                    """)
                try await connection.execute("SET CONSTRAINTS ALL IMMEDIATE")
                try await connection.execute("SELECT 1/0")
            }
        }
        try await audit.record(.export, by: AuditActor(f.officer), subject: "cases.csv")
        #expect(try await f.count("SELECT max(id) FROM audit_log") == 3)
        #expect(try await audit.verify().isIntact)
    }

    @Test func nobodyChangesTheTrail() async throws {
        let (f, audit) = try await fixture("audit-append-only")
        try await tenEntries(audit)
        await #expect(throws: PostgresError.self) { try await f.pool.query("UPDATE audit_log SET subject = 'x' WHERE id = 1") }
        await #expect(throws: PostgresError.self) { try await f.pool.query("DELETE FROM audit_log WHERE id = 10") }
        await #expect(throws: PostgresError.self) { try await f.pool.query("TRUNCATE audit_log") }
        // Numbers, times and hashes come from the database, whatever the writer sends.
        try await f.pool.query("""
            INSERT INTO audit_log (id, at, kind, prev_hash, hash) VALUES (99, '2000-01-01', 'export', '\\x00'::bytea, '\\x00'::bytea)
            """)
        #expect(try await f.count("SELECT count(*) FROM audit_log WHERE id = 11 AND at > '2020-01-01'") == 1)
        #expect(try await audit.verify() == AuditVerification(rows: 11, lastID: 11, lastHash: try await lastHash(f), firstBreak: nil))
    }

    func lastHash(_ f: StoreFixture) async throws -> String {
        try await f.pool.query("SELECT encode(hash, 'hex') FROM audit_log ORDER BY id DESC LIMIT 1").single().decode(String.self, at: 0)
    }

    @Test func concurrentWritersFormOneChain() async throws {
        let (f, audit) = try await fixture("audit-concurrent")
        let record = try await f.make([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for i in 0..<15 { try await audit.record(.export, by: nil, subject: "task\(task)", detail: ["i": "\(i)"]) }
                }
            }
            group.addTask {
                var current = record
                for day in 0..<5 {
                    let event = f.lifecycle.event(.recordCommunication(Communication(method: .phone, summary: "电话沟通\(day)")),
                                                  on: current.snapshot.lastEventOn.adding(days: 1))
                    current = try await f.store.append(event, to: current.id, expectedVersion: current.snapshot.version, today: f.today, scope: .everything(reason: "tests see every agency"))
                }
            }
            try await group.waitForAll()
        }
        let result = try await audit.verify(pageSize: 7)
        #expect(result.isIntact && result.rows == 126 && result.lastID == 126)
    }

    @Test func verifyNamesAChangedRow() async throws {
        let (f, audit) = try await fixture("audit-changed")
        try await tenEntries(audit)
        try await tamper(f, ["UPDATE audit_log SET detail = '{\"rows\": \"9\"}' WHERE id = 5"])
        let found = try await audit.verify()
        #expect(found.firstBreak?.rowID == 5 && found.firstBreak?.kind == .changed)
        #expect(found.rows == 5)
    }

    @Test func verifyNamesAChangedRowWhoseHashWasRecomputed() async throws {
        let (f, audit) = try await fixture("audit-rehashed")
        try await tenEntries(audit)
        try await tamper(f, ["UPDATE audit_log SET subject = 'other.csv' WHERE id = 5",
                             "UPDATE audit_log a SET hash = audit_row_hash(a) WHERE id = 5"])
        let found = try await audit.verify()
        #expect(found.firstBreak == AuditBreak(rowID: 5, kind: .changed,
                                               reason: "its hash was rewritten (row 6 recorded another), or rows after it were deleted and the rest renumbered"))
    }

    @Test func verifyNamesADeletedRow() async throws {
        let (f, audit) = try await fixture("audit-deleted")
        try await tenEntries(audit)
        try await tamper(f, ["DELETE FROM audit_log WHERE id = 4"])
        #expect(try await audit.verify().firstBreak == AuditBreak(rowID: 4, kind: .deleted, reason: "row 4 is missing (deleted)"))
        try await tamper(f, ["DELETE FROM audit_log WHERE id <= 2"])
        #expect(try await audit.verify().firstBreak == AuditBreak(rowID: 1, kind: .deleted, reason: "rows 1–2 are missing (deleted)"))
    }

    @Test func verifyNamesADeletionHiddenByRenumbering() async throws {
        let (f, audit) = try await fixture("audit-renumbered")
        try await tenEntries(audit)
        try await tamper(f, ["DELETE FROM audit_log WHERE id = 1", "UPDATE audit_log SET id = id - 1"])
        #expect(try await audit.verify().firstBreak?.kind == .deleted)
        #expect(try await audit.verify().firstBreak?.rowID == 1)
    }

    @Test func verifyNamesSwappedRows() async throws {
        let (f, audit) = try await fixture("audit-swapped")
        try await tenEntries(audit)
        try await tamper(f, ["UPDATE audit_log SET id = 1000 WHERE id = 6", "UPDATE audit_log SET id = 6 WHERE id = 7",
                             "UPDATE audit_log SET id = 7 WHERE id = 1000"])
        let found = try await audit.verify()
        #expect(found.firstBreak == AuditBreak(rowID: 6, kind: .reordered, reason: "it was written after row 7, which now stands after it"))
        #expect(found.lastID == 5)
    }
}
