import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird
import LibPQ

/// 管理 › 用户: the users found by name, username or agency, fifty a page (searched and paged in
/// PostgreSQL); adding an officer; resetting a password; deactivating and activating.
extension AdminPages {
    /// What the add-user form shows again after a refusal: what was typed (never the password)
    /// and, per field, what is wrong with it.
    struct UserForm: Sendable {
        var values: [String: String] = [:]
        var errors: [String: String] = [:]
    }

    static let usernameLimit = 60

    func registerUsers(on adminGroup: RouterGroup<SignedIn<Administrators>>) {
        adminGroup.get("users") { request, context in
            await pages.respond {
                let query = request.uri.queryParameters
                // A browser sends the search form's spaces as "+", which the query's decoding keeps.
                let search = query.get("q")?.replacingOccurrences(of: "+", with: " ")
                return try await users(context.identity, list: AdminUserList(search: search, page: query.get("page")),
                                       notice: Self.notice(request))
            }
        }
        adminGroup.post("users") { request, context in await pages.respond { try await addUser(context.identity, context.form ?? FormData("")) } }
        adminGroup.post("users/:id") { request, context in await pages.respond { try await changeUser(context.identity, context) } }
    }

    /// The section; `reset` marks the one user whose new password was refused, and why.
    func users(_ identity: Identity, list: AdminUserList, add: UserForm = UserForm(), reset: (id: Int64, error: String)? = nil,
               notice: String = "", error: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        let agencies = try await pages.agencies()
        let names = Dictionary(uniqueKeysWithValues: agencies.map { ($0.id, $0.shortName) })
        let found = try await pages.directory.userPage(search: list.search, page: list.page)
        var problems = list.problems
        if found.total > 0, found.page > found.pageCount { problems.append("共\(found.pageCount)页，没有第\(found.page)页。") }
        let errorText = ([error] + problems).filter { !$0.isEmpty }.joined(separator: "")
        let view = AdminUsersView(
            q: list.search, total: found.total, page: found.page, pageCount: found.pageCount,
            previous: found.page > 1 ? list.link(page: min(found.page - 1, found.pageCount)) : nil,
            next: found.page < found.pageCount ? list.link(page: found.page + 1) : nil,
            listPage: list.page > 1 ? String(list.page) : nil,
            users: found.users.map { u in
                .init(id: u.user.id, username: u.user.username, name: u.user.name, role: u.user.role.label, agency: names[u.user.agencyID] ?? "",
                      active: u.active, isMe: u.user.id == identity.user.id, extra: u.extraAgencies.compactMap { names[$0] }.joined(separator: "、"),
                      resetError: reset?.id == u.user.id ? reset?.error : nil)
            },
            add: add.values, errors: add.errors,
            agencyOptions: agencies.map { .init(value: String($0.id), label: $0.name, selected: add.values["agencyID"] == String($0.id)) },
            passwordRules: PasswordPolicy.chineseRules, passwordRulesShort: PasswordPolicy.chineseRulesShort,
            minLength: PasswordPolicy.minimumLength, maxLength: PasswordPolicy.maximumLength,
            usernameLimit: Self.usernameLimit, nameLimit: TextLimits.limit(for: "name"), searchLimit: AdminUserList.searchLimit)
        return section(.users, view, identity: identity, notice: notice, error: errorText, status: errorText.isEmpty ? status : (status == .ok ? .unprocessableContent : status))
    }

    func addUser(_ identity: Identity, _ form: FormData) async throws -> Response {
        let username = form["username"] ?? "", password = form["password"] ?? "", name = form["name"] ?? ""
        var typed = UserForm(values: ["username": username, "name": name, "agencyID": form["agencyID"] ?? ""])
        if !User.isValidUsername(username) {
            typed.errors["username"] = username.isEmpty ? "请填写用户名。" : "用户名只能使用小写字母、数字和 . _ -。"
        } else if username.count > Self.usernameLimit {
            typed.errors["username"] = "用户名最多\(Self.usernameLimit)个字符。"
        } else if try await pages.directory.user(username: username) != nil {
            typed.errors["username"] = "用户名 \(username) 已被使用。"
        }
        if name.allSatisfy(\.isWhitespace) { typed.errors["name"] = "请填写姓名。" }
        if name.count > TextLimits.limit(for: "name") { typed.errors["name"] = "姓名最多\(TextLimits.limit(for: "name"))个字。" }
        // A new account can work cases of its agency and nothing more; rights are the security
        // administrator's to grant (三员分立).
        let role = Role.officer
        let agencies = try await pages.agencies()
        let agency = form["agencyID"].flatMap { Int64($0) }.flatMap { id in agencies.first { $0.id == id } }
        if agency == nil { typed.errors["agencyID"] = "请选择所在机关。" }
        let weak = try PasswordRules.problems(password, username: username)
        if !weak.isEmpty { typed.errors["password"] = weak.map(\.chinese).joined() }
        guard typed.errors.isEmpty, let agency else {
            return try await users(identity, list: AdminUserList(), add: typed, error: "未添加用户：请按标出的提示修改。", status: .unprocessableContent)
        }
        let user: User
        do {
            user = try await pages.directory.addUser(username: username, name: name, role: role, agencyID: agency.id)
        } catch PostgresError.conflict {
            // Taken by a deactivated account (the check above sees active ones), or between the
            // check and the insert.
            typed.errors["username"] = "用户名 \(username) 已被使用。"
            return try await users(identity, list: AdminUserList(), add: typed, error: "未添加用户：请按标出的提示修改。", status: .unprocessableContent)
        }
        try await pages.accounts.setPasswordHash(await PasswordHasher.hash(password), for: user.id)
        try await pages.audit.record(.userAdded, by: identity.user, subject: user.username,
                                     detail: ["userID": String(user.id), "role": role.rawValue, "agency": agency.code])
        // Back to the list found by the new username: the new account is in sight.
        return Page.redirect(AdminUserList(search: user.username).link(done: "user"))
    }

    func changeUser(_ identity: Identity, _ context: some PageRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        // The slice of the list the form was sent from, to come back to; a bad value there only
        // means the first page.
        var list = AdminUserList(search: form["q"], page: form["page"])
        if !list.problems.isEmpty { list = AdminUserList() }
        guard let id = context.parameters.get("id", as: Int64.self), let user = try await pages.directory.listing(id: id)?.user else {
            return try await users(identity, list: list, error: "没有这个用户。", status: .notFound)
        }
        switch form["action"] {
        case "password":
            let problems = try PasswordRules.problems(form["password"] ?? "", username: user.username)
            if !problems.isEmpty {
                return try await users(identity, list: list, reset: (id, problems.map(\.chinese).joined()),
                                       error: "未重设\(user.name)（\(user.username)）的密码：请按标出的提示修改。", status: .unprocessableContent)
            }
            // Sessions, pending sign-ins and API tokens end with the old password.
            try await pages.accounts.resetPassword(await PasswordHasher.hash(form["password"] ?? ""), for: id)
            try await pages.events.record(.passwordReset(userID: id, by: identity.user.id))
            return Page.redirect(list.link(done: "password"))
        case "deactivate", "activate":
            if id == identity.user.id { return try await users(identity, list: list, error: "不能停用自己的账号。", status: .unprocessableContent) }
            let activate = form["action"] == "activate"
            try await pages.directory.setActive(id, activate)
            if !activate { try await pages.accounts.endAccess(of: id) }
            try await pages.audit.record(activate ? .userActivated : .userDeactivated, by: identity.user, subject: user.username,
                                         detail: ["userID": String(id)])
            return Page.redirect(list.link(done: "active"))
        default:
            return try await users(identity, list: list, error: "未知的操作。", status: .unprocessableContent)
        }
    }
}
