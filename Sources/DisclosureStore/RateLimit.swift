import LibPQ

/// How often one user may repeat a lookup that answers whether a guess at someone's personal
/// data is right (the earlier cases of an identity number: masked numbers could otherwise be
/// completed by trying every digit).
public struct RateLimit: Sendable {
    let pool: ConnectionPool
    public let purpose: String
    public let limit: Int
    public let window: Duration

    public init(pool: ConnectionPool, purpose: String, limit: Int, window: Duration) {
        self.pool = pool
        self.purpose = purpose
        self.limit = limit
        self.window = window
    }

    /// Counts one use; false when the user has used up this window.
    public func take(for userID: Int64) async throws -> Bool {
        let seconds = Int(window.components.seconds)
        let used = try await pool.query("""
            INSERT INTO rate_limits AS r (purpose, user_id, window_start, used) VALUES (\(purpose), \(userID), now(), 1)
            ON CONFLICT (purpose, user_id) DO UPDATE SET
                window_start = CASE WHEN r.window_start <= now() - make_interval(secs => \(seconds)) THEN now() ELSE r.window_start END,
                used = CASE WHEN r.window_start <= now() - make_interval(secs => \(seconds)) THEN 1 ELSE r.used + 1 END
            RETURNING used
            """).single().decode(Int.self, at: 0)
        return used <= limit
    }
}
