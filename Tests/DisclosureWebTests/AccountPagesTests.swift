import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Testing

/// Sign-in and accounts through HTTP (issue 13): the sign-in form's CSRF token, the lockout page,
/// where sign-in leads, the code page, and what API tokens, password resets and deactivation open.
@Suite struct AccountPagesTests: PageTesting {
    func setup(_ label: String) async throws -> PagesFixture {
        try await PagesFixture.make(label, users: ["zjj.officer", "zjj.supervisor", "qls.officer", "admin"])
    }

    func post(_ client: some TestClientProtocol, _ uri: String, cookie: String, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: form(cookie), body: ByteBuffer(string: body))
    }

    func count(_ s: PagesFixture, _ sql: Query) async throws -> Int {
        try await s.pool.query(sql).single().decode(Int.self, at: 0)
    }

    @Test func theSignInFormCarriesATokenInItsCookieAndItsField() async throws {
        let s = try await setup("accounts-login-csrf")
        try await s.app.test(.router) { client in
            let header = try await client.execute(uri: "/login", method: .get) { $0.headers[values: .setCookie].first { $0.hasPrefix("dd_login_csrf=") } }
            let cookie = try #require(header)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/login"))
            let (loginCookie, token) = try await loginForm(client)
            #expect(loginCookie == "dd_login_csrf=\(token)")
            #expect(try await loginForm(client).token != token)
            let credentials = "username=zjj.officer&password=correct-horse-zjj.officer&next=/"
            // Without the cookie, without the field, or with another form's token: refused, no session.
            for (cookie, body) in [("", credentials + "&_csrf=\(token)"), (loginCookie, credentials),
                                   (try await loginForm(client).cookie, credentials + "&_csrf=\(token)")] {
                let response = try await post(client, "/login", cookie: cookie, body)
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("登录页面已过期"))
                #expect(setCookies(response)["dd_session"] == nil)
            }
            let response = try await post(client, "/login", cookie: loginCookie, credentials + "&_csrf=\(token)")
            #expect(response.status == .seeOther)
            let session = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("dd_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
            #expect(setCookies(response)["dd_login_csrf"] == "")
        }
    }

    @Test func aLockedNameIsToldUntilWhenAndAnUnknownNameAlike() async throws {
        let s = try await setup("accounts-lockout-page")
        try await s.app.test(.router) { client in
            var answers: [String: [(HTTPResponse.Status, String)]] = [:]
            for username in ["zjj.officer", "no.such.user"] {
                for attempt in 0..<6 {
                    let (cookie, token) = try await loginForm(client)
                    let password = attempt == 5 ? "correct-horse-\(username)" : "wrong"
                    let response = try await post(client, "/login", cookie: cookie, "username=\(username)&password=\(password)&_csrf=\(token)")
                    let html = String(buffer: response.body)
                    let error = html.range(of: "<p class=\"error\" role=\"alert\">").map { String(html[$0.upperBound...].prefix { $0 != "<" }) } ?? ""
                    answers[username, default: []].append((response.status, error))
                }
            }
            let known = try #require(answers["zjj.officer"]), unknown = try #require(answers["no.such.user"])
            #expect(known.map(\.0) == [.unauthorized, .unauthorized, .unauthorized, .unauthorized, .tooManyRequests, .tooManyRequests])
            #expect(known.map(\.0) == unknown.map(\.0))
            // The same words; the minute the lock ends may differ if a minute turned between the two.
            let withoutTimes = { (answers: [(HTTPResponse.Status, String)]) in
                answers.map { $0.1.replacingOccurrences(of: #"\d{1,2}:\d{2}"#, with: "…", options: .regularExpression) }
            }
            #expect(withoutTimes(known) == withoutTimes(unknown))
            #expect(known[0].1 == "用户名或密码不正确。")
            #expect(known[5].1.contains("已暂停登录，请于"))
            #expect(known[5].1.contains("（北京时间）之后再试"))
            #expect(try await count(s, "SELECT count(*) FROM sessions") == 0)
        }
    }

    @Test func signInLeadsOnlyToAPathOnThisSite() async throws {
        let s = try await setup("accounts-next")
        try await s.app.test(.router) { client in
            let hostile = ["/\\evil.example/", "//evil.example/", "https://evil.example/", "/%5Cevil.example", "%2F%2Fevil.example", "/%09/evil.example"]
            for next in hostile + ["/cases?state=registered"] {
                let (cookie, token) = try await loginForm(client)
                let response = try await post(client, "/login", cookie: cookie,
                                              "username=zjj.officer&password=correct-horse-zjj.officer&_csrf=\(token)&next=\(encoded(next))")
                #expect(response.headers[.location] == (hostile.contains(next) ? "/" : next), "\(next)")
            }
            let page = try await client.execute(uri: "/login?next=%2F%5Cevil.example%2F", method: .get) { String(buffer: $0.body) }
            #expect(page.contains("name=\"next\" value=\"/\""))
        }
    }

    @Test func theCodePageEnrolsASupervisorWithoutASecret() async throws {
        let s = try await setup("accounts-enrol-page")
        let supervisor = s.directory.users.first { $0.username == "zjj.supervisor" }!
        try await AccountStore(pool: s.pool).setSecondFactorSecret(nil, for: supervisor.id)
        try await s.app.test(.router) { client in
            #expect(try await client.execute(uri: "/login/code", method: .get) { $0.headers[.location] } == "/login")
            let (cookie, token) = try await loginForm(client)
            let response = try await post(client, "/login", cookie: cookie, "username=zjj.supervisor&password=correct-horse-zjj.supervisor&_csrf=\(token)&next=/review")
            #expect(response.headers[.location] == "/login/code")
            #expect(setCookies(response)["dd_session"] == nil)
            let pending = "dd_pending_sign_in=" + (try #require(setCookies(response)["dd_pending_sign_in"]))
            // The pending sign-in is no session: no page opens with it.
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: pending]) { $0.status } == .seeOther)
            let page = try await client.execute(uri: "/login/code", method: .get, headers: [.cookie: pending]) { String(buffer: $0.body) }
            let shown = try #require(page.range(of: "<code id=\"totp-secret\">")).upperBound
            let base32 = String(page[shown...].prefix { $0 != "<" }).replacingOccurrences(of: " ", with: "")
            let secret = try await s.pool.query("SELECT enrolment_secret FROM pending_sign_ins").single().decode(String.self, at: 0)
            #expect(base32 == OneTimeCodes.base32(secret))
            #expect(page.contains("otpauth://totp/DisclosureDesk:zjj.supervisor?secret=\(base32)"))
            let csrfToken = try csrf(page)
            let wrong = try await post(client, "/login/code", cookie: pending, "_csrf=\(csrfToken)&code=12345x")
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("验证码不正确"))
            let code = OneTimeCodes.code(secret: secret, step: SecondFactor.step(at: Date().timeIntervalSince1970))
            #expect(try await post(client, "/login/code", cookie: pending, "code=\(sixDigits(code))").status == .forbidden)
            let right = try await post(client, "/login/code", cookie: pending, "_csrf=\(csrfToken)&code=\(sixDigits(code))")
            #expect(right.status == .seeOther)
            #expect(right.headers[.location] == "/review")
            #expect(setCookies(right)["dd_pending_sign_in"] == "")
            let session = "dd_session=" + (try #require(setCookies(right)["dd_session"]))
            #expect(try await client.execute(uri: "/review", method: .get, headers: [.cookie: session]) { $0.status } == .ok)
            #expect(try await AccountStore(pool: s.pool).secondFactorSecret(of: supervisor.id) == secret)
        }
    }

    @Test func anAPITokenOpensTheAPIOnly() async throws {
        let s = try await setup("accounts-token-scope")
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        let admin = s.directory.users.first { $0.username == "admin" }!
        let accounts = AccountStore(pool: s.pool)
        let token = try await accounts.createAPIToken(for: officer, name: "script")
        let adminToken = try await accounts.createAPIToken(for: admin, name: "script")
        try await s.app.test(.router) { client in
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await client.execute(uri: "/api/v1/cases", method: .get, headers: bearer) { $0.status } == .ok)
            for path in ["/profile", "/", "/cases", "/api/v1/../profile"] {
                let response = try await client.execute(uri: path, method: .get, headers: bearer) { $0 }
                #expect(response.status != .ok, "\(path)")
            }
            #expect(try await client.execute(uri: "/profile", method: .get, headers: bearer) { $0.headers[.location] } == "/login?next=/profile")
            var minting = bearer
            minting[.contentType] = "application/x-www-form-urlencoded"
            _ = try await client.execute(uri: "/profile/tokens", method: .post, headers: minting, body: ByteBuffer(string: "name=more"))
            #expect(try await count(s, "SELECT count(*) FROM api_tokens WHERE user_id = \(officer.id)") == 1)
            let adminPage = try await client.execute(uri: "/admin", method: .get, headers: [.authorization: "Bearer \(adminToken)"]) { $0 }
            #expect(adminPage.status == .seeOther)
            #expect(!String(buffer: adminPage.body).contains("用户"))
        }
    }

    /// Signs the officer in and gives them a token; returns both.
    func officerAccess(_ s: PagesFixture, _ client: some TestClientProtocol) async throws -> (session: String, token: String) {
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        return (try await signIn(client, "zjj.officer"), try await AccountStore(pool: s.pool).createAPIToken(for: officer, name: "script"))
    }

    /// Whether the session opens a page and the token the API.
    func stillOpen(_ client: some TestClientProtocol, _ access: (session: String, token: String)) async throws -> [Bool] {
        let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: access.session]) { $0.status }
        let api = try await client.execute(uri: "/api/v1/cases", method: .get, headers: [.authorization: "Bearer \(access.token)"]) { $0.status }
        return [page == .ok, api == .ok]
    }

    @Test func anAdministratorsPasswordResetEndsSessionsAndRevokesTokens() async throws {
        let s = try await setup("accounts-reset")
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        try await s.app.test(.router) { client in
            let access = try await officerAccess(s, client)
            #expect(try await stillOpen(client, access) == [true, true])
            let admin = try await signIn(client, "admin")
            let token = try csrf(try await client.execute(uri: "/admin", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) })
            // A common password is refused, and nothing ends.
            let weak = try await post(client, "/admin/users/\(officer.id)", cookie: admin, "_csrf=\(token)&action=password&password=qwertyuiop")
            #expect(weak.status == .unprocessableContent)
            #expect(try await stillOpen(client, access) == [true, true])
            let reset = try await post(client, "/admin/users/\(officer.id)", cookie: admin, "_csrf=\(token)&action=password&password=new-horse-battery-staple")
            #expect(reset.status == .seeOther)
            #expect(try await stillOpen(client, access) == [false, false])
        }
    }

    @Test func deactivationEndsSessionsAndRevokesTokensForGood() async throws {
        let s = try await setup("accounts-deactivate")
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        try await s.app.test(.router) { client in
            let access = try await officerAccess(s, client)
            let admin = try await signIn(client, "admin")
            let token = try csrf(try await client.execute(uri: "/admin", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) })
            #expect(try await post(client, "/admin/users/\(officer.id)", cookie: admin, "_csrf=\(token)&action=deactivate").status == .seeOther)
            #expect(try await stillOpen(client, access) == [false, false])
            #expect(try await post(client, "/admin/users/\(officer.id)", cookie: admin, "_csrf=\(token)&action=activate").status == .seeOther)
            #expect(try await stillOpen(client, access) == [false, false])
        }
    }

    @Test func aNewPasswordFollowsTheRulesAndIsRecorded() async throws {
        actor Events { var list: [AccountEvent] = []; func add(_ e: AccountEvent) { list.append(e) } }
        let events = Events()
        let s = try await PagesFixture.make("accounts-profile-password", users: ["zjj.officer"], accountEvents: AccountEventLog { await events.add($0) })
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let token = try csrf(try await client.execute(uri: "/profile", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) })
            let current = "_csrf=\(token)&current=correct-horse-zjj.officer"
            for (new, problem) in [("1q2w3e4r5t", "最常用的一万个密码"), ("my-zjj.officer-pw", "不能包含用户名"), ("short-1", "至少需要10个字符")] {
                let page = try await post(client, "/profile/password", cookie: cookie, current + "&new=\(new)&repeat=\(new)")
                #expect(String(buffer: page.body).contains(problem), "\(new)")
            }
            let page = try await post(client, "/profile/password", cookie: cookie, current + "&new=a-fine-new-password&repeat=a-fine-new-password")
            #expect(String(buffer: page.body).contains("密码已修改"))
        }
        let recorded = await events.list
        #expect(recorded.contains(.signedIn(userID: officer.id, username: "zjj.officer")))
        #expect(recorded.last == .passwordChanged(userID: officer.id))
    }
}
