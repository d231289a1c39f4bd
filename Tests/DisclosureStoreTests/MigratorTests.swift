import DisclosureStore
import Foundation
import LibPQ
import PostgresTestSupport
import Testing

@Suite struct MigratorTests {
    let pool: ConnectionPool
    let folder: URL

    init() async throws {
        pool = ConnectionPool(.init(connection: try await TestPostgres.freshDatabase("migrate"), size: 2))
        folder = URL(fileURLWithPath: try TestPostgres.scratchPath("schema"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ sql: String) throws {
        try sql.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func tables() async throws -> [String] {
        try await pool.query("""
            SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename
            """).map { try $0.decode(String.self, at: 0) }
    }

    @Test func appliesInOrderAndASecondRunIsANoOp() async throws {
        try write("0002_cases.sql", "CREATE TABLE cases (id int REFERENCES agencies(id));")
        try write("0001_agencies.sql", "CREATE TABLE agencies (id int PRIMARY KEY); INSERT INTO agencies VALUES (1);")
        try write("README.txt", "not a migration")
        let first = try await Migrator(directory: folder).migrate(pool)
        #expect(first.map(\.fileName) == ["0001_agencies.sql", "0002_cases.sql"])
        let second = try await Migrator(directory: folder).migrate(pool)
        #expect(second.isEmpty)
        #expect(try await tables() == ["agencies", "cases", "schema_migrations"])
        let status = try await Migrator(directory: folder).status(pool)
        #expect(status.map(\.state) == [.applied, .applied])

        try write("0003_more.sql", "CREATE TABLE more (x int);")
        let pending = try await Migrator(directory: folder).status(pool)
        #expect(pending.map(\.state) == [.applied, .applied, .pending])
    }

    /// A migration that rewrites a large table runs longer than a request may: the service's
    /// statement timeout does not cut an upgrade short (issue 15).
    @Test func aLongMigrationIsNotCutShortByTheStatementTimeout() async throws {
        var connection = try await TestPostgres.freshDatabase("migrate-timeout")
        connection.statementTimeoutMilliseconds = 200
        let strict = ConnectionPool(.init(connection: connection, size: 1))
        // The pool's timeout holds for ordinary statements.
        await #expect(throws: PostgresError.self) { _ = try await strict.query("SELECT pg_sleep(0.5)") }
        try write("0001_slow.sql", "CREATE TABLE slow (x int); SELECT pg_sleep(0.5); INSERT INTO slow VALUES (1);")
        let applied = try await Migrator(directory: folder).migrate(strict)
        #expect(applied.map(\.fileName) == ["0001_slow.sql"])
        #expect(try await strict.query("SELECT count(*) FROM slow").single().decode(Int.self, at: 0) == 1)
        // And it was SET LOCAL: the session keeps its timeout afterwards.
        await #expect(throws: PostgresError.self) { _ = try await strict.query("SELECT pg_sleep(0.5)") }
        await strict.close()
    }

    @Test func aChangedAppliedFileIsRefused() async throws {
        try write("0001_agencies.sql", "CREATE TABLE agencies (id int);")
        try await Migrator(directory: folder).migrate(pool)
        try write("0001_agencies.sql", "CREATE TABLE agencies (id int, name text);")
        try write("0002_next.sql", "CREATE TABLE next (x int);")
        await #expect(throws: MigrationError.changedAfterApplied(fileName: "0001_agencies.sql")) {
            try await Migrator(directory: folder).migrate(pool)
        }
        await #expect(throws: MigrationError.changedAfterApplied(fileName: "0001_agencies.sql")) {
            try await Migrator(directory: folder).status(pool)
        }
        #expect(try await tables() == ["agencies", "schema_migrations"])
    }

    @Test func aBrokenFileLeavesNothingBehindAndNamesFileAndLine() async throws {
        try write("0001_good.sql", "CREATE TABLE good (x int);")
        try write("0002_broken.sql", """
            CREATE TABLE half (x int);
            INSERT INTO half VALUES (1);
            CREATE TABEL oops (y int);
            """)
        try write("0003_after.sql", "CREATE TABLE after (x int);")
        let error = await #expect(throws: MigrationError.self) { try await Migrator(directory: folder).migrate(pool) }
        guard case .failed(let fileName, let line, let message) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(fileName == "0002_broken.sql")
        #expect(line == 3)
        #expect(message.contains("TABEL"))
        #expect(error?.description.contains("0002_broken.sql line 3") == true)
        // 0001 stays applied; nothing of 0002 exists; 0003 was not attempted.
        #expect(try await tables() == ["good", "schema_migrations"])
        let versions = try await pool.query("SELECT version FROM schema_migrations").map { try $0.decode(Int.self, at: 0) }
        #expect(versions == [1])
    }

    @Test func anAppliedMigrationWhoseFileIsGoneIsRefused() async throws {
        try write("0001_a.sql", "CREATE TABLE a (x int);")
        try await Migrator(directory: folder).migrate(pool)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("0001_a.sql"))
        await #expect(throws: MigrationError.missingFile(version: 1, name: "a")) {
            try await Migrator(directory: folder).migrate(pool)
        }
    }

    @Test func badNamesAndDuplicateVersionsAreRefusedBeforeTouchingTheDatabase() throws {
        try write("1_short.sql", "SELECT 1;")
        #expect(throws: MigrationError.badFileName("1_short.sql")) { try Migrator(directory: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("1_short.sql"))
        try write("0001_a.sql", "SELECT 1;")
        try write("0001_b.sql", "SELECT 1;")
        #expect(throws: MigrationError.duplicateVersion(1, ["0001_a.sql", "0001_b.sql"])) { try Migrator(directory: folder) }
    }

    @Test func concurrentRunsApplyEachFileOnce() async throws {
        try write("0001_a.sql", "CREATE TABLE a (x int); SELECT pg_sleep(0.2);")
        let migrator = try Migrator(directory: folder)
        let otherPool = ConnectionPool(.init(connection: pool.configuration.connection, size: 1))
        async let one = migrator.migrate(pool)
        async let two = migrator.migrate(otherPool)
        let (a, b) = try await (one, two)
        #expect(a.count + b.count == 1)
    }

    @Test func theProjectSchemaApplies() async throws {
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Schema")
        let migrator = try Migrator(directory: schema)
        #expect(!migrator.files.isEmpty)
        let applied = try await migrator.migrate(pool)
        #expect(applied.count == migrator.files.count)
        #expect(try await migrator.migrate(pool).isEmpty)
    }
}
