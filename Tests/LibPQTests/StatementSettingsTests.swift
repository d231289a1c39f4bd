import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// Settings travel with each statement, also when the pool commits statements of callers with
/// different settings together in one transaction.
@Suite struct StatementSettingsTests {
    func pool() async throws -> ConnectionPool {
        ConnectionPool(.init(connection: try await TestPostgres.freshDatabase("settings"), size: 1, acquireTimeout: .seconds(60), statementConnections: 1))
    }

    /// Ten callers' statements wait behind a slow one and go out as one batch: each is answered
    /// under its own setting, and a failing one among them (the batch then runs again, one by
    /// one) changes nothing for the others.
    @Test(arguments: [false, true])
    func callersBatchedTogetherEachSeeTheirOwnSetting(withAFailure: Bool) async throws {
        let pool = try await pool()
        async let slow = pool.query("SELECT pg_sleep(0.3)")
        try await Task.sleep(for: .milliseconds(100))
        let answers = try await withThrowingTaskGroup(of: (String, String?, String?).self) { group in
            for n in 0..<10 {
                group.addTask {
                    try await StatementSettings.$current.withValue([.init("dd.who", "caller \(n)")]) {
                        if withAFailure, n == 5 {
                            _ = try? await pool.query("SELECT 1 / 0")
                            return ("caller \(n)", nil, nil)
                        }
                        let row = try await pool.query("SELECT current_setting('dd.who', true), txid_current()::text").single()
                        return ("caller \(n)", try row.decode(String?.self, at: 0), try row.decode(String?.self, at: 1))
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        _ = try await slow
        for (caller, seen, _) in answers where seen != nil { #expect(seen == caller) }
        if !withAFailure { #expect(Set(answers.compactMap(\.2)).count < 10, "the statements were not batched") }
        // Nothing is left behind for a statement without settings on the same connection.
        let after = try await pool.query("SELECT coalesce(current_setting('dd.who', true), '')").single().decode(String.self, at: 0)
        #expect(after == "")
        await pool.close()
    }

    /// In a transaction, settings are sent once and hold for its later statements with the same
    /// ones; a statement with other settings gets its own; the next transaction starts afresh.
    @Test func aTransactionSendsItsSettingsOnceAndStillHonoursEachStatements() async throws {
        let pool = try await pool()
        func seen(_ connection: Connection, _ who: String) async throws -> String? {
            try await connection.query(Query("SELECT current_setting('dd.who', true)").with(settings: [.init("dd.who", who)])).single().decode(String?.self, at: 0)
        }
        for round in 0..<2 {
            let answers = try await StatementSettings.$current.withValue([.init("dd.who", "a\(round)")]) {
                try await pool.withTransaction { connection in
                    [try await seen(connection, "a\(round)"), try await seen(connection, "b"), try await seen(connection, "a\(round)"),
                     try await connection.query("SELECT current_setting('dd.who', true)").single().decode(String?.self, at: 0)]
                }
            }
            #expect(answers == ["a\(round)", "b", "a\(round)", "a\(round)"])
        }
        await pool.close()
    }

    /// In a transaction, a statement carrying settings runs under them, and they end with it.
    @Test func settingsInsideATransactionEndWithIt() async throws {
        let pool = try await pool()
        let seen = try await pool.withTransaction { connection in
            try await StatementSettings.$current.withValue([.init("dd.who", "in a transaction")]) {
                try await connection.query("SELECT current_setting('dd.who', true)").single().decode(String.self, at: 0)
            }
        }
        #expect(seen == "in a transaction")
        let own = try await pool.query(Query("SELECT current_setting('dd.who', true)").with(settings: [.init("dd.who", "its own")]))
        #expect(try own.single().decode(String.self, at: 0) == "its own")
        let after = try await pool.query("SELECT coalesce(current_setting('dd.who', true), '')").single().decode(String.self, at: 0)
        #expect(after == "")
        await pool.close()
    }
}
