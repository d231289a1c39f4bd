import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// `disclosure user add|password`, run as the real program.
@Suite struct UserCommandTests {
    @Test func aNewPasswordFollowsTheRulesAndEndsSessionsAndTokens() async throws {
        let url = try await TestPostgres.freshDatabaseURL("user-password")
        let (seeded, seedOutput) = try CommandRun.run(["demo", "accounts"], databaseURL: url)
        #expect(seeded == 0, "\(seedOutput)")
        let (added, addOutput) = try CommandRun.run(["user", "add", "--username", "liu.yang", "--name", "刘洋", "--role", "officer",
                                                     "--agency", "szq-zjj", "--password", "qwertyuiop"], databaseURL: url)
        #expect(added != 0)
        #expect(addOutput.contains("10,000 most common passwords"))

        let connection = try await Connection.connect(ConnectionConfiguration(url: url))
        defer { connection.close() }
        func count(_ sql: Query) async throws -> Int { try await connection.query(sql).single().decode(Int.self, at: 0) }
        let officer = try await connection.query("SELECT id FROM users WHERE username = 'zjj.officer'").single().decode(Int64.self, at: 0)
        _ = try await connection.query("INSERT INTO sessions (token_hash, user_id, csrf_token) VALUES ('\\x01', \(officer), 'c')")
        _ = try await connection.query("INSERT INTO api_tokens (user_id, name, token_hash) VALUES (\(officer), 'script', '\\x02')")

        let (refused, refusal) = try CommandRun.run(["user", "password", "zjj.officer", "--password", "zjj.officer.2024"], databaseURL: url)
        #expect(refused != 0)
        #expect(refusal.contains("must not be or contain the username"))
        #expect(try await count("SELECT count(*) FROM sessions") == 1)

        let (set, output) = try CommandRun.run(["user", "password", "zjj.officer", "--password", "a-fine-new-password"], databaseURL: url)
        #expect(set == 0, "\(output)")
        #expect(try await count("SELECT count(*) FROM sessions WHERE user_id = \(officer)") == 0)
        #expect(try await count("SELECT count(*) FROM api_tokens WHERE user_id = \(officer) AND revoked_at IS NULL") == 0)
    }

    @Test func aLostAuthenticatorIsResetForANewEnrolment() async throws {
        let url = try await TestPostgres.freshDatabaseURL("user-reset-code")
        #expect(try CommandRun.run(["demo", "accounts"], databaseURL: url).0 == 0)
        let connection = try await Connection.connect(ConnectionConfiguration(url: url))
        defer { connection.close() }
        func secret() async throws -> String? {
            try await connection.query("SELECT totp_secret FROM users WHERE username = 'bgs.supervisor'").single().decode(String?.self, at: 0)
        }
        #expect(try await secret() != nil)
        let (status, output) = try CommandRun.run(["user", "reset-code", "bgs.supervisor"], databaseURL: url)
        #expect(status == 0, "\(output)")
        #expect(try await secret() == nil)
        #expect(try CommandRun.run(["user", "reset-code", "no.such.user"], databaseURL: url).0 != 0)
    }
}
