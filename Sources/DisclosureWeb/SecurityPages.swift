import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 权限管理, for the security administrator (安全管理员) alone: each user's role and the further
/// agencies whose cases they work. The system administrator adds users (as officers), resets
/// passwords and deactivates; only here do rights change (三员分立).
struct SecurityPages: Sendable {
    let pages: Pages

    func register(on router: Router<AppRequestContext>) {
        let securityGroup = router.group("security", context: SignedIn<SecurityAdministrators>.self)
        securityGroup.get("") { request, context in
            await pages.respond {
                try await render(context.identity, notice: request.uri.queryParameters.get("done").flatMap { Self.notices[$0] }, error: nil)
            }
        }
        securityGroup.post("users/:id") { request, context in await pages.respond { try await change(context.identity, context) } }
    }

    static let notices = ["role": "已更改角色，该用户需重新登录。", "assign": "已增加该用户可办理的机关。", "unassign": "已取消该用户办理该机关案件的权限。"]

    func render(_ identity: Identity, notice: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let agencies = try await pages.agencies()
        let names = Dictionary(uniqueKeysWithValues: agencies.map { ($0.id, $0.shortName) })
        return pages.page.render("security", view: SecurityView(
            notice: notice, error: error,
            users: try await pages.directory.allUsers().map { u in
                .init(id: u.user.id, username: u.user.username, name: u.user.name, agency: names[u.user.agencyID] ?? "", active: u.active,
                      isSelf: u.user.id == identity.user.id,
                      roles: SelectOption.all(Role.self, label: \.label) { $0 == u.user.role },
                      extra: u.extraAgencies.map { .init(agencyID: $0, agencyName: names[$0] ?? "") })
            },
            agencyOptions: agencies.map { SelectOption(value: String($0.id), label: $0.name, selected: false) }
        ), identity: identity, status: status)
    }

    func change(_ identity: Identity, _ context: some PageRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        guard let id = context.parameters.get("id", as: Int64.self), let user = try await pages.directory.allUsers().first(where: { $0.user.id == id })?.user else {
            return try await render(identity, notice: nil, error: "没有这个用户。", status: .notFound)
        }
        if id == identity.user.id { return try await render(identity, notice: nil, error: "不能更改自己的角色和授权。", status: .unprocessableContent) }
        switch form["action"] {
        case "role":
            guard let role = form["role"].flatMap(Role.init(rawValue:)) else { return try await render(identity, notice: nil, error: "请选择角色。", status: .unprocessableContent) }
            try await pages.directory.setRole(role, of: id)
            try await pages.audit.record(.roleChanged, by: identity.user, subject: user.username,
                                         detail: ["userID": String(id), "from": user.role.rawValue, "to": role.rawValue])
            return Page.redirect("/security?done=role")
        case "assign", "unassign":
            guard let agency = try await pages.agencies().first(where: { $0.id == form["agencyID"].flatMap { Int64($0) } }) else {
                return try await render(identity, notice: nil, error: "请选择机关。", status: .unprocessableContent)
            }
            let assign = form["action"] == "assign"
            if assign { try await pages.directory.assign(user: id, toAgency: agency.id) } else { try await pages.directory.unassign(user: id, fromAgency: agency.id) }
            try await pages.audit.record(assign ? .agencyAssigned : .agencyUnassigned, by: identity.user, subject: user.username,
                                         detail: ["userID": String(id), "agency": agency.code])
            return Page.redirect("/security?done=\(form["action"]!)")
        default:
            return try await render(identity, notice: nil, error: "未知的操作。", status: .unprocessableContent)
        }
    }
}
