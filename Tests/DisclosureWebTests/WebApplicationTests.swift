import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Logging
import Metrics
import Prometheus
import PostgresTestSupport
import Testing

/// swift-metrics takes one factory per process.
let metricsRegistry: PrometheusCollectorRegistry = {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return registry
}()

@Suite struct WebApplicationTests {
    func application(_ configuration: ConnectionConfiguration) async throws -> some ApplicationProtocol {
        let pool = ConnectionPool(.init(connection: configuration, size: 2, acquireTimeout: .seconds(2)))
        return try await buildApplication(pool: pool, configuration: .init(port: 0), metrics: metricsRegistry,
                                logger: Logger(label: "test"))
    }

    @Test func healthIsOKWhenTheDatabaseAnswers() async throws {
        let app = try await application(try await TestPostgres.freshDatabase("web"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"database\":\"ok\""))
                let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                #expect(!id.isEmpty)
            }
        }
    }

    @Test func healthIs503WhenTheDatabaseDoesNot() async throws {
        var configuration = try ConnectionConfiguration(url: "postgresql://nobody@127.0.0.1:1/none")
        configuration.connectTimeoutSeconds = 1
        let app = try await application(configuration)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("unavailable"))
            }
        }
    }

    @Test func metricsAreServedInPrometheusTextFormat() async throws {
        let app = try await application(try await TestPostgres.freshDatabase("web"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect(text.contains("hb_requests"))
                #expect(text.contains("db_pool_connections"))
            }
        }
    }

    @Test func eachRequestGetsItsOwnID() async throws {
        let app = try await application(try await TestPostgres.freshDatabase("web"))
        try await app.test(.router) { client in
            let first = try await client.execute(uri: "/health", method: .get).headers[HTTPField.Name("X-Request-Id")!]
            let second = try await client.execute(uri: "/health", method: .get).headers[HTTPField.Name("X-Request-Id")!]
            #expect(first != nil && second != nil && first != second)
        }
    }
}
