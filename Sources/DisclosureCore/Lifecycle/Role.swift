/// What a user may do (domain.md §1).
public enum Role: String, CaseIterable, Sendable, Codable {
    /// 承办人: registers and works cases.
    case officer = "officer"
    /// 审核人: approves extensions and delayed deadlines, signs off replies.
    case supervisor = "supervisor"
    /// 系统管理员: users, agencies, calendar and settings; works no cases (三员分立).
    case administrator = "administrator"
    /// 安全管理员: roles and the agencies each user works for; works no cases.
    case securityAdministrator = "security_administrator"
    /// 审计员: reads the audit trail only; works no cases.
    case auditor = "auditor"

    public var label: String {
        switch self {
        case .officer: return "承办人"
        case .supervisor: return "审核人"
        case .administrator: return "系统管理员"
        case .securityAdministrator: return "安全管理员"
        case .auditor: return "审计员"
        }
    }

    /// Officers and supervisors work cases; the three administrative roles of 等保 三员分立
    /// (system, security, audit) do not, so that none of them can both act and cover it up.
    public var worksCases: Bool { self == .officer || self == .supervisor }
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
