import DisclosureCore
import Foundation
import LibPQ

/// Passwords (as bcrypt hashes made by the caller), sessions and personal API tokens. Secrets
/// are random 256-bit values; only their SHA-256 is stored, computed by PostgreSQL.
public struct AccountStore: Sendable {
    let pool: ConnectionPool
    /// A session unused for this long is over.
    public let idleTimeout: Duration

    public init(pool: ConnectionPool, idleTimeout: Duration = .seconds(30 * 60)) {
        self.pool = pool
        self.idleTimeout = idleTimeout
    }

    public struct Session: Sendable {
        public var user: User
        public var csrfToken: String
    }

    public static func secret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    public func passwordHash(username: String) async throws -> (User, String)? {
        let rows = try await pool.query("""
            SELECT id, username, name, role, agency_id, password_hash FROM users WHERE username = \(username) AND active
            """)
        guard let row = rows.first, let hash = try row.decode(String?.self, at: 5) else { return nil }
        return (try DirectoryStore.user(row), hash)
    }

    public func setPasswordHash(_ hash: String, for userID: Int64) async throws {
        try await pool.query("UPDATE users SET password_hash = \(hash), password_changed_at = now() WHERE id = \(userID)")
    }

    /// Starts a session; returns the cookie's secret.
    public func startSession(for user: User) async throws -> (token: String, csrf: String) {
        let token = Self.secret(), csrf = Self.secret()
        try await pool.query("""
            INSERT INTO sessions (token_hash, user_id, csrf_token) VALUES (sha256(convert_to(\(token), 'UTF8')), \(user.id), \(csrf))
            """)
        return (token, csrf)
    }

    /// The session's user if the session exists and was used within the idle timeout; using it
    /// keeps it alive. An expired session is removed.
    ///
    /// Reading it writes nothing: written on every request, one officer's pages at once
    /// deadlocked in the pool's batched transactions (issue 16, `bench service`). Its use is
    /// noted when the last note is a minute old (sooner for a short idle timeout), skipped
    /// rather than waited for while another request of the same session writes it.
    public func session(_ token: String) async throws -> Session? {
        let seconds = Int(idleTimeout.components.seconds)
        let noteAfter = min(60.0, Double(seconds) / 4)
        let rows = try await pool.query("""
            SELECT u.id, u.username, u.name, u.role, u.agency_id, s.csrf_token, s.last_seen_at < now() - make_interval(secs => \(noteAfter))
            FROM sessions s JOIN users u ON u.id = s.user_id AND u.active
            WHERE s.token_hash = sha256(convert_to(\(token), 'UTF8')) AND s.last_seen_at > now() - make_interval(secs => \(seconds))
            """)
        guard let row = rows.first else {
            try await pool.query("DELETE FROM sessions WHERE token_hash = sha256(convert_to(\(token), 'UTF8'))")
            return nil
        }
        if try row.decode(Bool.self, at: 6) {
            try await pool.query("""
                UPDATE sessions SET last_seen_at = now()
                WHERE token_hash = (SELECT token_hash FROM sessions WHERE token_hash = sha256(convert_to(\(token), 'UTF8')) FOR UPDATE SKIP LOCKED)
                """)
        }
        return Session(user: try DirectoryStore.user(row), csrfToken: try row.decode(String.self, at: 5))
    }

    public func endSession(_ token: String) async throws {
        try await pool.query("DELETE FROM sessions WHERE token_hash = sha256(convert_to(\(token), 'UTF8'))")
    }

    /// Ends the user's sessions and pending sign-ins.
    public func endAllSessions(of userID: Int64) async throws {
        try await pool.query("""
            WITH pending_ended AS (DELETE FROM pending_sign_ins WHERE user_id = \(userID))
            DELETE FROM sessions WHERE user_id = \(userID)
            """)
    }

    public struct APIToken: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var createdAt: Date
        public var lastUsedAt: Date?
    }

    /// Creates a personal token; the secret is returned once and never stored.
    public func createAPIToken(for user: User, name: String) async throws -> String {
        let secret = "dd_" + Self.secret()
        try await pool.query("""
            INSERT INTO api_tokens (user_id, name, token_hash) VALUES (\(user.id), \(name), sha256(convert_to(\(secret), 'UTF8')))
            """)
        return secret
    }

    /// The user a token signs in, by reading alone. Its last use is written at most once a
    /// minute, and never waited for: written on every request, two tokens' updates ran in
    /// opposite orders in the transactions the pool runs waiting statements in, and deadlocked
    /// (issue 16: 200 requests, p50 6.2 s, 8 deadlocks).
    public func user(forAPIToken secret: String) async throws -> User? {
        guard let row = try await pool.query("""
            SELECT u.id, u.username, u.name, u.role, u.agency_id, t.id, t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'
            FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.active
            WHERE t.token_hash = sha256(convert_to(\(secret), 'UTF8')) AND t.revoked_at IS NULL
            """).first else { return nil }
        let (token, stale) = (try row.decode(Int64.self, at: 5), try row.decode(Bool.self, at: 6))
        if stale {
            // Skipped, not waited for, while another request of the same token writes it.
            try await pool.query("""
                UPDATE api_tokens SET last_used_at = now()
                WHERE id = (SELECT id FROM api_tokens WHERE id = \(token) FOR UPDATE SKIP LOCKED)
                """)
        }
        return try DirectoryStore.user(row)
    }

    public func apiTokens(of userID: Int64) async throws -> [APIToken] {
        try await pool.query("""
            SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = \(userID) AND revoked_at IS NULL ORDER BY id
            """).map { APIToken(id: try $0.decode(Int64.self, at: 0), name: try $0.decode(String.self, at: 1),
                                 createdAt: try $0.decode(Date.self, at: 2), lastUsedAt: try $0.decode(Date?.self, at: 3)) }
    }

    public func revokeAPIToken(_ id: Int64, of userID: Int64) async throws {
        try await pool.query("UPDATE api_tokens SET revoked_at = now() WHERE id = \(id) AND user_id = \(userID)")
    }
}
