import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// `disclosure lifecycle`, `demo generate`, `verify` and `deadlines`, run as the real program.
@Suite struct CaseCommandsTests {
    @Test func theMermaidDiagramComesFromTheTable() throws {
        let (status, output) = try CommandRun.run(["lifecycle", "--mermaid"], databaseURL: nil)
        #expect(status == 0)
        #expect(output.hasPrefix("stateDiagram-v2\n"))
        for state in ["registered", "awaiting_correction", "in_progress", "consulting", "awaiting_reasons", "awaiting_fee",
                      "pending_signoff", "replied", "closed"] {
            #expect(output.contains("    \(state) : \(state) "))
        }
        #expect(output.contains("awaiting_fee --> closed : fee_lapsed, withdraw"))
        // The README shows the same diagram (regenerate it with `disclosure lifecycle --mermaid`).
        let readme = try String(contentsOf: CommandRun.schema.deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```mermaid\n" + output + "```"))
    }

    @Test func demoDataVerifiesAndTamperingIsReported() async throws {
        let url = try await TestPostgres.freshDatabaseURL("demo")
        let (generated, output) = try CommandRun.run(["demo", "generate", "--cases", "300", "--today", "2026-11-29"], databaseURL: url)
        #expect(generated == 0, "\(output)")
        #expect(output.contains("Generated 300 cases"))
        let (again, _) = try CommandRun.run(["demo", "generate", "--cases", "300", "--if-empty"], databaseURL: url)
        #expect(again == 0)

        let connection = try await Connection.connect(ConnectionConfiguration(url: url))
        defer { connection.close() }
        func count(_ sql: Query) async throws -> Int { try await connection.query(sql).single().decode(Int.self, at: 0) }
        #expect(try await count("SELECT count(*) FROM cases") == 300)
        #expect(try await count("SELECT count(DISTINCT disposition) FROM cases") == 21)
        #expect(try await count("SELECT count(DISTINCT state) FROM cases") == 9)
        #expect(try await count("SELECT count(DISTINCT applicant_kind) FROM cases") == 6)
        #expect(try await count("SELECT count(DISTINCT channel) FROM cases") == 6)
        #expect(try await count("SELECT count(*) FROM agencies WHERE kind = 'street'") == 14)
        #expect(try await count("SELECT count(*) FROM agencies WHERE kind = 'department'") == 12)
        // Each agency's numbers for a year run from 1 without gaps, and the counters know the last one.
        #expect(try await count("""
            SELECT count(*) FROM (SELECT agency_id, extract(year FROM received_on)::int AS year, count(*) AS n FROM cases GROUP BY 1, 2) g
            FULL JOIN case_number_counters c USING (agency_id, year) WHERE c.last_number IS DISTINCT FROM g.n
            """) == 0)

        let (verified, report) = try CommandRun.run(["verify"], databaseURL: url)
        #expect(verified == 0)
        #expect(report.contains("Checked 300 cases: every snapshot matches its history."))

        let (listed, deadlines) = try CommandRun.run(["deadlines", "--within", "5", "--today", "2026-11-29"], databaseURL: url)
        #expect(listed == 0)
        #expect(deadlines.contains("Overdue on 2026-11-29"))
        #expect(deadlines.contains("Due within 5 working days on 2026-11-29"))

        try await connection.execute("UPDATE cases SET disposition = 'disclose' WHERE id = (SELECT min(id) FROM cases WHERE disposition = 'partial')")
        let (failed, complaint) = try CommandRun.run(["verify"], databaseURL: url)
        #expect(failed == 1)
        #expect(complaint.contains("disposition is disclose but the history gives partial"))
    }

    @Test func badOptionsAreExplained() throws {
        let (status, output) = try CommandRun.run(["deadlines", "--within", "-3"], databaseURL: nil)
        #expect(status != 0)
        #expect(output.contains("--within"))
        let (demo, message) = try CommandRun.run(["demo", "generate", "--cases", "0"], databaseURL: nil)
        #expect(demo != 0)
        #expect(message.contains("--cases"))
    }
}
