import DisclosureCore
import DisclosureStore
import DisclosureWeb
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

    /// `users` get the password `correct-horse-<username>`; today is 2024-09-20 unless given.
    static func make(_ label: String, users: [String], today: String = "2024-09-20", logger: Logger = Logger(label: "test")) async throws -> PagesFixture {
        let pool = ConnectionPool(.init(connection: try await TestPostgres.freshDatabase(label), size: 4))
        try await Migrator(directory: CasesAPITests.schema).migrate(pool)
        let directory = try await DemoDirectory.seed(pool)
        let accounts = AccountStore(pool: pool)
        for username in users {
            let user = directory.users.first { $0.username == username }!
            try await accounts.setPasswordHash(await PasswordHasher.hash("correct-horse-\(username)", cost: 4), for: user.id)
        }
        let day = LocalDate(iso: today)!
        let app = try await buildApplication(pool: pool, configuration: .init(port: 0, today: { day }), metrics: metricsRegistry, logger: logger)
        return PagesFixture(app: app, pool: pool, directory: directory)
    }
}

/// What every suite that fills in forms needs.
protocol PageTesting {}

extension PageTesting {
    /// Signs in with the fixture's password and returns the session cookie.
    func signIn(_ client: some TestClientProtocol, _ username: String) async throws -> String {
        try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: "username=\(username)&password=correct-horse-\(username)&next=/")) { response in
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers[.setCookie])
            return String(cookie.split(separator: ";")[0])
        }
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
