import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// `disclosure backup` and `disclosure restore` (issue 16), run as the real program.
@Suite struct BackupCommandTests {
    /// Every table's rows as one fingerprint, with their number.
    func fingerprints(_ configuration: ConnectionConfiguration) async throws -> [String: String] {
        let connection = try await Connection.connect(configuration)
        defer { connection.close() }
        var prints: [String: String] = [:]
        let tables = try await connection.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            .map { try $0.decode(String.self, at: 0) }
        for table in tables {
            let row = try await connection.query("""
                SELECT count(*)::text || ' ' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \(identifier: table) t
                """).single()
            prints[table] = try row.decode(String.self, at: 0)
        }
        return prints
    }

    @Test func aBackupRestoredIntoANewServerHoldsEveryRowAndVerifies() async throws {
        let source = try await TestPostgres.freshDatabaseURL("backup")
        let (generated, output) = try CommandRun.run(["demo", "generate", "--cases", "60", "--today", "2026-11-29"], databaseURL: source)
        #expect(generated == 0, "\(output)")
        let file = try TestPostgres.scratchPath("backup") + ".dump"
        let (backedUp, said) = try CommandRun.run(["backup", file], databaseURL: source)
        #expect(backedUp == 0, "\(said)")
        #expect(said.contains("Backed up"))
        // A backup never overwrites another.
        let (again, refused) = try CommandRun.run(["backup", file], databaseURL: source)
        #expect(again == 1)
        #expect(refused.contains("already exists"))

        // A new server, as after losing the old one.
        let cluster = try TestPostgres.privateCluster("restore")
        try await cluster.start()
        let admin = try await Connection.connect(cluster.connectionConfiguration())
        try await admin.execute("CREATE DATABASE restored")
        admin.close()
        let target = cluster.connectionConfiguration(database: "restored")
        let (restored, report) = try CommandRun.run(["restore", file], databaseURL: target.conninfo)
        #expect(restored == 0, "\(report)")
        // Every table holds the same rows.
        let before = try await fingerprints(try ConnectionConfiguration(url: source))
        let after = try await fingerprints(target)
        #expect(before.count > 30)
        #expect(before["cases"]?.hasPrefix("60 ") == true)
        #expect(after == before)
        // Every case's history still gives its snapshot.
        let (verified, checked) = try CommandRun.run(["verify"], databaseURL: target.conninfo)
        #expect(verified == 0, "\(checked)")
        #expect(checked.contains("Checked 60 cases: every snapshot matches its history"))
        // The service's role was created and given its grants: it reads the cases within its scope.
        let service = try await Connection.connect(target.as(user: "disclosure_service"))
        try await service.executeScript("SET dd.scope = '*'")
        #expect(try await service.query("SELECT count(*) FROM cases").single().decode(Int.self, at: 0) == 60)
        service.close()
        // Restoring again over it is refused unless asked for, and then all of it is replaced.
        let (twice, full) = try CommandRun.run(["restore", file], databaseURL: target.conninfo)
        #expect(twice == 1)
        #expect(full.contains("already holds"))
        let (replaced, replacing) = try CommandRun.run(["restore", file, "--replace"], databaseURL: target.conninfo)
        #expect(replaced == 0, "\(replacing)")
        #expect(try await fingerprints(target) == before)
        try await cluster.remove()
    }

    @Test func aFileThatIsNoBackupChangesNothing() async throws {
        let url = try await TestPostgres.freshDatabaseURL("restore-bad")
        let file = try TestPostgres.scratchPath("not-a-backup") + ".dump"
        try "这不是备份文件".write(toFile: file, atomically: true, encoding: .utf8)
        let (status, output) = try CommandRun.run(["restore", file], databaseURL: url)
        #expect(status == 1)
        #expect(output.contains("pg_restore failed"))
        #expect(!output.contains("Fatal error"))
        let connection = try await Connection.connect(try ConnectionConfiguration(url: url))
        #expect(try await connection.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").single().decode(Int.self, at: 0) == 0)
        connection.close()
    }
}
