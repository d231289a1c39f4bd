/// Transaction isolation levels, rendered from fixed SQL so nothing is spliced in.
public enum IsolationLevel: Sendable {
    case readCommitted, repeatableRead, serializable

    var begin: Query {
        switch self {
        case .readCommitted: return "BEGIN ISOLATION LEVEL READ COMMITTED"
        case .repeatableRead: return "BEGIN ISOLATION LEVEL REPEATABLE READ"
        case .serializable: return "BEGIN ISOLATION LEVEL SERIALIZABLE"
        }
    }
}

extension Connection {
    /// Runs `body` in a transaction and commits it. On a serialization failure or deadlock
    /// (40001, 40P01) — during the body or at COMMIT — the transaction is rolled back and the
    /// whole body runs again, after a short random backoff, up to `maxAttempts` times. `body` must
    /// therefore do nothing outside the database that cannot be repeated.
    public func withTransaction<T>(
        isolation: IsolationLevel = .readCommitted,
        maxAttempts: Int = 10,
        _ body: (Connection) async throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            try await execute(isolation.begin)
            do {
                let value = try await body(self)
                try await execute("COMMIT")
                return value
            } catch let error as PostgresError where error.isRetryable && attempt < maxAttempts {
                _ = try? await execute("ROLLBACK")
                let ceiling = min(200, 5 << min(attempt, 6))
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...ceiling)))
            } catch {
                if await transactionStatus() != .idle { _ = try? await execute("ROLLBACK") }
                throw error
            }
        }
    }
}
