import Foundation
import DisclosureCore
import LibPQ

/// Where account events (sign-ins, failures, lockouts, password changes) go. The service and
/// the command line both take theirs from `standard(pool:)`: the audit trail plugs in there, in
/// one line. Recording is awaited, and a failure to record fails the action that caused it.
public struct AccountEventLog: Sendable {
    public let record: @Sendable (AccountEvent) async throws -> Void

    public init(_ record: @escaping @Sendable (AccountEvent) async throws -> Void) {
        self.record = record
    }

    /// Drops every event.
    public static let none = AccountEventLog { _ in }

    /// The log of this installation: the audit trail. A change made from the command line
    /// (`by` nil) says so, with the machine's account that made it.
    public static func standard(pool: ConnectionPool) -> AccountEventLog {
        let audit = AuditStore(pool: pool)
        // Events name users by id; the trail names them as people read it.
        @Sendable func username(_ id: Int64) async throws -> String {
            try await pool.query("SELECT username FROM users WHERE id = \(id)").first?.decode(String.self, at: 0) ?? String(id)
        }
        @Sendable func user(_ id: Int64?) async throws -> AuditActor? {
            guard let id else { return nil }
            return AuditActor(userID: id, username: try await username(id))
        }
        let commandLine = ["via": "command line", "osUser": ProcessInfo.processInfo.environment["USER"] ?? "unknown"]
        return AccountEventLog { event in
            switch event {
            case .signedIn(let id, let username):
                try await audit.record(.signIn, by: AuditActor(userID: id, username: username))
            case .signInFailed(let username):
                try await audit.record(.signInFailed, by: .typed(username))
            case .lockedOut(let username, let until):
                try await audit.record(.lockout, by: .typed(username), detail: ["until": ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: until))])
            case .refusedWhileLocked(let username):
                try await audit.record(.lockout, by: .typed(username), detail: ["refused": "while locked"])
            case .secondFactorFailed(let id, let username):
                try await audit.record(.totpFailed, by: AuditActor(userID: id, username: username))
            case .secondFactorEnrolled(let id, let username):
                try await audit.record(.totpEnrolled, by: AuditActor(userID: id, username: username))
            case .secondFactorReset(let id, let by):
                try await audit.record(.totpReset, by: try await user(by), subject: try await username(id), detail: by == nil ? commandLine : [:])
            case .passwordChanged(let id):
                try await audit.record(.passwordChanged, by: try await user(id), subject: try await username(id))
            case .passwordReset(let id, let by):
                try await audit.record(.passwordReset, by: try await user(by), subject: try await username(id), detail: by == nil ? commandLine : [:])
            }
        }
    }
}
