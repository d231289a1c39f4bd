import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 管理: users (added as officers; roles and grants are the security administrator's, SecurityPages),
/// agencies, letter templates and the library's words, for administrators; the
/// working-day calendar has a page of its own (CalendarPages).
struct AdminPages: Sendable {
    let pages: Pages
    let templates: LetterTemplateStore
    let library: LibraryStore

    func register(on router: Router<AppRequestContext>) {
        router.get("admin") { request, context in
            await pages.respond {
                try await render(try admin(request, context), notice: request.uri.queryParameters.get("done").flatMap { Self.notices[$0] }, error: nil)
            }
        }
        router.post("admin/users") { request, context in await pages.respond { try await addUser(try admin(request, context), context.form ?? FormData("")) } }
        router.post("admin/users/:id") { request, context in await pages.respond { try await changeUser(try admin(request, context), context) } }
        router.post("admin/agencies/:id") { request, context in await pages.respond { try await changeAgency(try admin(request, context), context) } }
        router.post("admin/templates") { request, context in
            await pages.respond {
                let identity = try admin(request, context)
                let form = context.form ?? FormData("")
                guard let kind = form["kind"].flatMap(LetterKind.init(rawValue:)) else {
                    return try await render(identity, notice: nil, error: "请选择文书种类。", status: .unprocessableContent)
                }
                try await templates.set(kind, closing: form.all("closing").last ?? "", by: identity.user)
                return Page.redirect("/admin?done=template")
            }
        }
        router.post("admin/synonyms") { request, context in
            await pages.respond {
                let identity = try admin(request, context)
                let form = context.form ?? FormData("")
                do {
                    if form["action"] == "remove" {
                        try await library.removeSynonym(form["term"] ?? "", form["synonym"] ?? "")
                    } else {
                        try await library.addSynonym(form["term"] ?? "", form["synonym"] ?? "")
                    }
                } catch let error as LifecycleError {
                    return try await render(identity, notice: nil, error: error.chineseDescription, status: .unprocessableContent)
                }
                return Page.redirect("/admin?done=synonyms")
            }
        }
        router.post("admin/topics") { request, context in
            await pages.respond {
                let identity = try admin(request, context)
                do { try await library.addTopic(context.form?["name"] ?? "") } catch let error as LifecycleError {
                    return try await render(identity, notice: nil, error: error.chineseDescription, status: .unprocessableContent)
                }
                return Page.redirect("/admin?done=topics")
            }
        }
    }

    /// What the page says after a change (`?done=…`).
    static let notices = ["user": "已添加用户。", "password": "已重设密码，该用户的登录已全部退出，其接口令牌已全部作废。", "agency": "已保存机关设置。",
                          "active": "已更改用户状态。", "template": "已保存文书模板。",
                          "synonyms": "已更新同义词。", "topics": "已增加主题。"]

    /// Administrators only; anyone else signed in gets a 403, which the audit trail records.
    func admin(_ request: Request, _ context: AppRequestContext) throws -> Identity {
        let identity = try pages.signedIn(request, context)
        guard identity.user.role == .administrator else { throw ForbiddenError(text: "管理页面仅供系统管理员使用。") }
        return identity
    }

    func render(_ identity: Identity, notice: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let agencies = try await pages.agencies()
        let names = Dictionary(uniqueKeysWithValues: agencies.map { ($0.id, $0.shortName) })
        let users = try await pages.directory.allUsers()
        let calendar = try await pages.cases.calendars.calendar()
        let closings = try await templates.templates()
        let synonyms = try await library.synonyms()
        let topics = try await library.topics()
        return pages.page.render("admin", [
            "synonyms": synonyms.map { ["term": $0.term, "synonym": $0.synonym] }, "synonymCount": synonyms.count,
            "topics": topics.joined(separator: "、"),
            "templates": LetterKind.allCases.map { ["kind": $0.rawValue, "title": $0.title, "closing": closings[$0]?.closing ?? ""] },
            "notice": notice ?? "", "error": error ?? "",
            "users": users.map { u -> [String: Any] in
                ["id": u.user.id, "username": u.user.username, "name": u.user.name, "role": u.user.role.label,
                 "agency": names[u.user.agencyID] ?? "", "active": u.active,
                 "extra": u.extraAgencies.compactMap { names[$0] }.joined(separator: "、")]
            },
            "agencyOptions": agencies.map { ["value": $0.id, "label": $0.name] },
            "agencies": agencies.map { a -> [String: Any] in
                ["id": a.id, "name": a.name, "short": a.shortName, "kind": a.kind.label, "body": a.reconsiderationBody,
                 "format": a.caseNumberFormat, "example": (try? CaseNumberFormat(a.caseNumberFormat))?.render(shortName: a.shortName, name: a.name, year: 2024, sequence: 12) ?? ""]
            },
            "calendarReminders": try await CalendarPages.reminders(calendar, today: pages.today(), cases: pages.cases).map { ["line": $0] },
            "lastNotice": calendar.knownYears.last.map { "\($0)年" } ?? "",
        ], identity: identity, status: status)
    }

    func addUser(_ identity: Identity, _ form: FormData) async throws -> Response {
        let username = form["username"] ?? "", password = form["password"] ?? ""
        var problems: [String] = []
        if !User.isValidUsername(username) { problems.append("用户名只能使用小写字母、数字和 . _ -。") }
        if form["name"] == nil { problems.append("请填写姓名。") }
        // A new account can work cases of its agency and nothing more; rights are the security
        // administrator's to grant (三员分立).
        let role = Role.officer
        let agency = form["agencyID"].flatMap { Int64($0) }
        if agency == nil { problems.append("请选择所在机关。") }
        problems += try PasswordRules.problems(password, username: username).map(\.chinese)
        if try await pages.directory.user(username: username) != nil { problems.append("用户名 \(username) 已被使用。") }
        guard problems.isEmpty, let agency else {
            return try await render(identity, notice: nil, error: "未添加用户：" + problems.joined(separator: ""), status: .unprocessableContent)
        }
        let user = try await pages.directory.addUser(username: username, name: form["name"]!, role: role, agencyID: agency)
        try await pages.accounts.setPasswordHash(await PasswordHasher.hash(password), for: user.id)
        try await pages.audit.record(.userAdded, by: identity.user, subject: user.username,
                                     detail: ["userID": String(user.id), "role": role.rawValue, "agency": try await agencyCode(agency)])
        return Page.redirect("/admin?done=user")
    }

    func changeUser(_ identity: Identity, _ context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        guard let id = context.parameters.get("id", as: Int64.self), let user = try await pages.directory.allUsers().first(where: { $0.user.id == id })?.user else {
            return try await render(identity, notice: nil, error: "没有这个用户。", status: .notFound)
        }
        switch form["action"] {
        case "password":
            let password = form["password"] ?? ""
            let problems = try PasswordRules.problems(password, username: user.username)
            if !problems.isEmpty { return try await render(identity, notice: nil, error: problems.map(\.chinese).joined(), status: .unprocessableContent) }
            // Sessions, pending sign-ins and API tokens end with the old password.
            try await pages.accounts.resetPassword(await PasswordHasher.hash(password), for: id)
            try await pages.events.record(.passwordReset(userID: id, by: identity.user.id))
            return Page.redirect("/admin?done=password")
        case "deactivate", "activate":
            if id == identity.user.id { return try await render(identity, notice: nil, error: "不能停用自己的账号。", status: .unprocessableContent) }
            let activate = form["action"] == "activate"
            try await pages.directory.setActive(id, activate)
            if !activate { try await pages.accounts.endAccess(of: id) }
            try await pages.audit.record(activate ? .userActivated : .userDeactivated, by: identity.user, subject: user.username,
                                         detail: ["userID": String(id)])
            return Page.redirect("/admin?done=active")
        default:
            return try await render(identity, notice: nil, error: "未知的操作。", status: .unprocessableContent)
        }
    }

    func changeAgency(_ identity: Identity, _ context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        guard let id = context.parameters.get("id", as: Int64.self), let short = form["shortName"], let body = form["body"], let format = form["format"] else {
            return try await render(identity, notice: nil, error: "请填写简称、复议机关和编号格式。", status: .unprocessableContent)
        }
        do {
            try await pages.directory.updateAgency(id, shortName: short, reconsiderationBody: body, caseNumberFormat: format)
            try await pages.audit.record(.agencyChanged, by: identity.user, subject: try await agencyCode(id),
                                         detail: ["shortName": short, "reconsiderationBody": body, "caseNumberFormat": format])
        } catch let error as CaseNumberFormat.Failure {
            let text = error == .missingSequence ? "编号格式必须包含 {seq} 或 {seq:N}，否则编号会重复。" : "编号格式中只能使用 {short}、{name}、{year}、{seq}、{seq:N}。"
            return try await render(identity, notice: nil, error: "未保存：" + text, status: .unprocessableContent)
        }
        return Page.redirect("/admin?done=agency")
    }

    /// Agencies are named by code in the audit trail: ids mean nothing to an auditor.
    func agencyCode(_ id: Int64) async throws -> String {
        try await pages.directory.agency(id: id)?.code ?? String(id)
    }

}
