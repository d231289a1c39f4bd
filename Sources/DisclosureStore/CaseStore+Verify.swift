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
        let pool = pool
        let histories = CaseHistories(run: { try await pool.query($0) })
        var report = VerifyReport()
        var after: Int64 = 0
        while true {
            let batch = try await histories.batch(after: after, limit: batchSize)
            guard let last = batch.last else { break }
            after = last.id
            for entry in batch {
                report.checked += 1
                func mismatch(_ problem: String) { report.mismatches.append(.init(caseID: entry.id, caseNumber: entry.caseNumber, problem: problem)) }
                guard let history = try entry.events() else {
                    mismatch("the case has no history")
                    continue
                }
                let replayed: CaseSnapshot
                do { replayed = try Lifecycle.replay(history, calendar: calendar) } catch {
                    mismatch("its history does not replay: \(error)")
                    continue
                }
                var columnsAgree = true
                for (column, stored) in zip(CaseColumns.derived, entry.columns) {
                    let expected = column.text(replayed)
                    guard stored == expected else {
                        mismatch("\(column.name) is \(stored ?? "none") but the history gives \(expected ?? "none")")
                        columnsAgree = false
                        continue
                    }
                }
                if try entry.stored() != replayed, columnsAgree {
                    mismatch("the stored snapshot differs from the replayed one")
                }
            }
            progress(report.checked)
        }
        report.mismatches += try await historiesAgainstTheAuditTrail()
        return report
    }

    /// Each history entry against what the audit trail recorded when it was written (its kind,
    /// day and the SHA-256 of its payload): a history rewritten with the triggers switched off,
    /// snapshot and all, still replays, but no longer matches the trail.
    func historiesAgainstTheAuditTrail() async throws -> [VerifyReport.Mismatch] {
        try await pool.query("""
            SELECT t.case_id, coalesce(c.case_number, ''), t.seq, e.case_id IS NULL
            FROM audit_log a
            CROSS JOIN LATERAL (SELECT (a.detail->>'caseID')::bigint AS case_id, (a.detail->>'seq')::int AS seq) t
            LEFT JOIN case_events e ON e.case_id = t.case_id AND e.seq = t.seq
            LEFT JOIN cases c ON c.id = t.case_id
            WHERE a.kind = 'case_event'
              AND (e.case_id IS NULL OR e.kind <> a.detail->>'event' OR to_char(e.occurred_on, 'YYYY-MM-DD') <> a.detail->>'on'
                   OR encode(sha256(convert_to(e.payload::text, 'UTF8')), 'hex') <> a.detail->>'payloadSHA256')
            ORDER BY t.case_id, t.seq
            """).map { row in
            let (caseID, number, seq, deleted) = try row.decode(Int64.self, String.self, Int.self, Bool.self)
            return VerifyReport.Mismatch(caseID: caseID, caseNumber: number,
                                         problem: deleted ? "entry \(seq) of its history is gone, though the audit trail recorded it"
                                                          : "entry \(seq) of its history differs from what the audit trail recorded when it was written")
        }
    }
}
