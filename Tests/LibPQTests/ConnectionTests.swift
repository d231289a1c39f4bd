import Foundation
import LibPQ
import PostgresTestSupport
import Testing

@Suite struct ConnectionTests {
    @Test func uniqueViolationIsAConflict() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("conn"))
        try await connection.executeScript("CREATE TABLE numbers (n text PRIMARY KEY)")
        try await connection.execute("INSERT INTO numbers VALUES (\("市中区住建局依申〔2024〕第0012号"))")
        let error = await #expect(throws: PostgresError.self) {
            try await connection.execute("INSERT INTO numbers VALUES (\("市中区住建局依申〔2024〕第0012号"))")
        }
        guard case .conflict(let fields) = error else {
            Issue.record("expected a conflict, got \(String(describing: error))")
            return
        }
        #expect(fields.sqlState == "23505")
        #expect(fields.constraint == "numbers_pkey")
        #expect(fields.detail?.contains("第0012号") == true)
        // The connection is still usable after the error.
        let count = try await connection.query("SELECT count(*) FROM numbers")
        #expect(try count.single().decode(Int.self, at: 0) == 1)
    }

    @Test func checkViolationIsInvalidAndSyntaxErrorsCarryThePosition() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("conn"))
        try await connection.executeScript("CREATE TABLE fees (amount int CHECK (amount >= 0))")
        let invalid = await #expect(throws: PostgresError.self) {
            try await connection.execute("INSERT INTO fees VALUES (\(-1))")
        }
        #expect(invalid?.sqlState == "23514")
        if case .invalid = invalid {} else { Issue.record("expected .invalid, got \(String(describing: invalid))") }

        let syntax = await #expect(throws: PostgresError.self) {
            try await connection.query("SELEC 1")
        }
        #expect(syntax?.sqlState == "42601")
        #expect(syntax?.serverFields?.position == 1)
        #expect(syntax?.serverFields?.message.contains("SELEC") == true)
    }

    @Test func hintsAndDetailsAreKept() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("conn"))
        try await connection.executeScript("""
            CREATE FUNCTION fail() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '不能修改' USING DETAIL = '案件历史只能追加', HINT = '请追加更正事件', ERRCODE = 'P0001'; END $$
            """)
        let error = await #expect(throws: PostgresError.self) { try await connection.query("SELECT fail()") }
        #expect(error?.serverFields == ServerErrorFields(
            sqlState: "P0001", message: "不能修改", detail: "案件历史只能追加", hint: "请追加更正事件"))
    }

    @Test func scriptsRunSeveralStatements() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("conn"))
        try await connection.executeScript("CREATE TABLE a (x int); INSERT INTO a VALUES (1), (2); INSERT INTO a VALUES (3)")
        let sum = try await connection.query("SELECT sum(x) FROM a")
        #expect(try sum.single().decode(Int.self, at: 0) == 6)
    }

    @Test func statementsArePreparedOnceAndReused() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("conn"))
        for i in 0..<5 { _ = try await connection.query("SELECT \(i)::int + 1") }
        let prepared = try await connection.query("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1::int + 1'")
        #expect(try prepared.single().decode(Int.self, at: 0) == 1)
    }

    @Test func aStatementPreparedBeforeATableChangedIsPreparedAfresh() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("conn"))
        try await connection.executeScript("CREATE TABLE t (a int); INSERT INTO t VALUES (1)")
        #expect(try await connection.query("SELECT * FROM t").columns == ["a"])
        _ = try await connection.query("SELECT \(1)::int")
        try await connection.executeScript("ALTER TABLE t ADD COLUMN b text")
        // The server refuses the old plan once, as PostgreSQL does for any prepared statement…
        let error = await #expect(throws: PostgresError.self) { try await connection.query("SELECT * FROM t") }
        #expect(error?.sqlState == "0A000")
        // …and the next call prepares it again, under a fresh name.
        #expect(try await connection.query("SELECT * FROM t").columns == ["a", "b"])
        #expect(try await connection.query("SELECT \(2)::int + 0").count == 1)
    }

    @Test func sessionSettingsAreApplied() async throws {
        var configuration = try await TestPostgres.freshDatabase("conn")
        configuration.statementTimeoutMilliseconds = 200
        configuration.applicationName = "disclosure-test"
        let connection = try await Connection.connect(configuration)
        let settings = try await connection.query(
            "SELECT current_setting('application_name'), current_setting('statement_timeout'), current_setting('TimeZone')")
        #expect(try settings.single().decode(String.self, String.self, String.self) == ("disclosure-test", "200ms", "UTC"))
        let slow = await #expect(throws: PostgresError.self) { try await connection.query("SELECT pg_sleep(2)") }
        #expect(slow?.sqlState == "57014")
    }

    @Test func aClosedConnectionAnswersConnectionLost() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("conn"))
        #expect(try await connection.query("SELECT 1").count == 1)
        connection.close()
        let error = await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1") }
        guard case .connectionLost = error else {
            Issue.record("expected connectionLost, got \(String(describing: error))")
            return
        }
        #expect(connection.backendPID == 0)
    }

    @Test func aBatchAnswersEachStatementOnItsOwn() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("conn"))
        try await connection.executeScript("CREATE TABLE codes (code text PRIMARY KEY); INSERT INTO codes VALUES ('taken')")
        let results = await connection.queryBatch([
            "SELECT \(1)::int + 1",
            "SELECT 1 / \(0)::int",
            "INSERT INTO codes VALUES (\("taken"))",
            "SELEC nonsense",
            "INSERT INTO codes VALUES (\("新"))",
            "SELECT count(*) FROM codes",
        ])
        #expect(try results[0].get().single().decode(Int.self, at: 0) == 2)
        #expect((results[1].failure as? PostgresError)?.sqlState == "22012")
        if case .conflict = results[2].failure as? PostgresError {} else { Issue.record("expected a conflict: \(results[2])") }
        #expect((results[3].failure as? PostgresError)?.sqlState == "42601")
        #expect(try results[4].get().affectedRows == 1)
        #expect(try results[5].get().single().decode(Int.self, at: 0) == 2)
        // The connection is back in its normal mode and usable.
        #expect(await connection.transactionStatus() == .idle)
        #expect(try await connection.query("SELECT 1").count == 1)
    }

    @Test func unparsableURLIsAConfigurationError() throws {
        #expect(throws: PostgresError.self) { try ConnectionConfiguration(url: "postgresql://host:notaport/db?x") }
        let error = #expect(throws: PostgresError.self) { try ConnectionConfiguration(url: "postgresql://[::1") }
        if case .invalidConfiguration = error {} else { Issue.record("got \(String(describing: error))") }
    }

    @Test func unreachableServerFailsQuicklyWithOneSentence() async throws {
        var configuration = try ConnectionConfiguration(url: "postgresql://nobody@127.0.0.1:1/none")
        configuration.connectTimeoutSeconds = 2
        let started = ContinuousClock.now
        let error = await #expect(throws: PostgresError.self) { try await Connection.connect(configuration) }
        #expect(ContinuousClock.now - started < .seconds(5))
        guard case .connectionFailed(let message) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(!message.contains("\n"))
        #expect(message.contains("127.0.0.1"))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
