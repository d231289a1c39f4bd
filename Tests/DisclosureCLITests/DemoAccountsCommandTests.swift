import DisclosureCore
import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// `disclosure demo accounts`: passwords drawn per installation, printed again on every run.
@Suite struct DemoAccountsCommandTests {
    struct Line: Equatable { var role, username, password, secret: String }

    func accounts(_ url: String) throws -> [String: Line] {
        let (status, output) = try CommandRun.run(["demo", "accounts"], databaseURL: url)
        #expect(status == 0, "\(output)")
        var lines: [String: Line] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 4, Role.allCases.map(\.rawValue).contains(fields[0]) else { continue }
            lines[fields[1]] = Line(role: fields[0], username: fields[1], password: fields[2], secret: fields[3])
        }
        return lines
    }

    @Test func eachInstallationDrawsItsOwnPasswordsAndPrintsThemAgain() async throws {
        let url = try await TestPostgres.freshDatabaseURL("demo-accounts")
        let first = try accounts(url)
        #expect(Set(first.keys) == ["zjj.officer", "bgs.supervisor", "admin", "security", "auditor"])
        #expect(first.values.allSatisfy { $0.password.count == 14 })
        // A code secret for every role but officers, in base32.
        #expect(first["zjj.officer"]?.secret == "-")
        for username in ["bgs.supervisor", "admin", "security", "auditor"] {
            #expect(first[username]?.secret.count == 52)
            #expect(first[username]?.secret.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) } == true)
        }
        #expect(try accounts(url) == first)
        let other = try accounts(try await TestPostgres.freshDatabaseURL("demo-accounts-other"))
        #expect(other["admin"]?.password != first["admin"]?.password)
        #expect(other["admin"]?.secret != first["admin"]?.secret)
        // The table is not readable by PUBLIC.
        let connection = try await Connection.connect(ConnectionConfiguration(url: url))
        defer { connection.close() }
        let grants = try await connection.query("SELECT count(*) FROM information_schema.role_table_grants WHERE table_name = 'demo_credentials' AND grantee = 'PUBLIC'")
        #expect(try grants.single().decode(Int.self, at: 0) == 0)
        let service = try await connection.query("SELECT has_table_privilege('disclosure_service', 'demo_credentials', 'SELECT')")
        #expect(try service.single().decode(Bool.self, at: 0) == false)
    }

    @Test func aChangedPasswordIsNoLongerPrintedAndAFormerlyPublishedOneIsReplaced() async throws {
        let url = try await TestPostgres.freshDatabaseURL("demo-accounts-changed")
        let first = try accounts(url)
        #expect(try CommandRun.run(["user", "password", "auditor", "--password", "a-secret-of-my-own"], databaseURL: url).0 == 0)
        // What earlier versions published for every installation.
        let connection = try await Connection.connect(ConnectionConfiguration(url: url))
        defer { connection.close() }
        _ = try await connection.query("DELETE FROM demo_credentials WHERE user_id = (SELECT id FROM users WHERE username = 'admin')")
        _ = try await connection.query("UPDATE users SET password_hash = \(Self.publishedAdminHash) WHERE username = 'admin'")
        let after = try accounts(url)
        #expect(after["auditor"]?.password == "(changed)")
        #expect(after["zjj.officer"] == first["zjj.officer"])
        #expect(after["admin"]?.password != "(changed)")
        #expect(after["admin"]?.password != first["admin"]?.password)
        #expect(after["admin"]?.password.count == 14)
    }

    /// bcrypt (cost 4) of "admin-demo-2024", the administrator's password earlier versions gave every installation.
    static let publishedAdminHash = "$2b$04$5fUP6vTKfXmWdWrUed6Sg.4aVXbbdzr9sgLoHqdi9l63JvC1YfYtC"
}
