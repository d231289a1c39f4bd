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
        return report
    }
}
