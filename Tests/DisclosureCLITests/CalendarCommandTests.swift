import Foundation
import LibPQ
import Testing

/// `disclosure calendar`, run as the real program.
@Suite struct CalendarCommandTests {
    func run(_ arguments: [String]) throws -> (Int32, String) {
        let output = NSTemporaryDirectory() + "calendar-\(UUID().uuidString).log"
        defer { unlink(output) }
        let pid = try ChildProcess.start(ServeCommandTests.program, arguments, outputPath: output)
        let status = ChildProcess.waitForExit(pid)
        return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
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
}
