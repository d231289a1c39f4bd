import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// `disclosure user token USERNAME --name N`, run as the real program.
@Suite struct UserTokenCommandTests {
    @Test func printsATokenStoredOnlyAsItsHash() async throws {
        let url = try await TestPostgres.freshDatabaseURL("user-token")
        let (generated, log) = try CommandRun.run(["demo", "generate", "--cases", "1", "--today", "2024-09-20"], databaseURL: url)
        #expect(generated == 0, "\(log)")

        let (status, output) = try CommandRun.run(["user", "token", "zjj.officer", "--name", "nightly export"], databaseURL: url)
        #expect(status == 0, "\(output)")
        let token = output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("dd_") && !token.contains(" "))

        let connection = try await Connection.connect(ConnectionConfiguration(url: url))
        defer { connection.close() }
        let owner = try await connection.query("""
            SELECT u.username, t.name FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = sha256(convert_to(\(token), 'UTF8')) AND t.revoked_at IS NULL
            """).single()
        #expect(try owner.decode(String.self, at: 0) == "zjj.officer")
        #expect(try owner.decode(String.self, at: 1) == "nightly export")
        let plain = try await connection.query("SELECT count(*) FROM api_tokens t WHERE t::text LIKE \("%" + token + "%")").single()
        #expect(try plain.decode(Int.self, at: 0) == 0)
    }

    @Test func refusesAnUnknownUserAndAnEmptyName() async throws {
        let url = try await TestPostgres.freshDatabaseURL("user-token-refused")
        let (generated, _) = try CommandRun.run(["demo", "generate", "--cases", "1", "--today", "2024-09-20"], databaseURL: url)
        #expect(generated == 0)
        let (unknown, unknownOutput) = try CommandRun.run(["user", "token", "nobody", "--name", "x"], databaseURL: url)
        #expect(unknown != 0)
        #expect(unknownOutput.contains("There is no active user nobody."))
        let (empty, emptyOutput) = try CommandRun.run(["user", "token", "zjj.officer", "--name", "  "], databaseURL: url)
        #expect(empty != 0)
        #expect(emptyOutput.contains("--name must hold 1 to 100 characters."))
    }
}
