import DisclosureCore
import DisclosureStore
@testable import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Logging
import PostgresTestSupport
import Testing

/// The application on a migrated database with the demo district, as the HTML tests use it.
struct PagesFixture {
    let app: any ApplicationProtocol
    let pool: ConnectionPool
    let directory: DemoDirectory

    /// `users` get the password `correct-horse-<username>`, and those whose role needs a one-time
    /// code the secret `PagesFixture.codeSecret(username)`; today is 2024-09-20 unless given.
    static func make(_ label: String, users: [String], today: String = "2024-09-20", accountEvents: AccountEventLog? = nil,
                     portalLimits: PortalLimits = PortalLimits(), logger: Logger = quietLogger) async throws -> PagesFixture {
        let configuration = try await TestPostgres.freshDatabase(label)
        let pool = ConnectionPool(.init(connection: configuration, size: 2))
        try await Migrator(directory: CasesAPITests.schema).migrate(pool)
        let directory = try await DemoDirectory.seed(pool)
        let accounts = AccountStore(pool: pool)
        for username in users {
            let user = directory.users.first { $0.username == username }!
            try await accounts.setPasswordHash(await PasswordHasher.hash("correct-horse-\(username)", cost: 4), for: user.id)
            if user.role.needsSecondFactor { try await accounts.setSecondFactorSecret(codeSecret(username), for: user.id) }
        }
        let day = LocalDate(iso: today)!
        var web = WebConfiguration(port: 0, today: { day }, accountEvents: accountEvents)
        web.portalLimits = portalLimits
        let app = try await buildApplication(pool: servicePool(configuration), configuration: web, metrics: metricsRegistry, logger: logger)
        return PagesFixture(app: app, pool: pool, directory: directory)
    }

    static func codeSecret(_ username: String) -> String { "one-time-code-secret-of-\(username)" }
}

/// The application's log in tests: warnings and worse, so that a run's output is its results.
let quietLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    return logger
}()

/// The application's pool as the service runs it: as the role row-level security holds, so
/// that a handler which forgets its scope fails here as it would in service (the fixture's own
/// `pool` is the owner's, for setting up and looking at what was stored).
func servicePool(_ configuration: ConnectionConfiguration, size: Int = 4) -> ConnectionPool {
    ConnectionPool(.init(connection: configuration.as(user: DatabaseTarget.serviceRole), size: size))
}

/// What every suite that fills in forms needs.
protocol PageTesting {}

/// A file as a browser's file input sends it.
struct Upload {
    var name: String
    var type: String
    var bytes: [UInt8]
}

let multipartBoundary = "----page-test-boundary"

extension PageTesting {
    /// A multipart/form-data body as a browser sends it, the files under `field` (a file input
    /// left empty, as an empty part).
    func multipart(_ fields: [(String, String)], files: [Upload] = [], field: String) -> ByteBuffer {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(multipartBoundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files.isEmpty ? [Upload(name: "", type: "application/octet-stream", bytes: [])] : files {
            body += Array("--\(multipartBoundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(multipartBoundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    var multipartHeaders: HTTPFields { [.contentType: "multipart/form-data; boundary=\(multipartBoundary)"] }

    /// Signs in as a person does with the fixture's password or the one given (and, for those who need one, the
    /// current one-time code of the fixture's secret) and returns the session cookie.
    func signIn(_ client: some TestClientProtocol, _ username: String, password: String? = nil, next: String = "/") async throws -> String {
        let (loginCookie, token) = try await loginForm(client)
        let body = "username=\(username)&password=\(encoded(password ?? "correct-horse-\(username)"))&next=\(encoded(next))&_csrf=\(token)"
        var (status, cookies, location) = try await client.execute(uri: "/login", method: .post, headers: form(loginCookie), body: ByteBuffer(string: body)) {
            ($0.status, setCookies($0), $0.headers[.location])
        }
        if location == "/login/code" {
            let pending = try #require(cookies["dd_pending_sign_in"].map { "dd_pending_sign_in=\($0)" })
            let page = try await client.execute(uri: "/login/code", method: .get, headers: [.cookie: pending]) { String(buffer: $0.body) }
            let code = OneTimeCodes.code(secret: PagesFixture.codeSecret(username), step: SecondFactor.step(at: Date().timeIntervalSince1970))
            (status, cookies, location) = try await client.execute(uri: "/login/code", method: .post, headers: form(pending),
                                                                   body: ByteBuffer(string: "_csrf=\(try csrf(page))&code=\(sixDigits(code))")) {
                ($0.status, setCookies($0), $0.headers[.location])
            }
        }
        #expect(status == .seeOther)
        #expect(location == next)
        return "dd_session=" + (try #require(cookies["dd_session"]))
    }

    /// A fresh sign-in form: its CSRF cookie (as a Cookie header) and the token in its field.
    func loginForm(_ client: some TestClientProtocol, next: String = "/") async throws -> (cookie: String, token: String) {
        try await client.execute(uri: "/login?next=\(encoded(next))", method: .get) { response in
            let cookie = try #require(setCookies(response)["dd_login_csrf"])
            return ("dd_login_csrf=\(cookie)", try csrf(String(buffer: response.body)))
        }
    }

    /// The cookies a response sets, by name (an empty value: removed).
    func setCookies(_ response: TestResponse) -> [String: String] {
        var cookies: [String: String] = [:]
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            cookies[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
        }
        return cookies
    }

    func sixDigits(_ code: Int) -> String {
        let digits = String(code)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// A form field's value, percent-encoded.
    func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    /// The CSRF token a page's form carries.
    func csrf(_ html: String) throws -> String {
        let start = try #require(html.range(of: "name=\"_csrf\" value=\"")).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    /// Headers for posting a form with a session cookie.
    func form(_ cookie: String) -> HTTPFields { [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"] }
}
