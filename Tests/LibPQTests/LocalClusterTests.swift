import Foundation
import LibPQ
import PostgresTestSupport
import Testing

@Suite(.serialized) struct LocalClusterTests {
    @Test func startsSurvivesKillNineAndStartsAgain() async throws {
        // Durable, as `serve` runs it: a committed row must outlive the crash.
        let cluster = try TestPostgres.privateCluster("embedded", durability: .durable)
        #expect(try await cluster.start())
        #expect(cluster.isRunning())
        // A second start finds it running and leaves it alone.
        #expect(try await cluster.start() == false)
        var connection = try await Connection.connect(cluster.connectionConfiguration())
        try await connection.executeScript("CREATE TABLE kept (x text); INSERT INTO kept VALUES ('已归档')")
        connection.close()

        let pid = try #require(cluster.serverPID)
        kill(pid, SIGKILL)
        for _ in 0..<100 where kill(pid, 0) == 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!cluster.isRunning())
        // The killed server left its postmaster.pid behind.
        #expect(FileManager.default.fileExists(atPath: cluster.directory.appendingPathComponent("postmaster.pid").path))

        #expect(try await cluster.start())
        #expect(cluster.serverPID != pid)
        connection = try await Connection.connect(cluster.connectionConfiguration())
        let kept = try await connection.query("SELECT x FROM kept")
        #expect(try kept.single().decode(String.self, at: 0) == "已归档")
        connection.close()
        try await cluster.stop()
        #expect(!cluster.isRunning())
    }

    @Test func aStaleLockFileFromAnotherProcessDoesNotBlockTheStart() async throws {
        let cluster = try TestPostgres.privateCluster("stale")
        try await cluster.start()
        try await cluster.stop()
        // A postmaster.pid naming a live process that is not a postgres server (ourselves).
        let lock = cluster.directory.appendingPathComponent("postmaster.pid")
        try "\(getpid())\n\(cluster.directory.path)\n".write(to: lock, atomically: true, encoding: .utf8)
        try await cluster.start()
        #expect(cluster.isRunning())
        let connection = try await Connection.connect(cluster.connectionConfiguration())
        #expect(try await connection.query("SELECT 1").count == 1)
        connection.close()
        try await cluster.remove()
    }

    @Test func noServerSocketIsOpenOnTCP() async throws {
        let cluster = try await TestPostgres.cluster
        let connection = try await Connection.connect(cluster.connectionConfiguration())
        let listen = try await connection.query("SELECT current_setting('listen_addresses')")
        #expect(try listen.single().decode(String.self, at: 0) == "")
        connection.close()
    }

    @Test func aMissingServerProgramFolderIsNamed() throws {
        let error = #expect(throws: LocalClusterError.self) {
            try LocalCluster.findBinDirectory(environment: ["PG_BIN_DIR": "/nonexistent", "PATH": ""])
        }
        #expect(error?.description.contains("initdb") == true)
    }

    @Test func aWrongPasswordIsRefusedInOneSentence() async throws {
        let cluster = try TestPostgres.privateCluster("password")
        try await cluster.start()
        let admin = try await Connection.connect(cluster.connectionConfiguration())
        try await admin.executeScript("CREATE ROLE clerk LOGIN PASSWORD 'right'")
        admin.close()
        try cluster.requirePassword(forUser: "clerk")
        var configuration = cluster.connectionConfiguration()
        configuration.parameters = configuration.parameters.map { $0.0 == "user" ? ("user", "clerk") : $0 } + [("password", "wrong")]
        let error = await #expect(throws: PostgresError.self) { try await Connection.connect(configuration) }
        guard case .connectionFailed(let message) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(message.contains("password authentication failed"))
        #expect(!message.contains("\n"))
        try await cluster.remove()
    }
}
