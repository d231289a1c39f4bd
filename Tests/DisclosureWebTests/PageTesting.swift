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

    /// `users` get the password `correct-horse-<username>`; today is 2024-09-20.
    static func make(_ label: String, users: [String]) async throws -> PagesFixture {
        let pool = ConnectionPool(.init(connection: try await TestPostgres.freshDatabase(label), size: 4))
        try await Migrator(directory: CasesAPITests.schema).migrate(pool)
        let directory = try await DemoDirectory.seed(pool)
        let accounts = AccountStore(pool: pool)
        for username in users {
            let user = directory.users.first { $0.username == username }!
            try await accounts.setPasswordHash(await PasswordHasher.hash("correct-horse-\(username)", cost: 4), for: user.id)
        }
        let day = LocalDate(iso: "2024-09-20")!
        let app = try await buildApplication(pool: pool, configuration: .init(port: 0, today: { day }), metrics: metricsRegistry, logger: Logger(label: "test"))
        return PagesFixture(app: app, pool: pool, directory: directory)
    }
}

/// What every suite that fills in forms needs.
protocol PageTesting {}

extension PageTesting {
    /// The CSRF token a page's form carries.
    func csrf(_ html: String) throws -> String {
        let start = try #require(html.range(of: "name=\"_csrf\" value=\"")).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    /// Headers for posting a form with a session cookie.
    func form(_ cookie: String) -> HTTPFields { [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"] }
}
