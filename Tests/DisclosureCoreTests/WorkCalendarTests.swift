import DisclosureCore
import Testing

@Suite struct WorkCalendarTests {
    let calendar = try! WorkCalendar(CalendarYear.official)

    func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test func carriesEveryYearFrom2019To2026() {
        #expect(calendar.knownYears == Array(2019...2026))
    }

    /// 2024–2026 from the issue and cn-workcalendar.json; 2019–2023 as counted from the notices by a
    /// separate script when the data was gathered.
    @Test(arguments: [(2019, 250), (2020, 249), (2021, 250), (2022, 249), (2023, 249), (2024, 251), (2025, 248), (2026, 248)])
    func workingDayTotals(year: Int, total: Int) throws {
        #expect(try calendar.workingDayCount(in: year) == total)
    }

    @Test func everyMakeUpDayIsAWorkingWeekendDayAndEveryHolidayIsOff() throws {
        for year in CalendarYear.official {
            for day in year.makeupWorkdays where calendar.knownYears.contains(day.year) {
                #expect(day.isWeekend, "\(day)")
                #expect(try calendar.isWorkingDay(day), "\(day) should be a make-up working day")
            }
            for holiday in year.holidays {
                for n in holiday.first.dayNumber...holiday.last.dayNumber where calendar.knownYears.contains(LocalDate(dayNumber: n).year) {
                    #expect(try !calendar.isWorkingDay(LocalDate(dayNumber: n)), "\(LocalDate(dayNumber: n)) is \(holiday.name)")
                }
            }
        }
        // Spot checks straight from the notices.
        #expect(try calendar.isWorkingDay(date("2024-09-29")))   // Sunday worked before National Day
        #expect(try !calendar.isWorkingDay(date("2024-10-07")))  // Monday in the holiday
        #expect(try !calendar.isWorkingDay(date("2020-02-01")))  // Saturday no longer worked: Spring Festival extended
        #expect(try !calendar.isWorkingDay(date("2020-01-31")))  // Friday in the extension
        #expect(try calendar.isWorkingDay(date("2020-02-03")))
        #expect(try calendar.isWorkingDay(date("2023-10-07")))   // Saturday worked
    }

    @Test func theWorkedExampleOfDomainSection5() throws {
        let receipt = date("2024-09-02")
        #expect(try calendar.workingDay(20, after: receipt) == date("2024-09-30"))  // reply due if nothing happens
        #expect(try calendar.workingDay(7, after: receipt) == date("2024-09-11"))   // correction notice due
        let used = try calendar.workingDaysElapsed(after: receipt, through: date("2024-09-09"))
        #expect(used == 5)
        #expect(try calendar.workingDay(20 - used, after: date("2024-09-27")) == date("2024-10-23"))
    }

    @Test func deadlinesAcrossSpringFestivalAndNationalDay() throws {
        // 2025: Spring Festival 01-28…02-04, Sunday 01-26 and Saturday 02-08 worked.
        #expect(try calendar.workingDay(1, after: date("2025-01-27")) == date("2025-02-05"))
        #expect(try calendar.workingDay(2, after: date("2025-01-24")) == date("2025-01-27"))
        // 2023: 中秋、国庆 09-29…10-06, Saturday 10-07 and Sunday 10-08 worked.
        #expect(try calendar.workingDay(1, after: date("2023-09-28")) == date("2023-10-07"))
        #expect(try calendar.workingDay(3, after: date("2023-09-28")) == date("2023-10-09"))
    }

    /// An application received the day before each year's Spring Festival and National Day
    /// holidays: its reply falls due on the 20th working day after, counted by hand from each
    /// year's notice (holiday ranges and make-up days), not from the calendar's tables.
    @Test(arguments: [
        ("2019-02-03", "2019-03-08"), ("2019-09-30", "2019-11-01"),
        ("2020-01-23", "2020-02-28"), ("2020-09-30", "2020-11-04"),
        ("2021-02-10", "2021-03-16"), ("2021-09-30", "2021-11-03"),
        ("2022-01-30", "2022-03-04"), ("2022-09-30", "2022-11-02"),
        ("2023-01-20", "2023-02-22"), ("2023-09-28", "2023-11-01"),
        ("2024-02-09", "2024-03-14"), ("2024-09-30", "2024-11-01"),
        ("2025-01-27", "2025-03-03"), ("2025-09-30", "2025-11-04"),
        ("2026-02-14", "2026-03-20"), ("2026-09-30", "2026-11-03"),
    ])
    func replyDueAcrossEachYearsLongHolidays(received: String, due: String) throws {
        #expect(try calendar.workingDay(20, after: date(received)) == date(due))
    }

    /// domain.md §5: the system never refuses for lack of a notice. Counting runs on into the
    /// provisional years, at least ten years ahead; only a date beyond 2101 cannot be counted.
    @Test func countingNeverStopsForLackOfANotice() throws {
        #expect(calendar.isProvisional(year: 2027) && !calendar.isProvisional(year: 2026))
        // 20 working days after Sunday 2026-12-20: 9 in 12-21…12-31, then 元旦 (Friday 2027-01-01)
        // off, 11 from Monday 01-04 → 2027-01-18.
        #expect(try calendar.workingDay(20, after: date("2026-12-20")) == date("2027-01-18"))
        for year in 2027...2037 { #expect(try (240...255).contains(calendar.workingDayCount(in: year)), "\(year)") }
        #expect(try calendar.workingDay(20, after: date("2100-12-01")).year == 2100)
        #expect(throws: WorkCalendar.Failure.yearNotKnown(2102)) { try calendar.isWorkingDay(date("2102-01-05")) }
        #expect(WorkCalendar.Failure.yearNotKnown(2102).description.contains("2102"))
    }

    /// Counted by hand from the law's rules and the 2027 lunar dates of domain.md §5 (除夕 5 Feb,
    /// 清明 5 Apr, 端午 9 Jun, 中秋 15 Sep): weekend statutory days are made up on the next
    /// working days; no weekend is turned into a working day.
    @Test func theProvisional2027() throws {
        let off = ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-04-05", "2027-05-03", "2027-05-04",
                   "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-04", "2027-10-05"]
        for day in off { #expect(try !calendar.isWorkingDay(date(day)), "\(day)") }
        for day in ["2027-01-04", "2027-02-04", "2027-02-11", "2027-05-05", "2027-10-06", "2027-10-08"] {
            #expect(try calendar.isWorkingDay(date(day)), "\(day)")
        }
        for day in ["2027-02-06", "2027-02-07", "2027-05-01", "2027-10-02", "2027-10-09"] { #expect(try !calendar.isWorkingDay(date(day)), "\(day)") }
        // 261 weekdays in 2027, less the 13 above.
        #expect(try calendar.workingDayCount(in: 2027) == 248)
        #expect(calendar.calendarYear(2027)?.makeupWorkdays == [])
    }

    @Test func aDateIsProvisionalWhenItsCountingReliesOnAMissingNotice() throws {
        #expect(calendar.provisional(countingFrom: date("2026-11-02"), through: date("2026-11-30")) == nil)
        #expect(calendar.provisional(countingFrom: date("2026-12-20"), through: date("2027-01-18"))?.years == [2027])
        // 29–31 December depend on the next year's notice too (元旦 may start on 30 December).
        #expect(calendar.provisional(countingFrom: date("2026-12-01"), through: date("2026-12-28")) == nil)
        #expect(calendar.provisional(countingFrom: date("2026-12-01"), through: date("2026-12-30"))?.years == [2027])
        #expect(calendar.provisional(countingFrom: nil, through: date("2028-03-01"))?.years == [2028])
        let reason = try #require(calendar.provisional(countingFrom: date("2026-12-20"), through: date("2027-01-18"))).reason
        #expect(reason.contains("2027年") && reason.contains("预计"))
        var imported = calendar
        try imported.add(StatutoryHolidays.provisionalYear(2027))
        #expect(imported.provisional(countingFrom: date("2026-12-20"), through: date("2027-01-18")) == nil)
    }

    @Test func whichNoticeToImportAndFromWhen() {
        #expect(calendar.noticeToImport(on: date("2026-09-30")) == nil)
        #expect(calendar.noticeToImport(on: date("2026-10-01")) == 2027)
        #expect(calendar.noticeToImport(on: date("2027-01-05")) == 2027)
        #expect(calendar.provisionalFrom(after: date("2026-11-29")) == date("2026-12-29"))
        #expect(calendar.provisionalFrom(after: date("2026-12-30")) == date("2026-12-30"))
    }

    @Test func workingDaysLeftCountsToTheDay() throws {
        // Sunday 2026-11-29: Monday 11-30 is the next working day.
        #expect(try calendar.workingDaysLeft(on: date("2026-11-29"), until: date("2026-11-30")) == 1)
        #expect(try calendar.workingDaysLeft(on: date("2026-11-30"), until: date("2026-11-30")) == 0)
        #expect(try calendar.workingDaysLeft(on: date("2026-12-02"), until: date("2026-11-30")) == -2)
        #expect(try calendar.workingDaysLeft(on: date("2024-09-27"), until: date("2024-10-08")) == 3)  // 09-29 worked, 09-30, 10-08
    }

    @Test func aNoticeWithAWeekdayMakeUpDayIsRefused() {
        let bad = CalendarYear(year: 2027, notice: "test", holidays: [], makeupWorkdays: [date("2026-12-29")])
        #expect(throws: WorkCalendar.Failure.self) { try WorkCalendar([bad]) }
    }

    @Test func implausibleAndOverlappingYearsAreRefusedNamingTheProblem() {
        // Only 元旦 off: 260 working days, more than any notice gives.
        let sparse = CalendarYear(year: 2027, notice: "t", holidays: [.init(name: "元旦", first: date("2027-01-01"), last: date("2027-01-01"))], makeupWorkdays: [])
        #expect(sparse.problems.map(\.chinese).joined().contains("260个工作日"))
        let overlapping = CalendarYear(year: 2027, notice: "t", holidays: [
            .init(name: "春节", first: date("2027-02-05"), last: date("2027-02-11")),
            .init(name: "元宵", first: date("2027-02-10"), last: date("2027-02-12")),
        ], makeupWorkdays: [])
        #expect(overlapping.problems.contains { $0.chinese.contains("重叠") && $0.message.contains("overlap") })
        let weekday = CalendarYear(year: 2027, notice: "t", holidays: [], makeupWorkdays: [date("2027-02-03")])
        #expect(weekday.problems.contains { $0.chinese.contains("不是星期六或星期日") })
        #expect(CalendarYear(year: 1900, notice: "t", holidays: [], makeupWorkdays: []).problems.first?.chinese.contains("1949") == true)
        #expect(throws: WorkCalendar.Failure.self) { try WorkCalendar([overlapping]) }
    }
}
