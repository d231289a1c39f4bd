import DisclosureCore
import LibPQ

/// `disclosure verify`: every case's history replayed through the lifecycle must give the
/// snapshot and the query columns stored for it.
public struct VerifyReport: Sendable {
    public struct Mismatch: Sendable, Equatable {
        public var caseID: Int64
        public var caseNumber: String
        public var problem: String
    }

    public var checked = 0
    public var mismatches: [Mismatch] = []
}

extension CaseStore {
    public func verify(batchSize: Int = 2000, progress: (Int) -> Void = { _ in }) async throws -> VerifyReport {
        let calendar = try await calendars.calendar()
        var report = VerifyReport()
        var after: Int64 = 0
        while true {
            let rows = try await pool.query("""
                SELECT c.id, c.case_number, c.snapshot, c.state, c.version, c.agency_id, c.reply_due, c.next_due,
                       c.disposition, c.disposed_on,
                       (SELECT jsonb_agg(jsonb_build_object('kind', e.kind, 'on', e.occurred_on,
                               'actor', jsonb_build_object('userID', e.actor_id, 'role', e.actor_role), 'payload', e.payload) ORDER BY e.seq)
                        FROM case_events e WHERE e.case_id = c.id)
                FROM cases c WHERE c.id > \(after) ORDER BY c.id LIMIT \(batchSize)
                """)
            if rows.isEmpty { break }
            for row in rows {
                let id = try row.decode(Int64.self, at: 0)
                let number = try row.decode(String.self, at: 1)
                after = id
                report.checked += 1
                func mismatch(_ problem: String) { report.mismatches.append(.init(caseID: id, caseNumber: number, problem: problem)) }
                guard let history = try row.decode(PostgresJSON<[CaseEvent]>?.self, at: 10)?.value else {
                    mismatch("the case has no history")
                    continue
                }
                let replayed: CaseSnapshot
                do { replayed = try Lifecycle.replay(history, calendar: calendar) } catch {
                    mismatch("its history does not replay: \(error)")
                    continue
                }
                let stored = try row.decode(PostgresJSON<CaseSnapshot>.self, at: 2).value
                let columns: [(String, String, String)] = [
                    ("state", try row.decode(String.self, at: 3), replayed.state.rawValue),
                    ("version", String(try row.decode(Int.self, at: 4)), String(replayed.version)),
                    ("agency_id", String(try row.decode(Int64.self, at: 5)), String(replayed.agencyID)),
                    ("reply_due", text(try row.decode(LocalDate?.self, at: 6)), text(replayed.clock.due)),
                    ("next_due", text(try row.decode(LocalDate?.self, at: 7)), text(replayed.nextDue)),
                    ("disposition", try row.decode(String?.self, at: 8) ?? "none", replayed.disposition?.rawValue ?? "none"),
                    ("disposed_on", text(try row.decode(LocalDate?.self, at: 9)), text(replayed.disposedOn)),
                ]
                for (name, storedValue, replayedValue) in columns where storedValue != replayedValue {
                    mismatch("\(name) is \(storedValue) but the history gives \(replayedValue)")
                }
                if stored != replayed, columns.allSatisfy({ $0.1 == $0.2 }) {
                    mismatch("the stored snapshot differs from the replayed one")
                }
            }
            progress(report.checked)
        }
        return report
    }
}

private func text(_ date: LocalDate?) -> String { date?.description ?? "none" }
