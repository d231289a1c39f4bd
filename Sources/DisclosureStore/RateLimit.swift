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
        try await Self.take(pool, table: "rate_limits", keyColumn: "user_id", key: userID, purpose: purpose, limit: limit, window: window)
    }

    /// The fixed-window count every limit keeps, by user (`rate_limits`) or by address or
    /// receipt code (`portal_limits`): one row per purpose and key, its window started again
    /// once it has passed, in one statement so that processes counting together never lose a use.
    static func take(_ pool: ConnectionPool, table: String, keyColumn: String, key: some PostgresEncodable, purpose: String,
                     limit: Int, window: Duration) async throws -> Bool {
        let seconds = Int(window.components.seconds)
        let used = try await pool.query("""
            INSERT INTO \(identifier: table) AS l (purpose, \(identifier: keyColumn), window_start, used) VALUES (\(purpose), \(key), now(), 1)
            ON CONFLICT (purpose, \(identifier: keyColumn)) DO UPDATE SET
                window_start = CASE WHEN l.window_start <= now() - make_interval(secs => \(seconds)) THEN now() ELSE l.window_start END,
                used = CASE WHEN l.window_start <= now() - make_interval(secs => \(seconds)) THEN 1 ELSE l.used + 1 END
            RETURNING used
            """).single().decode(Int.self, at: 0)
        return used <= limit
    }
}
