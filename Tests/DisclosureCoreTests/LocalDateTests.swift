import DisclosureCore
import Foundation
import Testing

@Suite struct LocalDateTests {
    @Test func rejectsDaysThatDoNotExist() {
        #expect(LocalDate(year: 2023, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(iso: "2024-13-01") == nil)
        #expect(LocalDate(iso: "2024-4-1") == nil)
        #expect(LocalDate(iso: "2024-04-31") == nil)
        for bad in ["", "2024-04-01x", "+202-04-01", "2024/04/01", "２０２４-04-01", "2024-04-0", "12024-04-01", "2024--4-01", " 2024-04-01"] {
            #expect(LocalDate(iso: bad) == nil, "\(bad)")
        }
        #expect(LocalDate(iso: "2024-04-01"[...]) == LocalDate(year: 2024, month: 4, day: 1))
    }

    @Test func dayNumbersRoundTripAndAgreeWithKnownDays() {
        #expect(LocalDate(iso: "1970-01-01")!.dayNumber == 0)
        #expect(LocalDate(iso: "2000-03-01")!.dayNumber == 11_017)
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(dayNumber: n).dayNumber == n)
        }
        #expect(LocalDate(iso: "2024-02-28")!.adding(days: 2) == LocalDate(iso: "2024-03-01"))
        #expect(LocalDate(iso: "2024-12-31")!.adding(days: 1) == LocalDate(iso: "2025-01-01"))
        #expect(LocalDate(iso: "2024-01-01")!.dayOfYear == 0)
        #expect(LocalDate(iso: "2024-12-31")!.dayOfYear == 365)  // leap year
        #expect(LocalDate(iso: "2025-12-31")!.dayOfYear == 364)
    }

    @Test func weekdays() {
        #expect(LocalDate(iso: "2024-09-02")!.weekday == 1)  // Monday, domain.md §5
        #expect(LocalDate(iso: "2024-09-27")!.weekday == 5)  // Friday
        #expect(LocalDate(iso: "2024-09-29")!.isWeekend)     // Sunday
        #expect(LocalDate(iso: "2024-10-23")!.chinese == "2024年10月23日（星期三）")
    }

    @Test func ordersAndPrintsAsISO() {
        #expect(LocalDate(iso: "2024-09-30")! < LocalDate(iso: "2024-10-01")!)
        #expect(LocalDate(year: 2024, month: 1, day: 5)!.description == "2024-01-05")
    }
}

@Suite struct LocalDateInputTests {
    @Test func typedDatesAreBoundedTo1949Through2100() {
        #expect(LocalDate.input(" 2024-10-23 ") == .success(LocalDate(year: 2024, month: 10, day: 23)!))
        #expect(LocalDate.input("0000-01-01") == .failure(.outOfRange(LocalDate(year: 0, month: 1, day: 1)!)))
        #expect(LocalDate.input("2101-01-01") == .failure(.outOfRange(LocalDate(year: 2101, month: 1, day: 1)!)))
        #expect(LocalDate.input("2023-02-29") == .failure(.notADate("2023-02-29")))
        #expect(LocalDate.InputProblem.outOfRange(LocalDate(year: 1900, month: 1, day: 1)!).chineseDescription.contains("1949年至2100年"))
    }

    @Test func jsonRefusesADateOutsideTheRangeNamingIt() {
        struct Box: Decodable { var on: LocalDate }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Box.self, from: Data(#"{"on": "9999-12-31"}"#.utf8)) }
    }
}
