import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 登录, 退出, and the profile page (password change, personal API tokens).
struct AccountPages: Sendable {
    let pages: Pages
    let secureCookies: Bool

    func register(on router: Router<AppRequestContext>) {
        router.get("login") { request, context in
            if context.identity != nil { return Page.redirect("/") }
            return pages.page.render("login", ["next": request.uri.queryParameters.get("next") ?? "/"], identity: nil)
        }
        router.post("login") { _, context in await pages.respond { try await login(context) } }
        router.post("logout") { request, context in
            await pages.respond {
                if case .session(let token, _)? = context.identity?.via { try await pages.accounts.endSession(token) }
                var response = Page.redirect("/login")
                response.setCookie(Cookie(name: AuthMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
                return response
            }
        }
        router.get("profile") { request, context in
            await pages.respond { try await profile(try pages.signedIn(request, context), notice: nil, error: nil, newToken: nil) }
        }
        router.post("profile/password") { request, context in await pages.respond { try await changePassword(try pages.signedIn(request, context), context) } }
        router.post("profile/tokens") { request, context in
            await pages.respond {
                let identity = try pages.signedIn(request, context)
                guard let name = context.form?["name"] else { return try await profile(identity, notice: nil, error: "请为令牌起一个名称。", newToken: nil) }
                let secret = try await pages.accounts.createAPIToken(for: identity.user, name: name)
                return try await profile(identity, notice: "已创建令牌「\(name)」。它只显示这一次，请立即复制保存。", error: nil, newToken: secret)
            }
        }
        router.post("profile/tokens/:id/revoke") { request, context in
            await pages.respond {
                let identity = try pages.signedIn(request, context)
                if let id = context.parameters.get("id", as: Int64.self) { try await pages.accounts.revokeAPIToken(id, of: identity.user.id) }
                return Page.redirect("/profile")
            }
        }
    }

    func login(_ context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        let username = form["username"] ?? ""
        let next = form["next"].flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/"
        guard let (user, hash) = try await pages.accounts.passwordHash(username: username),
              await PasswordHasher.verify(form["password"] ?? "", hash: hash) else {
            return pages.page.render("login", ["error": "用户名或密码不正确。", "username": username, "next": next], identity: nil, status: .unauthorized)
        }
        let session = try await pages.accounts.startSession(for: user)
        var response = Page.redirect(next)
        response.setCookie(Cookie(name: AuthMiddleware.cookieName, value: session.token, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    func changePassword(_ identity: Identity, _ context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        guard let (_, hash) = try await pages.accounts.passwordHash(username: identity.user.username),
              await PasswordHasher.verify(form["current"] ?? "", hash: hash) else {
            return try await profile(identity, notice: nil, error: "当前密码不正确。", newToken: nil)
        }
        let new = form["new"] ?? ""
        if new != (form["repeat"] ?? "") { return try await profile(identity, notice: nil, error: "两次输入的新密码不一致。", newToken: nil) }
        let problems = PasswordHasher.problems(new, username: identity.user.username)
        if !problems.isEmpty { return try await profile(identity, notice: nil, error: problems.map(\.chinese).joined(separator: ""), newToken: nil) }
        try await pages.accounts.setPasswordHash(await PasswordHasher.hash(new), for: identity.user.id)
        return try await profile(identity, notice: "密码已修改。", error: nil, newToken: nil)
    }

    func profile(_ identity: Identity, notice: String?, error: String?, newToken: String?) async throws -> Response {
        let tokens = try await pages.accounts.apiTokens(of: identity.user.id)
        let formatter = ISO8601DateFormatter()
        return pages.page.render("profile", [
            "notice": notice ?? "", "error": error ?? "", "newToken": newToken ?? "",
            "user": ["name": identity.user.name, "username": identity.user.username, "role": identity.user.role.label],
            "tokens": tokens.map { ["id": $0.id, "name": $0.name, "created": formatter.string(from: $0.createdAt),
                                    "used": $0.lastUsedAt.map(formatter.string(from:)) ?? "从未使用"] },
        ], identity: identity)
    }
}
