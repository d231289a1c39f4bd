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

    @Test func aDateOutsideTheKnownYearsExitsTwoNamingTheYear() throws {
        let (status, output) = try run(["calendar", "add", "2026-12-20", "20"])
        #expect(status == 2)
        #expect(output.contains("2027"))
        let (early, earlyOutput) = try run(["calendar", "workdays", "--from", "2018-12-01", "--to", "2019-01-10"])
        #expect(early == 2)
        #expect(earlyOutput.contains("2018"))
    }

    @Test func aMalformedDateIsExplained() throws {
        let (status, output) = try run(["calendar", "add", "2024/10/23", "1"])
        #expect(status != 0)
        #expect(output.contains("YYYY-MM-DD"))
    }

    func calendarFile(workingDays: Int) throws -> String {
        let path = try TestPostgres.scratchPath("calendar") + ".json"
        try """
            {"years": {"2027": {"notice": "测试用2027年节假日安排", "working_days": \(workingDays),
              "holidays": [{"name": "元旦", "first": "2027-01-01", "last": "2027-01-03"},
                           {"name": "春节", "first": "2027-02-06", "last": "2027-02-12"}],
              "makeup_workdays": ["2027-02-20"]}}}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func anImportedYearIsCountedOn() throws {
        // 2027: 261 weekdays, less 1 (01-01) and 5 (02-08…02-12), plus the make-up Saturday = 256.
        let wrong = try calendarFile(workingDays: 250)
        let (refused, refusal) = try run(["calendar", "import", wrong])
        #expect(refused == 1)
        #expect(refusal.contains("256"))
        #expect(try run(["calendar", "add", "2026-12-20", "20"]).0 == 2)

        let (status, output) = try run(["calendar", "import", try calendarFile(workingDays: 256)])
        #expect(status == 0)
        #expect(output.contains("imported 2027: 256 working days"))
        // 20 working days after Sunday 2026-12-20: 9 in 12-21…12-31, then 11 from Monday 2027-01-04 → 2027-01-18.
        #expect(try run(["calendar", "add", "2026-12-20", "20"]) == (0, "2027-01-18\n"))
    }

    @Test func anUnreadableCalendarFileIsNamed() throws {
        let path = try TestPostgres.scratchPath("calendar") + ".json"
        try "{\"years\": {\"2027\": {\"notice\": \"x\"}}}".write(toFile: path, atomically: true, encoding: .utf8)
        let (status, output) = try run(["calendar", "import", path])
        #expect(status == 1)
        #expect(output.contains("holidays"))
        let (missing, message) = try run(["calendar", "import", "/nonexistent/2027.json"])
        #expect(missing == 1)
        #expect(message.contains("cannot read"))
    }
}
