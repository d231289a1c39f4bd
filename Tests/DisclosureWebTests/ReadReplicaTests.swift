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

/// Issue 16: `DATABASE_READ_URL` sends the case lists and the library search to a hot standby.
/// The reads reach it, an officer always sees their own write, and reads go on when it stops.
@Suite struct ReadReplicaTests {
    func cases(_ client: some TestClientProtocol, _ token: String) async throws -> [Int] {
        try await client.execute(uri: "/api/v1/cases", method: .get, headers: [.authorization: "Bearer " + token]) { response in
            #expect(response.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            return (body["cases"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        }
    }

    @Test func readsGoToTheStandbyButNeverMissTheReadersOwnWriteAndGoOnWithoutIt() async throws {
        // A base backup needs full page writes: a durable primary.
        let primary = try TestPostgres.privateCluster("primary", durability: .durable)
        try await primary.start()
        let owner = ConnectionPool(.init(connection: primary.connectionConfiguration(database: "postgres"), size: 1))
        try await Migrator(directory: CasesAPITests.schema).migrate(owner)
        let directory = try await DemoDirectory.seed(owner)
        let housing = directory.agencies.first { $0.code == "szq-zjj" }!
        let officer = try await AccountStore(pool: owner).createAPIToken(for: directory.officers(of: housing.id)[0], name: "writer")
        let supervisor = try await AccountStore(pool: owner).createAPIToken(for: directory.supervisor(of: housing.id)!, name: "reader")
        let standby = try LocalCluster(directory: URL(fileURLWithPath: try TestPostgres.scratchPath("standby")))
        try standby.makeStandby(of: primary)
        try await standby.start()
        defer { try? standby.removeNow() }
        let replica = try await Connection.connect(standby.connectionConfiguration(database: "postgres"))
        defer { replica.close() }
        // The standby has everything so far, then stops replaying.
        let written = try await owner.query("SELECT pg_current_wal_lsn()::text").single().decode(String.self, at: 0)
        #expect(try await eventually {
            try await replica.query("SELECT pg_last_wal_replay_lsn() >= \(written)::pg_lsn").single().decode(Bool.self, at: 0)
        })
        try await replica.execute("SELECT pg_wal_replay_pause()")

        let service = DatabaseTarget.serviceRole
        let pool = ConnectionPool(.init(connection: primary.connectionConfiguration(database: "postgres").as(user: service), size: 2))
        let readPool = ConnectionPool(.init(connection: standby.connectionConfiguration(database: "postgres").as(user: service), size: 2,
                                            acquireTimeout: .seconds(2)))
        let app = try await buildApplication(pool: pool, readPool: readPool, configuration: .init(port: 0), metrics: metricsRegistry, logger: quietLogger)
        try await app.test(.router) { client in
            #expect(try await cases(client, supervisor).isEmpty)
            let id = try await client.execute(uri: "/api/v1/cases", method: .post, headers: [.authorization: "Bearer " + officer, .contentType: "application/json"],
                                              body: ByteBuffer(string: """
                {"agencyID": \(housing.id), "channel": "in_person", "arrivedOn": "2024-09-02", "registeredOn": "2024-09-02",
                 "subject": "申请公开征收补偿方案", "description": "请提供", "applicant": {"kind": "natural_person", "name": "张三", "phone": "13800138000"}}
                """)) { response in
                #expect(response.status == .created)
                return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])["id"] as? Int
            }
            // The officer who wrote it finds it: their reads go to the primary until the standby has it.
            #expect(try await cases(client, officer) == [id].compactMap { $0 })
            // Another reader, of the same agency, reads the paused standby: not there yet.
            #expect(try await cases(client, supervisor).isEmpty)
            // Replayed, the standby has it for everyone.
            try await replica.execute("SELECT pg_wal_replay_resume()")
            #expect(try await eventually { try await cases(client, supervisor) == [id].compactMap { $0 } })
            // The standby stops: reads go on, from the primary.
            replica.close()
            try await standby.stop()
            #expect(try await cases(client, supervisor) == [id].compactMap { $0 })
            #expect(try await cases(client, officer) == [id].compactMap { $0 })
        }
        await owner.close()
    }
}
