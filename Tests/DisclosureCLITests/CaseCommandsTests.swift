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
        #expect(try await count("SELECT count(DISTINCT kind) FROM library_entries") == 4)
        // Each agency's numbers for a year run from 1 without gaps, and the counters know the last one.
        #expect(try await count("""
            SELECT count(*) FROM (SELECT agency_id, extract(year FROM received_on)::int AS year, count(*) AS n FROM cases GROUP BY 1, 2) g
            FULL JOIN case_number_counters c USING (agency_id, year) WHERE c.last_number IS DISTINCT FROM g.n
            """) == 0)

        let (verified, report) = try CommandRun.run(["verify"], databaseURL: url)
        #expect(verified == 0)
        #expect(report.contains("Checked 300 cases: every snapshot matches its history."))

        // The annual report of the generated data balances; its JSON names every cell.
        let (reported, json) = try CommandRun.run(["report", "annual", "--year", "2024", "--format", "json"], databaseURL: url)
        #expect(reported == 0, "\(json.suffix(300))")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try #require(object["table3"] as? [[String: Any]])
        #expect(rows.count == 25)
        #expect(rows.first?["row"] as? String == "一、本年新收政府信息公开申请数量")
        let received = try #require(rows.first?["cells"] as? [[String: Any]])
        #expect(received.map { $0["column"] as? String } == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])
        let counted = try await count("SELECT count(*) FROM cases WHERE received_on BETWEEN '2024-01-01' AND '2024-12-31'")
        #expect(received.last?["value"] as? Int == counted)
        let file = try TestPostgres.scratchPath("report") + ".csv"
        defer { unlink(file) }
        let (csvStatus, _) = try CommandRun.run(["report", "annual", "--year", "2024", "--agency", "szq-zjj", "--format", "csv", "--output", file], databaseURL: url)
        #expect(csvStatus == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("三、收到和处理政府信息公开申请情况（济南市市中区住房和城乡建设局，2024年度）"))
        // The ledger from the command line: the export holds every case 2024's report counts; a bad file imports nothing.
        let ledger = try TestPostgres.scratchPath("ledger") + ".csv"
        defer { unlink(ledger) }
        #expect(try CommandRun.run(["export", "ledger", "--year", "2024", "--output", ledger], databaseURL: url).0 == 0)
        let exported = String(decoding: try Data(contentsOf: URL(fileURLWithPath: ledger)).dropFirst(3), as: UTF8.self)
        let touching = try await count("""
            SELECT count(*) FROM cases c WHERE (c.received_on <= '2024-12-31' AND (c.disposed_on IS NULL OR c.disposed_on >= '2024-01-01'))
               OR EXISTS (SELECT 1 FROM reconsiderations r WHERE r.case_id = c.id AND r.filed_on BETWEEN '2024-01-01' AND '2024-12-31')
               OR EXISTS (SELECT 1 FROM litigations l WHERE l.case_id = c.id AND l.filed_on BETWEEN '2024-01-01' AND '2024-12-31')
            """)
        #expect(exported.split(separator: "\r\n").count == 1 + touching)
        try (exported.split(separator: "\r\n")[0] + "\n第一案,nowhere,自然人,某,当面,2024-01-02,内容,,,,,,,\n").write(toFile: ledger, atomically: true, encoding: .utf8)
        let (refused, why) = try CommandRun.run(["import", "ledger", ledger], databaseURL: url)
        #expect(refused == 1)
        #expect(why.contains("line 2: there is no agency with the code nowhere"))
        #expect(try await count("SELECT count(*) FROM ledger_cases") == 0)

        let (badAgency, message) = try CommandRun.run(["report", "annual", "--year", "2024", "--agency", "nowhere"], databaseURL: url)
        #expect(badAgency == 1)
        #expect(message.contains("nowhere"))

        let (listed, deadlines) = try CommandRun.run(["deadlines", "--within", "5", "--today", "2026-11-29"], databaseURL: url)
        #expect(listed == 0)
        #expect(deadlines.contains("Overdue on 2026-11-29"))
        #expect(deadlines.contains("Due within 5 working days on 2026-11-29"))

        try await connection.execute("UPDATE cases SET disposition = 'disclose' WHERE id = (SELECT min(id) FROM cases WHERE disposition = 'partial')")
        let (failed, complaint) = try CommandRun.run(["verify"], databaseURL: url)
        #expect(failed == 1)
        #expect(complaint.contains("disposition is disclose but the history gives partial"))
    }

    /// Issue 12: on 2026-12-18 open cases fall due in 2027, before its notice: each such date
    /// (and one from 29 December, which the notice may still move) is listed as provisional,
    /// with how many working days are left.
    @Test func deadlinesReachingAYearWithoutANoticeAreMarkedProvisional() async throws {
        let url = try await TestPostgres.freshDatabaseURL("deadlines-provisional")
        #expect(try CommandRun.run(["demo", "generate", "--cases", "300", "--today", "2026-12-18"], databaseURL: url).0 == 0)
        let (status, output) = try CommandRun.run(["deadlines", "--within", "40", "--today", "2026-12-18"], databaseURL: url)
        #expect(status == 0)
        let rows = output.split(separator: "\n").filter { $0.hasPrefix("  20") }
        let provisional = rows.filter { $0 >= "  2026-12-29" }
        #expect(!provisional.isEmpty)
        for row in rows { #expect(row.contains("(provisional)") == (row >= "  2026-12-29"), "\(row)") }
        #expect(rows.contains { $0.hasPrefix("  2026-12-29  7 working days left (provisional)") })
        #expect(output.contains("the notice for 2027 is not imported"))
    }

    @Test func libraryImportReadsAFolder() async throws {
        let url = try await TestPostgres.freshDatabaseURL("library-import")
        let folder = try TestPostgres.scratchPath("library")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "<html><head><title>房屋征收通知</title></head><body><p>征收范围见附图。</p></body></html>".write(toFile: folder + "/a.html", atomically: true, encoding: .utf8)
        try "# 低保问答\n最低生活保障标准每年调整。".write(toFile: folder + "/b.md", atomically: true, encoding: .utf8)
        try "说明\n这是一份说明。".write(toFile: folder + "/c.txt", atomically: true, encoding: .utf8)
        try "not a document".write(toFile: folder + "/d.pdf", atomically: true, encoding: .utf8)
        let (status, output) = try CommandRun.run(["library", "import", folder, "--topic", "征地拆迁"], databaseURL: url)
        #expect(status == 0, "\(output)")
        #expect(output.contains("3 documents imported."))
        let connection = try await Connection.connect(ConnectionConfiguration(url: url))
        defer { connection.close() }
        let titles = try await connection.query("SELECT title FROM library_entries ORDER BY id").map { try $0.decode(String.self, at: 0) }
        #expect(titles == ["房屋征收通知", "低保问答", "说明"])
        // What was imported is found as the page finds it, pinyin included.
        let (found, hits) = try CommandRun.run(["library", "search", "低保"], databaseURL: url)
        #expect(found == 0, "\(hits)")
        #expect(hits.contains("1 hits") && hits.contains("低保问答") && !hits.contains("房屋征收通知"))
        let (_, respelled) = try CommandRun.run(["library", "search", "zhengshou"], databaseURL: url)
        #expect(respelled.contains("did you mean: 征收") && respelled.contains("房屋征收通知"))
        let (refused, why) = try CommandRun.run(["library", "search", "低保", "--limit", "0"], databaseURL: url)
        #expect(refused != 0)
        #expect(why.contains("--limit must be from 1 to 100"))
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
