import DisclosureCore
import Testing

/// The statutory days computed from the law (lunar dates and 清明 by astronomy) against the
/// State Council's notices of 2019–2026, which the provisional years stand in for.
@Suite struct StatutoryHolidaysTests {
    func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    /// Every statutory day of a year must be a holiday in that year's notice: 2019–2024 under
    /// the 2013 measures (春节 初一–初三, 劳动节 1 day), 2025–2026 under the 2024 revision (除夕
    /// added, 劳动节 2 days).
    @Test(arguments: CalendarYear.official)
    func everyStatutoryDayIsAHolidayInThatYearsNotice(notice: CalendarYear) {
        let statutory = StatutoryHolidays.days(in: notice.year)
        #expect(statutory.count == (notice.year >= 2025 ? 13 : 11), "\(notice.year)")
        for day in statutory {
            #expect(notice.holidays.contains { $0.first <= day.date && day.date <= $0.last }, "\(notice.year): \(day.name) \(day.date)")
        }
    }

    @Test func theLawChangedIn2025() {
        let names2024 = StatutoryHolidays.days(in: 2024).map(\.name)
        let names2025 = StatutoryHolidays.days(in: 2025).map(\.name)
        #expect(names2024.filter { $0 == "春节" }.count == 3 && names2025.filter { $0 == "春节" }.count == 4)
        #expect(names2024.filter { $0 == "劳动节" }.count == 1 && names2025.filter { $0 == "劳动节" }.count == 2)
        // 2025's 除夕 was 28 January (the notice's first day off).
        #expect(StatutoryHolidays.days(in: 2025).first { $0.name == "春节" }?.date == d("2025-01-28"))
        #expect(StatutoryHolidays.law(in: 2025).contains("第795号") && StatutoryHolidays.law(in: 2024).contains("第644号"))
    }

    /// domain.md §5's dates for 2027, and the 补假 of Art. 6.
    @Test func the2027StatutoryDaysAndTheirMakeUpDays() {
        let days = StatutoryHolidays.days(in: 2027)
        #expect(days.first { $0.name == "春节" }?.date == d("2027-02-05"))
        #expect(days.first { $0.name == "清明节" }?.date == d("2027-04-05"))
        #expect(days.first { $0.name == "端午节" }?.date == d("2027-06-09"))
        #expect(days.first { $0.name == "中秋节" }?.date == d("2027-09-15"))
        let year = StatutoryHolidays.provisionalYear(2027)
        #expect(year.problems.isEmpty)
        #expect(year.makeupWorkdays.isEmpty)
        let mayDay = year.holidays.first { $0.name.hasPrefix("劳动节") }
        #expect(mayDay?.first == d("2027-05-01") && mayDay?.last == d("2027-05-04"))
        #expect(mayDay?.name == "劳动节（含补假）")
        #expect(year.notice.contains("预计") && year.notice.contains("第795号"))
    }

    /// A provisional year must pass the checks an imported one does, every year it stands in for.
    @Test func everyProvisionalYearIsAPlausibleYear() {
        for year in 2027...2100 {
            #expect(StatutoryHolidays.provisionalYear(year).problems.isEmpty, "\(year)")
        }
    }
}
