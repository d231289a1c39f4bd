/// What an entry of the audit trail records (issue 13, 等保2.0 三级 安全审计). A closed list: the
/// raw values are the codes stored in `audit_log.kind` (Schema 0018 writes `case_event` itself,
/// from the trigger on case_events), the labels are what the 审计 page shows.
public enum AuditKind: String, CaseIterable, Sendable, Codable {
    // Signing in and the account's secrets.
    case signIn = "sign_in"
    case signInFailed = "sign_in_failed"
    case lockout = "lockout"
    case totpFailed = "totp_failed"
    case totpEnrolled = "totp_enrolled"
    case totpReset = "totp_reset"
    case signOut = "sign_out"
    case passwordChanged = "password_changed"
    case passwordReset = "password_reset"
    case apiTokenCreated = "api_token_created"
    case apiTokenRevoked = "api_token_revoked"
    // Access refused to a signed-in user.
    case permissionDenied = "permission_denied"
    // Administration of users and agencies.
    case userAdded = "user_added"
    case userDeactivated = "user_deactivated"
    case userActivated = "user_activated"
    case roleChanged = "role_changed"
    case agencyAssigned = "agency_assigned"
    case agencyUnassigned = "agency_unassigned"
    case agencyChanged = "agency_changed"
    // Data leaving the system or shown in full.
    case export = "export"
    case identityNumberViewed = "identity_number_viewed"
    // The cases' history, and reading the trail itself.
    case caseEvent = "case_event"
    case auditViewed = "audit_viewed"

    public var label: String {
        switch self {
        case .signIn: return "登录成功"
        case .signInFailed: return "登录失败"
        case .lockout: return "账号锁定"
        case .totpFailed: return "动态口令验证失败"
        case .totpEnrolled: return "绑定动态口令"
        case .totpReset: return "重置动态口令"
        case .signOut: return "退出登录"
        case .passwordChanged: return "修改密码"
        case .passwordReset: return "重设密码"
        case .apiTokenCreated: return "创建API令牌"
        case .apiTokenRevoked: return "撤销API令牌"
        case .permissionDenied: return "越权访问被拒绝"
        case .userAdded: return "添加用户"
        case .userDeactivated: return "停用用户"
        case .userActivated: return "启用用户"
        case .roleChanged: return "变更角色"
        case .agencyAssigned: return "增加可办理机关"
        case .agencyUnassigned: return "取消可办理机关"
        case .agencyChanged: return "修改机关设置"
        case .export: return "导出数据"
        case .identityNumberViewed: return "查看完整身份证件号码"
        case .caseEvent: return "案件办理记录"
        case .auditViewed: return "查阅审计日志"
        }
    }
}
