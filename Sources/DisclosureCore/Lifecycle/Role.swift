/// What a user may do (domain.md §1).
public enum Role: String, CaseIterable, Sendable, Codable {
    /// 承办人: registers and works cases.
    case officer = "officer"
    /// 审核人: approves extensions and delayed deadlines, signs off replies.
    case supervisor = "supervisor"
    /// 系统管理员: agencies, users, calendar; may act on cases as an officer would.
    case administrator = "administrator"
    /// 审计员: reads only.
    case auditor = "auditor"

    public var label: String {
        switch self {
        case .officer: return "承办人"
        case .supervisor: return "审核人"
        case .administrator: return "系统管理员"
        case .auditor: return "审计员"
        }
    }
}

/// Who recorded an event.
public struct Actor: Sendable, Equatable, Codable {
    public var userID: Int64
    public var role: Role

    public init(userID: Int64, role: Role) {
        self.userID = userID
        self.role = role
    }
}
