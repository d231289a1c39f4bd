import DisclosureCore
import Foundation

/// Who an audit entry is about: a signed-in user, or only the name someone typed (a failed
/// sign-in under an unknown or mistyped username).
public struct AuditActor: Sendable, Equatable {
    public var userID: Int64?
    public var username: String?

    public init(userID: Int64?, username: String?) {
        self.userID = userID
        self.username = username
    }

    public init(_ user: User) {
        self.init(userID: user.id, username: user.username)
    }

    /// A name typed at sign-in that matches no user.
    public static func typed(_ username: String) -> AuditActor { AuditActor(userID: nil, username: username) }
}

/// One row of the audit trail as the 审计 page and `disclosure audit list` show it.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var actorID: Int64?
    public var actorUsername: String?
    /// The stored code; `kind` is nil only for a code this version does not know.
    public var code: String
    public var subject: String?
    public var detail: [String: String]
    public var client: String?

    public var kind: AuditKind? { AuditKind(rawValue: code) }
    public var label: String { kind?.label ?? code }
}

/// Which entries to list, newest first. Dates are days in China, both ends included.
public struct AuditFilter: Sendable, Equatable {
    public var kind: AuditKind?
    public var username: String?
    public var from: LocalDate?
    public var to: LocalDate?
    /// The whole subject: a case number, a username, an agency's code, an export, a path.
    public var subject: String?
    public var page = 1
    public var pageSize = 50

    public init() {}

    public static let maxPageSize = 200
    /// Keeps the offset bounded (2,000,000 rows at most).
    public static let maxPage = 10_000
    /// Counting stops here; the page then says "more than".
    public static let countLimit = 100_000
}

public struct AuditPage: Sendable, Equatable {
    public var entries: [AuditEntry]
    /// Entries matching the filter, counted up to `AuditFilter.countLimit`.
    public var total: Int
    public var totalIsCapped: Bool
    public var page: Int
    public var pageSize: Int
}
