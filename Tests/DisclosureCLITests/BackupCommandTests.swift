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

    /// The embedded database with its WAL archived: a base backup and the archive recover it to a
    /// moment between two writes, exactly as it was then.
    @Test func theEmbeddedDatabaseRecoversToAMomentBetweenTwoWrites() async throws {
        let data = try TestPostgres.scratchPath("pitr-data"), archive = try TestPostgres.scratchPath("pitr-archive")
        let base = try TestPostgres.scratchPath("pitr-base"), recovered = try TestPostgres.scratchPath("pitr-recovered")
        let embedded = ["--data-dir", data, "--wal-archive", archive]
        func run(_ arguments: [String]) throws -> String {
            let (status, output) = try CommandRun.run(arguments, databaseURL: nil)
            #expect(status == 0, "\(arguments.joined(separator: " ")): \(output)")
            return output
        }
        _ = try run(["demo", "generate", "--cases", "20", "--today", "2026-11-29"] + embedded)
        #expect(try run(["backup", "--base", base] + embedded).contains("Base backup"))
        // The server runs from here on, as the service would keep it.
        let cluster = try LocalCluster(directory: URL(fileURLWithPath: data).appendingPathComponent("pg"), walArchive: URL(fileURLWithPath: archive))
        try await cluster.start()
        let owner = cluster.connectionConfiguration(database: "disclosure")
        _ = try run(["demo", "generate", "--cases", "5", "--seed", "7", "--today", "2026-11-29"] + embedded)
        let then = try await fingerprints(owner)
        let connection = try await Connection.connect(owner)
        let moment = try await connection.query("SELECT now()::text").single().decode(String.self, at: 0)
        try await Task.sleep(for: .milliseconds(1200))
        _ = try run(["demo", "generate", "--cases", "5", "--seed", "8", "--today", "2026-11-29"] + embedded)
        let later = try await fingerprints(owner)
        #expect(later["cases"]?.hasPrefix("30 ") == true)
        #expect(then["cases"]?.hasPrefix("25 ") == true)
        // Everything up to now is archived before the server goes.
        let segment = try await connection.query("SELECT pg_walfile_name(pg_switch_wal())").single().decode(String.self, at: 0)
        #expect(try await eventually {
            try await connection.query("SELECT coalesce(last_archived_wal >= \(segment), false) FROM pg_stat_archiver").single().decode(Bool.self, at: 0)
        })
        connection.close()
        try await cluster.stop()

        // Recovered into a new folder to the moment between the two: the first five cases, not the next.
        let said = try run(["restore", "--base", base, "--until", moment, "--data-dir", recovered, "--wal-archive", archive])
        #expect(said.contains("Recovered to"))
        let copy = try LocalCluster(directory: URL(fileURLWithPath: recovered).appendingPathComponent("pg"))
        try await copy.start()
        #expect(try await fingerprints(copy.connectionConfiguration(database: "disclosure")) == then)
        try await copy.stop()
        #expect(try run(["verify", "--data-dir", recovered]).contains("Checked 25 cases: every snapshot matches its history"))
        // Never over an existing folder, and never to a moment that is not one.
        let (again, refused) = try CommandRun.run(["restore", "--base", base, "--until", moment, "--data-dir", recovered, "--wal-archive", archive], databaseURL: nil)
        #expect(again == 1)
        #expect(refused.contains("already exists"))
        let (bad, named) = try CommandRun.run(["restore", "--base", base, "--until", "yesterday", "--data-dir", recovered + "-2", "--wal-archive", archive], databaseURL: nil)
        #expect(bad != 0)
        #expect(named.contains("is not a moment"))
        try await copy.remove()
        try await cluster.remove()
    }
}
