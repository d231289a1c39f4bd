import Synchronization

/// Sends reads to a hot standby when there is one (`DATABASE_READ_URL`), and to the primary:
/// - while a reader's own last write has not reached the standby (read your writes: the
///   primary's WAL position after the write against the standby's replay position);
/// - while the standby does not answer (for `downFor` after it last failed), so that reads go on
///   when it stops.
/// Readers are opaque numbers (the signed-in user's id).
public final class ReadRouter: Sendable {
    public let primary: ConnectionPool
    public let standby: ConnectionPool?
    let downFor: Duration
    private let state = Mutex(State())

    struct State {
        /// Each reader's last write, as the primary's WAL position after it.
        var writes: [Int64: String] = [:]
        var standbyDownUntil: ContinuousClock.Instant?
    }

    public init(primary: ConnectionPool, standby: ConnectionPool?, downFor: Duration = .seconds(10)) {
        self.primary = primary
        self.standby = standby
        self.downFor = downFor
    }

    /// Notes that `reader` has just written on the primary.
    public func wrote(_ reader: Int64) async {
        guard standby != nil, let lsn = try? await primary.query("SELECT pg_current_wal_lsn()::text").single().decode(String.self, at: 0) else { return }
        state.withLock { $0.writes[reader] = lsn }
    }

    /// Runs `body` on the pool `reader`'s read should use; a read the standby fails for want of a
    /// connection is run again on the primary.
    public func read<T: Sendable>(for reader: Int64, _ body: (ConnectionPool) async throws -> T) async throws -> T {
        guard let standby, try await useStandby(for: reader, standby) else { return try await body(primary) }
        do {
            return try await body(standby)
        } catch let error as PostgresError where error.isUnavailable {
            markDown()
            return try await body(primary)
        }
    }

    /// Whether `reader`'s next read may go to the standby: it is up and has replayed their last write.
    func useStandby(for reader: Int64, _ standby: ConnectionPool) async throws -> Bool {
        let (pending, down) = state.withLock { ($0.writes[reader], $0.standbyDownUntil.map { ContinuousClock.now < $0 } ?? false) }
        if down { return false }
        guard let pending else { return true }
        do {
            let caughtUp = try await standby.query("SELECT pg_last_wal_replay_lsn() >= \(pending)::pg_lsn").single().decode(Bool?.self, at: 0) ?? false
            if caughtUp { state.withLock { if $0.writes[reader] == pending { $0.writes[reader] = nil } } }
            return caughtUp
        } catch let error as PostgresError where error.isUnavailable {
            markDown()
            return false
        }
    }

    private func markDown() {
        state.withLock { $0.standbyDownUntil = ContinuousClock.now + downFor }
    }
}

extension PostgresError {
    /// The server could not be reached or kept (or, a standby, gave up a read for the WAL it
    /// replays): another server may still answer.
    var isUnavailable: Bool {
        switch self {
        case .connectionFailed, .connectionLost, .poolTimeout, .retryable: return true
        case .server(let fields): return fields.sqlState.hasPrefix("57") || fields.sqlState.hasPrefix("08")
        default: return false
        }
    }
}
