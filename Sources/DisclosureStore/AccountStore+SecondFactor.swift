import DisclosureCore
import Foundation
import LibPQ

/// The one-time-code secret of a user and the step after a correct password: a pending sign-in,
/// which opens nothing but the code page and lasts a few minutes.
extension AccountStore {
    /// What signing in with a password needs to know of a user name (a `SignInThrottle.key`):
    /// nil for a name that is unknown, inactive or without a password.
    public struct Credentials: Sendable {
        public var user: User
        public var passwordHash: String
        public var hasSecondFactor: Bool
    }

    public func credentials(username key: String) async throws -> Credentials? {
        let rows = try await pool.query("""
            SELECT id, username, name, role, agency_id, password_hash, totp_secret IS NOT NULL
            FROM users WHERE username = \(key) AND active AND password_hash IS NOT NULL
            """)
        guard let row = rows.first else { return nil }
        return Credentials(user: try DirectoryStore.user(row), passwordHash: try row.decode(String.self, at: 5),
                           hasSecondFactor: try row.decode(Bool.self, at: 6))
    }

    /// Sets (or with nil removes) the secret of the user's authenticator.
    public func setSecondFactorSecret(_ secret: String?, for userID: Int64) async throws {
        try await pool.query("UPDATE users SET totp_secret = \(secret), totp_last_step = NULL WHERE id = \(userID)")
    }

    /// The secret of the user's authenticator, if they have one.
    public func secondFactorSecret(of userID: Int64) async throws -> String? {
        try await pool.query("SELECT totp_secret FROM users WHERE id = \(userID)").first?.decode(String?.self, at: 0)
    }

    /// Records that a code of `step` was accepted (with `enrolling`, first saving that secret as the
    /// user's). False if a code of this step or a later one was accepted meanwhile: two sign-ins
    /// racing with the same code, one of them refused.
    public func acceptSecondFactor(userID: Int64, step: Int64, enrolling secret: String?) async throws -> Bool {
        try await pool.query("""
            UPDATE users SET totp_secret = coalesce(\(secret), totp_secret), totp_last_step = \(step)
            WHERE id = \(userID) AND active AND (totp_last_step IS NULL OR totp_last_step < \(step))
                AND (\(secret)::text IS NULL OR totp_secret IS NULL)
            RETURNING id
            """).first != nil
    }

    public struct PendingSignIn: Sendable {
        public var user: User
        public var csrfToken: String
        /// Where to go once signed in (already checked to be a local path).
        public var next: String
        /// A secret offered for enrolment, for a user who must use codes but has none yet.
        public var enrolmentSecret: String?
        /// The user's current secret, and the last step whose code was accepted.
        public var secret: String?
        public var lastStep: Int64?
    }

    /// After a correct password: returns the cookie's secret and the code form's CSRF token.
    public func startPendingSignIn(for user: User, next: String, enrolmentSecret: String?, lifetime: Duration) async throws -> (token: String, csrf: String) {
        let token = Self.secret(), csrf = Self.secret()
        try await pool.query("""
            WITH expired AS (DELETE FROM pending_sign_ins WHERE expires_at < now())
            INSERT INTO pending_sign_ins (token_hash, user_id, csrf_token, next, enrolment_secret, expires_at)
            VALUES (sha256(convert_to(\(token), 'UTF8')), \(user.id), \(csrf), \(next), \(enrolmentSecret),
                    now() + make_interval(secs => \(Int(lifetime.components.seconds))))
            """)
        return (token, csrf)
    }

    /// The pending sign-in of this cookie, if it has not expired and its user is still active.
    public func pendingSignIn(_ token: String) async throws -> PendingSignIn? {
        guard let row = try await pool.query("""
            SELECT u.id, u.username, u.name, u.role, u.agency_id, p.csrf_token, p.next, p.enrolment_secret, u.totp_secret, u.totp_last_step
            FROM pending_sign_ins p JOIN users u ON u.id = p.user_id AND u.active
            WHERE p.token_hash = sha256(convert_to(\(token), 'UTF8')) AND p.expires_at > now()
            """).first else { return nil }
        return PendingSignIn(user: try DirectoryStore.user(row), csrfToken: try row.decode(String.self, at: 5),
                             next: try row.decode(String.self, at: 6), enrolmentSecret: try row.decode(String?.self, at: 7),
                             secret: try row.decode(String?.self, at: 8), lastStep: try row.decode(Int64?.self, at: 9))
    }

    public func endPendingSignIn(_ token: String) async throws {
        try await pool.query("DELETE FROM pending_sign_ins WHERE token_hash = sha256(convert_to(\(token), 'UTF8'))")
    }
}
