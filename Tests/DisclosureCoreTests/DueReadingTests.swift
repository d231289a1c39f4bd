import DisclosureCore
import Foundation
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

    /// The day the tests run, in China: users live today, not only on the dates above.
    var chinaToday: LocalDate { LocalDate(dayNumber: (Int(Date().timeIntervalSince1970) + 8 * 3600) / 86_400) }

    @Test func anApplicationReceivedTodayIsNeverRefused() throws {
        let today = chinaToday
        let due = try calendar.workingDay(20, after: today)
        #expect(try calendar.workingDaysLeft(on: today, until: due) == 20)
        let provisional = calendar.provisional(countingFrom: today, through: due)
        // The built-in notices end with 2026.
        if due.year > 2026 { #expect(provisional != nil, "\(today) → \(due)") }
        if due < d("2026-12-29") { #expect(provisional == nil, "\(today) → \(due)") }
    }

    @Test func theCaseDueOnTheNextWorkingDaySaysSoToday() throws {
        let today = chinaToday
        let next = try calendar.workingDay(1, after: today)
        var received = today
        while try calendar.workingDay(20, after: received) < next { received = received.adding(days: 1) }
        while try calendar.workingDay(20, after: received) > next { received = received.adding(days: -1) }
        let due = try calendar.workingDay(20, after: received)
        #expect(due == next)
        let reading = try DueReading(due: due, today: today, calendar: calendar, countedFrom: received)
        #expect(reading.workingDaysLeft == 1 && reading.urgency == .soon)
        #expect(reading.chinese.hasPrefix(due == today.adding(days: 1) ? "明天到期" : "剩余1个工作日"))
    }
}
