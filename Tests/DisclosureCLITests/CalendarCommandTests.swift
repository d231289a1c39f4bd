import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// `disclosure calendar`, run as the real program.
@Suite struct CalendarCommandTests {
    let databaseURL: String

    init() async throws {
        databaseURL = try await TestPostgres.freshDatabaseURL("calendar")
    }

    func run(_ arguments: [String]) throws -> (Int32, String) {
        try CommandRun.run(arguments, databaseURL: databaseURL)
    }

    @Test func workdaysAroundNationalDay2024() throws {
        let (status, output) = try run(["calendar", "workdays", "--from", "2024-09-27", "--to", "2024-10-14"])
        #expect(status == 0)
        #expect(output.split(separator: "\n") == [
            "2024-09-27", "2024-09-29", "2024-09-30", "2024-10-08", "2024-10-09",
            "2024-10-10", "2024-10-11", "2024-10-12", "2024-10-14",
        ])
    }

    @Test func addCountsAfterTheDay() throws {
        let (status, output) = try run(["calendar", "add", "2024-09-27", "15"])
        #expect(status == 0)
        #expect(output == "2024-10-23\n")
    }

    /// A year without a notice is counted provisionally and says so; only beyond 2101 is a
    /// date refused, naming the year.
    @Test func aYearWithoutANoticeIsCountedAndMarkedProvisional() throws {
        let (status, output) = try run(["calendar", "add", "2026-12-20", "20"])
        #expect(status == 0)
        #expect(output.contains("2027-01-18\n"))
        #expect(output.contains("provisional") && output.contains("2027"))
        let (settled, settledOutput) = try run(["calendar", "add", "2026-11-02", "20"])
        #expect(settled == 0 && settledOutput == "2026-11-30\n")
        let (beyond, beyondOutput) = try run(["calendar", "workdays", "--from", "2100-12-01", "--to", "2100-12-03"])
        #expect(beyond == 0 && beyondOutput.split(separator: "\n") == ["2100-12-01", "2100-12-02", "2100-12-03"])
        let (outside, outsideOutput) = try run(["calendar", "add", "2100-12-31", "300"])
        #expect(outside == 2)
        #expect(outsideOutput.contains("2102"))
        let (early, earlyOutput) = try run(["calendar", "add", "1900-01-01", "1"])
        #expect(early != 0 && earlyOutput.contains("1949"))
    }

    @Test func aMalformedDateIsExplained() throws {
        let (status, output) = try run(["calendar", "add", "2024/10/23", "1"])
        #expect(status != 0)
        #expect(output.contains("YYYY-MM-DD"))
    }

    func scratchFile(_ text: String, _ suffix: String) throws -> String {
        let path = try TestPostgres.scratchPath("calendar") + suffix
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A sample notice in the State Council's form (not the official 2027 arrangement).
    static let notice2027 = """
        国务院办公厅关于2027年部分节假日安排的通知
        一、元旦：1月1日（周五）至3日（周日）放假，共3天。
        二、春节：2月5日（周五）至12日（周五）放假调休，共8天。2月13日（周六）、2月20日（周六）上班。
        三、清明节：4月3日（周六）至5日（周一）放假，共3天。
        四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）上班。
        五、端午节：6月9日（周三）放假，共1天。
        六、中秋节：9月15日（周三）放假，共1天。
        七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
        """

    @Test func theNoticeTextIsReadCheckedAndImported() throws {
        let path = try scratchFile(Self.notice2027, ".txt")
        let (checked, printed) = try run(["calendar", "import", path, "--check"])
        #expect(checked == 0)
        // 261 weekdays, 18 of them off, 5 weekend days worked.
        #expect(printed.contains("2027: 248 working days"))
        #expect(printed.contains("holiday  2027-02-05 to 2027-02-12  春节") && printed.contains("working  2027-02-13"))
        #expect(try run(["calendar", "years", "--today", "2026-11-29"]).1.contains("2027  248 working days  provisional"))

        let (status, output) = try run(["calendar", "import", path, "--today", "2026-11-29"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("imported 2027"))
        let (after, afterOutput) = try run(["calendar", "add", "2027-02-04", "1"])
        #expect(after == 0 && afterOutput == "2027-02-13\n")
        #expect(try run(["calendar", "years", "--today", "2026-11-29"]).1.contains("2027  248 working days  notice"))
    }

    @Test func aNoticeThatCannotBeReadIsRefusedNamingTheLine() throws {
        let typo = Self.notice2027.replacingOccurrences(of: "三、清明节：4月3日（周六）至5日（周一）放假", with: "三、清明节：4月3日（周六）至5日（周一）放家")
        let (status, output) = try run(["calendar", "import", try scratchFile(typo, ".txt")])
        #expect(status == 1)
        #expect(output.contains("Line 4") && output.contains("放家"))
        let (wrongYear, wrongYearOutput) = try run(["calendar", "import", try scratchFile(Self.notice2027, ".txt"), "--year", "2028"])
        #expect(wrongYear == 1 && wrongYearOutput.contains("2027"))
        #expect(try run(["calendar", "years"]).1.contains("2027") && !(try run(["calendar", "years"]).1.contains("2027  248 working days  notice")))
    }

    func calendarFile(workingDays: Int) throws -> String {
        try scratchFile("""
            {"years": {"2027": {"notice": "测试用2027年节假日安排", "working_days": \(workingDays),
              "holidays": [{"name": "元旦", "first": "2027-01-01", "last": "2027-01-03"},
                           {"name": "春节", "first": "2027-02-05", "last": "2027-02-12"}],
              "makeup_workdays": ["2027-02-20"]}}}
            """, ".json")
    }

    @Test func aCalendarFileIsImportedToo() throws {
        // 2027: 261 weekdays, less 1 (01-01) and 6 (02-05, 02-08…02-12), plus the make-up Saturday = 255.
        let wrong = try calendarFile(workingDays: 250)
        let (refused, refusal) = try run(["calendar", "import", wrong])
        #expect(refused == 1)
        #expect(refusal.contains("255"))
        let (status, output) = try run(["calendar", "import", try calendarFile(workingDays: 255)])
        #expect(status == 0, "\(output)")
        #expect(output.contains("2027: 255 working days"))
        // 20 working days after Sunday 2026-12-20: 9 in 12-21…12-31, then 11 from Monday 2027-01-04 → 2027-01-18.
        #expect(try run(["calendar", "add", "2026-12-20", "20"]) == (0, "2027-01-18\n"))
    }

    @Test func anUnreadableCalendarFileIsNamed() throws {
        let path = try scratchFile("{\"years\": {\"2027\": {\"notice\": \"x\"}}}", ".json")
        let (status, output) = try run(["calendar", "import", path])
        #expect(status == 1)
        #expect(output.contains("holidays"))
        let (missing, message) = try run(["calendar", "import", "/nonexistent/2027.json"])
        #expect(missing == 1)
        #expect(message.contains("cannot read"))
    }
}
