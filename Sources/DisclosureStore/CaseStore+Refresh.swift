import DisclosureCore
import LibPQ

extension CaseStore {
    /// After an upgrade whose lifecycle computes snapshots differently (`Lifecycle.snapshotVersion`),
    /// replays every history and rewrites the snapshots that change; the history is not touched.
    /// Returns the count rewritten, or nil when the snapshots were current.
    @discardableResult
    public func refreshSnapshotsIfOutdated() async throws -> Int? {
        let stored = try await pool.query("SELECT version FROM snapshot_version").single().decode(Int.self, at: 0)
        guard stored < Lifecycle.snapshotVersion else { return nil }
        let calendar = try await calendars.calendar()
        return try await pool.withTransaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(\(CalendarStore.lockKey))")
            // Another process may have done it meanwhile.
            let current = try await connection.query("SELECT version FROM snapshot_version FOR UPDATE").single().decode(Int.self, at: 0)
            guard current < Lifecycle.snapshotVersion else { return 0 }
            let outcome = try await pool.withConnection { reader in
                try await SnapshotRefresh(calendar: calendar, recording: nil).run(connection, reading: reader, candidates: "true")
            }
            try await connection.execute("UPDATE snapshot_version SET version = \(Lifecycle.snapshotVersion)")
            return outcome.rewrittenIDs.count
        }
    }
}
