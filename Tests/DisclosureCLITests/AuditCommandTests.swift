import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// `disclosure audit verify` and `audit list`, run as the real program.
@Suite struct AuditCommandTests {
    @Test func verifySaysIntactOrNamesTheFirstBadRow() async throws {
        let url = try await TestPostgres.freshDatabaseURL("audit-cli")
        let (empty, first) = try CommandRun.run(["audit", "verify"], databaseURL: url)
        #expect(empty == 0 && first == "audit trail intact: 0 rows\n", "\(first)")

        let connection = try await Connection.connect(ConnectionConfiguration(url: url))
        defer { connection.close() }
        try await connection.execute("""
            INSERT INTO agencies (code, name, short_name, kind, reconsideration_body) VALUES ('szq', '济南市市中区人民政府', '市中区政府', 'government', '济南市人民政府')
            """)
        let (added, addOutput) = try CommandRun.run(["user", "add", "--username", "wang.fang", "--name", "王芳", "--role", "officer", "--agency", "szq"], databaseURL: url)
        #expect(added == 0, "\(addOutput)")
        let (passwordSet, _) = try CommandRun.run(["user", "password", "wang.fang"], databaseURL: url)
        #expect(passwordSet == 0)

        let (intact, output) = try CommandRun.run(["audit", "verify"], databaseURL: url)
        #expect(intact == 0)
        #expect(output.hasPrefix("audit trail intact: 2 rows; last row 2, hash "), "\(output)")
        let (listed, list) = try CommandRun.run(["audit", "list", "--kind", "user_added"], databaseURL: url)
        #expect(listed == 0)
        let fields = list.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(fields.count == 1 && fields.first?[2] == "user_added" && fields.first?[4] == "wang.fang")
        #expect(fields.first?.last?.contains("via=command line") == true)
        let (refused, refusal) = try CommandRun.run(["audit", "list", "--limit", "100000"], databaseURL: url)
        #expect(refused != 0 && refusal.contains("--limit must be from 1 to 200"))

        try await connection.execute("SET session_replication_role = replica")
        try await connection.execute("UPDATE audit_log SET detail = detail || '{\"role\": \"administrator\"}' WHERE id = 1")
        let (broken, report) = try CommandRun.run(["audit", "verify"], databaseURL: url)
        #expect(broken == 1)
        #expect(report == "audit trail broken at row 1 (changed): its content no longer matches its hash\n", "\(report)")
    }
}
