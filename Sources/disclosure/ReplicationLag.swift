import Foundation
import LibPQ

/// How far the hot standbys are behind the primary while a measurement runs: sampled every
/// quarter second from `pg_stat_replication`, the most kept.
struct ReplicationLag {
    let primary: LocalCluster

    struct Worst: Sendable {
        var bytes: Int64 = 0
        var seconds: Double = 0

        func worse(_ other: Worst) -> Worst { Worst(bytes: max(bytes, other.bytes), seconds: max(seconds, other.seconds)) }
    }

    /// Whether a standby streams from the primary within `limit`. One that lost the WAL it
    /// needs (the primary recycles it while the standby is stopped) retries for ever without
    /// streaming, and a lag sampled then reads as none: 0.0 MB.
    func standbyStreams(within limit: Duration) async throws -> Bool {
        let connection = try await Connection.connect(primary.connectionConfiguration())
        defer { connection.close() }
        let deadline = ContinuousClock.now + limit
        repeat {
            let streaming = try await connection.query("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'").single().decode(Int.self, at: 0)
            if streaming > 0 { return true }
            try await Task.sleep(for: .milliseconds(250))
        } while ContinuousClock.now < deadline
        return false
    }

    /// Waits until every standby has replayed what the primary has written so far (the copy of
    /// the database), so that the lag measured afterwards is the load's.
    func waitForStandbys() async throws {
        let connection = try await Connection.connect(primary.connectionConfiguration())
        defer { connection.close() }
        let target = try await connection.query("SELECT pg_current_wal_lsn()::text").single().decode(String.self, at: 0)
        let deadline = ContinuousClock.now + .seconds(600)
        while ContinuousClock.now < deadline {
            let behind = try await connection.query("""
                SELECT count(*) FROM pg_stat_replication WHERE replay_lsn IS NULL OR replay_lsn < \(target)::pg_lsn
                """).single().decode(Int.self, at: 0)
            if behind == 0 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Runs `body` (a blocking load run) while sampling; no standby gives zeros.
    func sampling<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> (value: T, lag: Worst) {
        let connection = try await Connection.connect(primary.connectionConfiguration())
        defer { connection.close() }
        let done = Flag()
        let load = Task.detached {
            defer { done.raise() }
            return try body()
        }
        var worst = Worst()
        while true {
            let row = try await connection.query("""
                SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), 0)::int8,
                       coalesce(max(extract(epoch FROM replay_lag)), 0)::float8
                FROM pg_stat_replication
                """).single()
            worst.bytes = max(worst.bytes, try row.decode(Int64.self, at: 0))
            worst.seconds = max(worst.seconds, try row.decode(Double.self, at: 1))
            if done.isRaised { return (try await load.value, worst) }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var raised = false
        func raise() { lock.withLock { raised = true } }
        var isRaised: Bool { lock.withLock { raised } }
    }
}
