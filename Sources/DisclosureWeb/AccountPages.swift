import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 登录 (password, then for every role but officers a one-time code, with enrolment the first
/// time), 退出, and the profile page (password change, personal API tokens). The sign-in
/// rules themselves are in `SignIn`.
struct AccountPages: Sendable {
    let pages: Pages
    let secureCookies: Bool
    let signIn: SignIn

    /// The sign-in form's CSRF token before there is a session: a new random value per form,
    /// sent both as this cookie and as the form's `_csrf` field, which must agree.
    static let loginCSRFCookie = "dd_login_csrf"
    /// Between the password and the code: the pending sign-in's secret.
    static let pendingCookie = "dd_pending_sign_in"
    /// Longest password read from a form (bcrypt reads 72 bytes of it anyway).
    static let maximumPasswordLength = 1_024

    func register(on router: Router<AppRequestContext>) {
        let profileGroup = router.group("profile", context: SignedIn<Anyone>.self)
        router.get("login") { request, context in
            if context.identity != nil { return Page.redirect("/") }
            return loginForm(next: LocalRedirect.target(request.uri.queryParameters.get("next")))
        }
        router.post("login") { request, context in await pages.respond { try await login(request, context) } }
        router.get("login/code") { request, _ in
            await pages.respond {
                guard let token = request.cookies[Self.pendingCookie]?.value, let pending = try await pages.accounts.pendingSignIn(token) else {
                    return Page.redirect("/login")
                }
                return codeForm(pending, error: nil)
            }
        }
        router.post("login/code") { request, context in await pages.respond { try await code(request, context) } }
        router.post("logout") { request, context in
            await pages.respond {
                if case .session(let token, _)? = context.identity?.via { try await pages.accounts.endSession(token) }
                var response = Page.redirect("/login")
                response.setCookie(Cookie(name: AuthMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
                return response
            }
        }
        profileGroup.get("") { request, context in
            await pages.respond { try await profile(context.identity, notice: nil, error: nil, newToken: nil) }
        }
        profileGroup.post("password") { request, context in await pages.respond { try await changePassword(context.identity, context) } }
        profileGroup.post("reminders") { request, context in
            await pages.respond {
                do {
                    try await pages.notifications.setReminderAddress(context.form?["email"], of: context.identity.user.id)
                } catch LifecycleError.invalid(let problems) {
                    return try await profile(context.identity, notice: nil, error: problems.map(\.chinese).joined(), newToken: nil)
                }
                return try await profile(context.identity, notice: "已保存到期提醒邮箱。", error: nil, newToken: nil)
            }
        }
        profileGroup.post("tokens") { request, context in
            await pages.respond {
                let identity = context.identity
                guard let name = context.form?["name"] else { return try await profile(identity, notice: nil, error: "请为令牌起一个名称。", newToken: nil) }
                let secret = try await pages.accounts.createAPIToken(for: identity.user, name: name)
                return try await profile(identity, notice: "已创建令牌「\(name)」。它只显示这一次，请立即复制保存。", error: nil, newToken: secret)
            }
        }
        profileGroup.post("tokens/:id/revoke") { request, context in
            await pages.respond {
                let identity = context.identity
                if let id = context.parameters.get("id", as: Int64.self) { try await pages.accounts.revokeAPIToken(id, of: identity.user.id) }
                return Page.redirect("/profile")
            }
        }
    }

    /// The sign-in form with a fresh CSRF token in the form and in its cookie.
    func loginForm(next: String, username: String = "", error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let csrf = AccountStore.secret()
        var response = pages.page.render("login", view: LoginView(
            next: next, username: username, error: error, csrf: csrf,
            failures: SignInThrottle.failuresBeforeLockout, minutes: SignInThrottle.lockoutSeconds / 60
        ), identity: nil, status: status)
        response.setCookie(Cookie(name: Self.loginCSRFCookie, value: csrf, path: "/login", secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        let next = LocalRedirect.target(form["next"])
        let username = String((form["username"] ?? "").prefix(SignInThrottle.maximumUsernameLength))
        guard SecretComparison.equal(form["_csrf"], request.cookies[Self.loginCSRFCookie]?.value) else {
            return loginForm(next: next, username: username, error: "登录页面已过期或来源不明，请重新输入用户名和密码。", status: .forbidden)
        }
        let password = String((form["password"] ?? "").prefix(Self.maximumPasswordLength))
        switch try await signIn.password(username: username, password: password, next: next) {
        case .session(let token, let next):
            return signedIn(token: token, next: next)
        case .needsCode(let pendingToken):
            var response = Page.redirect("/login/code")
            response.setCookie(Cookie(name: Self.pendingCookie, value: pendingToken, maxAge: Int(SignIn.pendingLifetime.components.seconds),
                                      path: "/login", secure: secureCookies, httpOnly: true, sameSite: .strict))
            return response
        case .locked(let until):
            return loginForm(next: next, username: username, error: Self.lockedMessage(until), status: .tooManyRequests)
        case .refused, .expired:
            return loginForm(next: next, username: username, error: "用户名或密码不正确。", status: .unauthorized)
        }
    }

    func code(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        guard let token = request.cookies[Self.pendingCookie]?.value, let pending = try await pages.accounts.pendingSignIn(token) else {
            return loginForm(next: "/", error: "验证已超时，请重新登录。", status: .unauthorized)
        }
        guard SecretComparison.equal(form["_csrf"], pending.csrfToken) else {
            return codeForm(pending, error: "页面已过期或来源不明，请重新输入验证码。", status: .forbidden)
        }
        switch try await signIn.code(String((form["code"] ?? "").prefix(16)), pending: pending, token: token) {
        case .session(let sessionToken, let next):
            var response = signedIn(token: sessionToken, next: next)
            response.setCookie(Cookie(name: Self.pendingCookie, value: "", maxAge: 0, path: "/login", secure: secureCookies, httpOnly: true, sameSite: .strict))
            return response
        case .refused:
            return codeForm(pending, error: "验证码不正确或已使用过，请输入验证器当前显示的6位数字。", status: .unauthorized)
        case .locked(let until):
            return loginForm(next: pending.next, error: Self.lockedMessage(until), status: .tooManyRequests)
        case .expired, .needsCode:
            return loginForm(next: pending.next, error: "验证已超时，请重新登录。", status: .unauthorized)
        }
    }

    func codeForm(_ pending: AccountStore.PendingSignIn, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let enrolment = pending.enrolmentSecret.map { secret in
            let grouped = OneTimeCodes.base32(secret).enumerated().map { ($0.offset > 0 && $0.offset % 4 == 0 ? " " : "") + String($0.element) }.joined()
            return LoginCodeView.Enrolment(name: pending.user.name, role: pending.user.role.label, secret: grouped,
                                           uri: OneTimeCodes.uri(secret: secret, username: pending.user.username))
        }
        return pages.page.render("login_code", view: LoginCodeView(csrf: pending.csrfToken, error: error, enrol: enrolment), identity: nil, status: status)
    }

    /// The session cookie, the sign-in form's cookie removed, and on to `next`.
    func signedIn(token: String, next: String) -> Response {
        var response = Page.redirect(next)
        response.setCookie(Cookie(name: AuthMiddleware.cookieName, value: token, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        response.setCookie(Cookie(name: Self.loginCSRFCookie, value: "", maxAge: 0, path: "/login", secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Said the same way for every user name, real or not.
    static func lockedMessage(_ until: Date) -> String {
        "该用户名连续登录失败\(SignInThrottle.failuresBeforeLockout)次，已暂停登录，请于\(chinaTime(until))（北京时间）之后再试。"
    }

    static func chinaTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date.addingTimeInterval(59))
        return "\(c.year!)年\(c.month!)月\(c.day!)日 \(c.hour!):" + (c.minute! < 10 ? "0" : "") + "\(c.minute!)"
    }

    func changePassword(_ identity: Identity, _ context: some PageRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        guard let (_, hash) = try await pages.accounts.passwordHash(username: identity.user.username),
              await PasswordHasher.verify(String((form["current"] ?? "").prefix(Self.maximumPasswordLength)), hash: hash) else {
            return try await profile(identity, notice: nil, error: "当前密码不正确。", newToken: nil)
        }
        let new = form["new"] ?? ""
        if new != (form["repeat"] ?? "") { return try await profile(identity, notice: nil, error: "两次输入的新密码不一致。", newToken: nil) }
        let problems = try PasswordRules.problems(new, username: identity.user.username)
        if !problems.isEmpty { return try await profile(identity, notice: nil, error: problems.map(\.chinese).joined(separator: ""), newToken: nil) }
        try await pages.accounts.setPasswordHash(await PasswordHasher.hash(new), for: identity.user.id)
        try await pages.events.record(.passwordChanged(userID: identity.user.id))
        return try await profile(identity, notice: "密码已修改。", error: nil, newToken: nil)
    }

    func profile(_ identity: Identity, notice: String?, error: String?, newToken: String?) async throws -> Response {
        let tokens = try await pages.accounts.apiTokens(of: identity.user.id)
        let formatter = ISO8601DateFormatter()
        return pages.page.render("profile", view: ProfileView(
            notice: notice, reminderAddress: try await pages.notifications.reminderAddress(of: identity.user.id) ?? "", error: error, newToken: newToken,
            user: .init(name: identity.user.name, username: identity.user.username, role: identity.user.role.label),
            tokens: tokens.map { .init(id: $0.id, name: $0.name, created: formatter.string(from: $0.createdAt),
                                       used: $0.lastUsedAt.map(formatter.string(from:)) ?? "从未使用") }
        ), identity: identity)
    }
}
