import DisclosureCore
import Testing

@Suite struct WorkCalendarTests {
    let calendar = try! WorkCalendar(CalendarYear.official)

    func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test func carriesEveryYearFrom2019To2026() {
        #expect(calendar.knownYears == Array(2019...2026))
    }

    /// 2024–2026 from the issue and shared/data; 2019–2023 as counted from the notices by a
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

    @Test func aYearTheCalendarLacksIsNamed() {
        #expect(throws: WorkCalendar.Failure.yearNotKnown(2027)) {
            try calendar.workingDay(20, after: date("2026-12-20"))
        }
        #expect(throws: WorkCalendar.Failure.yearNotKnown(2018)) { try calendar.isWorkingDay(date("2018-12-31")) }
        #expect(WorkCalendar.Failure.yearNotKnown(2027).description.contains("2027"))
    }

    @Test func aNoticeWithAWeekdayMakeUpDayIsRefused() {
        let bad = CalendarYear(year: 2027, notice: "test", holidays: [], makeupWorkdays: [date("2026-12-29")])
        #expect(throws: WorkCalendar.Failure.self) { try WorkCalendar([bad]) }
    }
}
