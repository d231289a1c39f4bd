import DisclosureCore
import LibPQ

/// Ending everything that lets a user in, when someone else sets their password or the account
/// is deactivated: a holder of an old session or token must not outlive either.
extension AccountStore {
    /// An administrator's or the command line's new password: it replaces the old one, and the
    /// user's sessions, pending sign-ins and API tokens end with it, in one statement.
    public func resetPassword(_ hash: String, for userID: Int64) async throws {
        try await pool.query("""
            WITH sessions_ended AS (DELETE FROM sessions WHERE user_id = \(userID)),
                 pending_ended AS (DELETE FROM pending_sign_ins WHERE user_id = \(userID)),
                 tokens_revoked AS (UPDATE api_tokens SET revoked_at = now() WHERE user_id = \(userID) AND revoked_at IS NULL)
            UPDATE users SET password_hash = \(hash), password_changed_at = now() WHERE id = \(userID)
            """)
    }

    /// Sessions, pending sign-ins and API tokens of the user end (on deactivation). Revoked
    /// tokens stay revoked if the account is activated again.
    public func endAccess(of userID: Int64) async throws {
        try await pool.query("""
            WITH sessions_ended AS (DELETE FROM sessions WHERE user_id = \(userID)),
                 pending_ended AS (DELETE FROM pending_sign_ins WHERE user_id = \(userID))
            UPDATE api_tokens SET revoked_at = now() WHERE user_id = \(userID) AND revoked_at IS NULL
            """)
    }
}
