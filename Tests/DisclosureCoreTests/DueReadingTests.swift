import DisclosureCore
import Testing

/// How a date owed reads on a given day: in words, with its colour, and 预计 where it is.
@Suite struct DueReadingTests {
    let calendar = try! WorkCalendar(CalendarYear.official)
    func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    func reading(_ due: String, on today: String, from: String? = nil) throws -> DueReading {
        try DueReading(due: d(due), today: d(today), calendar: calendar, countedFrom: from.map(d))
    }

    @Test func eachDayBeforeAndAfter() throws {
        #expect(try reading("2026-12-04", on: "2026-11-27").chinese == "剩余5个工作日")
        #expect(try reading("2026-12-04", on: "2026-11-27").urgency == .onTime)
        #expect(try reading("2026-12-04", on: "2026-11-30").urgency == .onTime)  // 4 working days left
        #expect(try reading("2026-12-04", on: "2026-12-01").urgency == .soon)
        #expect(try reading("2026-12-04", on: "2026-12-03").chinese == "明天到期")
        #expect(try reading("2026-12-04", on: "2026-12-04").chinese == "今天到期")
        #expect(try reading("2026-12-04", on: "2026-12-07").chinese == "已逾期1个工作日")
        #expect(try reading("2026-12-04", on: "2026-12-07").english == "overdue by 1 working day")
        #expect(try reading("2026-12-04", on: "2026-12-05").chinese == "已逾期")
        #expect(try reading("2026-12-04", on: "2026-12-05").urgency == .overdue)
        // Friday before a Monday due date: one working day left, but not "tomorrow".
        #expect(try reading("2026-11-30", on: "2026-11-27").chinese == "剩余1个工作日")
    }

    @Test func aProvisionalDateSaysSo() throws {
        let due = try reading("2027-01-18", on: "2026-12-21", from: "2026-12-20")
        #expect(due.provisional?.years == [2027])
        #expect(due.chinese.hasSuffix("（预计）") && due.english.hasSuffix("(provisional)"))
        #expect(try reading("2026-12-04", on: "2026-11-27", from: "2026-11-06").provisional == nil)
    }
}
