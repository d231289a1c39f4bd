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

/// Issue 16: PostgreSQL stopped and started under load. While it is down every request fails
/// fast with a 503 that says why and when to come back, `/health` says 503; once it is back,
/// requests succeed without restarting the service.
@Suite struct DatabaseRestartTests {
    /// What the load saw: each answer's status, whether a 503 carried `Retry-After`, and how long it took.
    struct Answer: Sendable {
        var status: Int
        var retryAfter: Bool
        var took: Duration
        var at: ContinuousClock.Instant
    }

    @Test func aDatabaseRestartUnderLoadIsSurvivedWithoutRestartingTheService() async throws {
        let cluster = try TestPostgres.privateCluster("restart")
        try await cluster.start()
        var owner = cluster.connectionConfiguration()
        owner.connectTimeoutSeconds = 2
        let setup = ConnectionPool(.init(connection: owner, size: 1))
        try await Migrator(directory: CasesAPITests.schema).migrate(setup)
        let directory = try await DemoDirectory.seed(setup)
        let officer = directory.officers(of: directory.agencies.first { $0.code == "szq-zjj" }!.id)[0]
        let token = try await AccountStore(pool: setup).createAPIToken(for: officer, name: "load")
        await setup.close()
        let pool = ConnectionPool(.init(connection: owner.as(user: DatabaseTarget.serviceRole), size: 4, acquireTimeout: .seconds(2)))
        let app = try await buildApplication(pool: pool, configuration: .init(port: 0), metrics: metricsRegistry, logger: quietLogger)
        let headers: HTTPFields = [.authorization: "Bearer " + token]

        try await app.test(.router) { client in
            @Sendable func health() async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/health", method: .get) { $0.status }
            }
            #expect(try await health() == .ok)
            // Four clients asking for the case list without pause until told to stop.
            let running = Running()
            let load = Task {
                try await withThrowingTaskGroup(of: [Answer].self) { group in
                    for _ in 0..<4 {
                        group.addTask {
                            var answers: [Answer] = []
                            while await running.value {
                                let started = ContinuousClock.now
                                let answer = try await client.execute(uri: "/api/v1/cases", method: .get, headers: headers) { response in
                                    Answer(status: Int(response.status.code), retryAfter: response.headers[.retryAfter] != nil,
                                           took: ContinuousClock.now - started, at: started)
                                }
                                answers.append(answer)
                                if answer.status != 200 { try await Task.sleep(for: .milliseconds(50)) }
                            }
                            return answers
                        }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
            }
            try await Task.sleep(for: .milliseconds(500))
            try await cluster.stop()
            let stopped = ContinuousClock.now
            try await Task.sleep(for: .seconds(2))
            #expect(try await health() == .serviceUnavailable)
            try await cluster.start()
            let restarted = ContinuousClock.now
            // Back without restarting the service: /health first, then the load.
            #expect(try await eventually(tries: 40, every: .milliseconds(250)) { try await health() == .ok })
            try await Task.sleep(for: .milliseconds(500))
            await running.stop()
            let answers = try await load.value
            // Only answers and "come back later": never a 500, never an empty body.
            #expect(answers.allSatisfy { $0.status == 200 || $0.status == 503 }, "\(Set(answers.map(\.status)))")
            let unexplained = answers.filter { $0.status == 503 && !$0.retryAfter }
            #expect(unexplained.isEmpty)
            #expect(answers.contains { $0.status == 503 })
            // Each answered within the connect timeout and the pool's wait, not held until the database came back.
            #expect(answers.allSatisfy { $0.took < .seconds(5) }, "\(answers.map(\.took).max() ?? .zero)")
            #expect(answers.contains { $0.status == 200 && $0.at > restarted })
            #expect(answers.contains { $0.status == 503 && $0.at > stopped && $0.at < restarted })
        }
    }

    actor Running {
        var value = true
        func stop() { value = false }
    }
}
