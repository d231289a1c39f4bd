import DisclosureCore
import Foundation
import LibPQ

/// Consecutive sign-in failures per user name (SignInThrottle), counted in PostgreSQL so that
/// every instance of the service sees the same count.
extension AccountStore {
    /// When the lock on this user name (a `SignInThrottle.key`) ends, if it is locked now.
    public func lockedUntil(username key: String) async throws -> Date? {
        try await pool.query("""
            SELECT locked_until FROM sign_in_failures WHERE username = \(key) AND locked_until > now()
            """).first?.decode(Date.self, at: 0)
    }

    /// Counts one more failure; returns when the lock ends if this failure locked the name. A
    /// count restarts after a lock has run out, or after a day without failures.
    public func recordFailure(username key: String) async throws -> Date? {
        let limit = SignInThrottle.failuresBeforeLockout, seconds = SignInThrottle.lockoutSeconds
        let row = try await pool.query("""
            WITH counted AS (
                INSERT INTO sign_in_failures AS f (username, failures, locked_until)
                VALUES (\(key), 1, CASE WHEN 1 >= \(limit) THEN now() + make_interval(secs => \(seconds)) END)
                ON CONFLICT (username) DO UPDATE SET
                    failures = CASE WHEN f.locked_until <= now() OR f.last_failure_at < now() - interval '1 day' THEN 1 ELSE f.failures + 1 END,
                    locked_until = CASE
                        WHEN f.locked_until > now() THEN f.locked_until
                        WHEN f.locked_until IS NULL AND f.last_failure_at >= now() - interval '1 day' AND f.failures + 1 >= \(limit)
                            THEN now() + make_interval(secs => \(seconds)) END,
                    last_failure_at = now()
                RETURNING failures, locked_until),
            forgotten AS (
                DELETE FROM sign_in_failures
                WHERE username <> \(key) AND last_failure_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now()))
            SELECT locked_until FROM counted
            """).single()
        return try row.decode(Date?.self, at: 0)
    }

    /// A session started: the count starts again.
    public func forgetFailures(username key: String) async throws {
        try await pool.query("DELETE FROM sign_in_failures WHERE username = \(key)")
    }
}
