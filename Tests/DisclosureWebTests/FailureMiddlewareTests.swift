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

/// Issue 16: a failure before a handler is reached (the token or session lookup, the audit) was
/// answered with an empty 500: no body, no `X-Request-Id`, nothing logged.
@Suite struct FailureMiddlewareTests {
    func application(_ pool: ConnectionPool, lines: LogLines) async throws -> some ApplicationProtocol {
        try await buildApplication(pool: pool, configuration: .init(port: 0), metrics: metricsRegistry,
                                   logger: Logger(label: "test") { _ in lines })
    }

    /// A database that does not answer: connections are refused at once.
    func deadDatabase() throws -> ConnectionConfiguration {
        var configuration = try ConnectionConfiguration(url: "postgresql://nobody@127.0.0.1:1/none")
        configuration.connectTimeoutSeconds = 1
        return configuration
    }

    @Test func aDatabaseOutageIsA503WithItsReasonARequestIDAndALogLine() async throws {
        let lines = LogLines()
        let pool = ConnectionPool(.init(connection: try deadDatabase(), size: 2, acquireTimeout: .seconds(2)))
        let app = try await application(pool, lines: lines)
        let ids = try await app.test(.router) { client in
            var ids: [String] = []
            for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/cases"), (.post, "/api/v1/cases")] {
                ids.append(try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer dd_anything", .contentType: "application/json"],
                                                    body: ByteBuffer(string: "{}")) { response in
                    #expect(response.status == .serviceUnavailable, "\(method) \(uri)")
                    #expect(response.headers[.retryAfter] != nil)
                    let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: [String: Any]])
                    #expect(body["error"]?["code"] as? String == "database")
                    #expect((body["error"]?["chinese"] as? String)?.contains("数据库") == true)
                    return try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                })
            }
            // A page asked for with a session cookie: the same in Chinese, as a page.
            ids.append(try await client.execute(uri: "/cases", method: .get, headers: [.cookie: "dd_session=anything"]) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(String(buffer: response.body).contains("数据库"))
                return try #require(response.headers[HTTPField.Name("X-Request-Id")!])
            })
            return ids
        }
        #expect(ids.count == 3)
        // Each failure is in the log with its request id and what went wrong.
        for id in ids {
            let logged = lines.all.filter { $0.contains(id) }
            #expect(logged.contains { $0.contains("connect") || $0.contains("Connection") }, "\(id): \(logged)")
        }
    }

    @Test func aFullPoolIsA503WithinItsWaitNotAHang() async throws {
        let configuration = try await TestPostgres.freshDatabase("pool-full")
        let owner = ConnectionPool(.init(connection: configuration, size: 1))
        try await Migrator(directory: CasesAPITests.schema).migrate(owner)
        let directory = try await DemoDirectory.seed(owner)
        let token = try await AccountStore(pool: owner).createAPIToken(for: directory.users[0], name: "test")
        let pool = ConnectionPool(.init(connection: configuration.as(user: DatabaseTarget.serviceRole), size: 1, acquireTimeout: .milliseconds(500)))
        let app = try await application(pool, lines: LogLines())
        // Something holds the only connection for 6 s.
        let held = Task { try await pool.withConnection { _ in try await Task.sleep(for: .seconds(6)) } }
        try await Task.sleep(for: .milliseconds(200))
        try await app.test(.router) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let started = ContinuousClock.now
                        try await client.execute(uri: "/api/v1/cases", method: .get, headers: [.authorization: "Bearer " + token]) { response in
                            #expect(response.status == .serviceUnavailable)
                            #expect(response.headers[.retryAfter] != nil)
                            #expect(String(buffer: response.body).contains("\"code\":\"database\""))
                        }
                        // Answered after the pool's wait (0.5 s), long before the connection comes back.
                        #expect(ContinuousClock.now - started < .seconds(4))
                    }
                }
                try await group.waitForAll()
            }
            try await held.value
            // Once it is back, requests succeed without a restart.
            try await client.execute(uri: "/api/v1/cases", method: .get, headers: [.authorization: "Bearer " + token]) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
        }
    }

    @Test func noSuchAddressIsA404WithABody() async throws {
        let configuration = try await TestPostgres.freshDatabase("no-such-address")
        let owner = ConnectionPool(.init(connection: configuration, size: 1))
        try await Migrator(directory: CasesAPITests.schema).migrate(owner)
        let app = try await application(ConnectionPool(.init(connection: configuration.as(user: DatabaseTarget.serviceRole), size: 1)), lines: LogLines())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/no-such-thing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("\"code\":\"not_found\""))
            }
            try await client.execute(uri: "/no-such-page", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(String(buffer: response.body).contains("找不到"))
            }
        }
    }
}
