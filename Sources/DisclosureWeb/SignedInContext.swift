import DisclosureCore
import Hummingbird

/// Who may use a group of pages. Every page group requires a session; some one role besides.
protocol PageAccess: Sendable {
    /// nil: any signed-in user.
    static var roles: Set<Role>? { get }
    /// Why anyone else is refused (403, recorded in the audit trail).
    static var refusal: String { get }
}

enum Anyone: PageAccess {
    static let roles: Set<Role>? = nil
    static let refusal = ""
}

enum Supervisors: PageAccess {
    static let roles: Set<Role>? = [.supervisor]
    static let refusal = "该页面仅供审核人使用。"
}

enum Administrators: PageAccess {
    static let roles: Set<Role>? = [.administrator]
    static let refusal = "管理页面仅供系统管理员使用。"
}

enum SecurityAdministrators: PageAccess {
    static let roles: Set<Role>? = [.securityAdministrator]
    static let refusal = "权限管理页面仅供安全管理员使用。"
}

enum Auditors: PageAccess {
    static let roles: Set<Role>? = [.auditor]
    static let refusal = "审计日志仅供审计员查阅。"
}

/// What a page handler reads from its request context.
protocol PageRequestContext: RequestContext {
    var identity: Identity { get }
    var form: FormData? { get }
    var multipart: MultipartForm? { get }
}

/// The context of a group of pages: reached only with a session (otherwise the sign-in page,
/// coming back here) and the group's role (otherwise 403), so handlers get a user, never nil.
struct SignedIn<Access: PageAccess>: ChildRequestContext, PageRequestContext {
    typealias ParentContext = AppRequestContext
    var coreContext: CoreRequestContextStorage
    let identity: Identity
    let form: FormData?
    let multipart: MultipartForm?

    init(context: AppRequestContext) throws {
        // A personal API token opens the JSON API only, never a page (issue 13).
        guard let identity = context.identity, case .session = identity.via else {
            throw RedirectError(location: "/login?next=" + (context.requestTarget.addingPercentEncoding(
                withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "="])) ?? "/"))
        }
        if let roles = Access.roles, !roles.contains(identity.user.role) { throw ForbiddenError(text: Access.refusal) }
        coreContext = context.coreContext
        self.identity = identity
        form = context.form
        multipart = context.multipart
    }
}
