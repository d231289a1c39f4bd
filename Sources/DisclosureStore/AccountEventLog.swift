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

    /// The log of this installation. Until the audit store exists, events go nowhere.
    public static func standard(pool: ConnectionPool) -> AccountEventLog {
        .none
    }
}
