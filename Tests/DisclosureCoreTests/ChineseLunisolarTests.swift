import DisclosureCore
import Foundation
import Testing

@Suite struct ChineseLunisolarTests {
    /// The same day by Foundation's ICU Chinese calendar in China time: the lunar year is the
    /// one that holds 1 June of Gregorian `lunarYear` (正月初一 is never later than 20 February).
    static func icu(lunarYear: Int, month: Int, day: Int) -> LocalDate {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        var chinese = Calendar(identifier: .chinese), gregorian = Calendar(identifier: .gregorian)
        chinese.timeZone = zone
        gregorian.timeZone = zone
        let june = gregorian.date(from: DateComponents(year: lunarYear, month: 6, day: 1))!
        var components = chinese.dateComponents([.era, .year], from: june)
        components.month = month
        components.day = day
        components.isLeapMonth = false
        let date = chinese.date(from: components)!
        let g = gregorian.dateComponents([.year, .month, .day], from: date)
        return LocalDate(year: g.year!, month: g.month!, day: g.day!)!
    }

    @Test func festivalsAgreeWithICUEveryYear() {
        for year in 1949...2100 {
            let newYear = ChineseLunisolar.date(lunarYear: year, month: 1, day: 1)
            #expect(newYear == Self.icu(lunarYear: year, month: 1, day: 1), "春节 \(year)")
            #expect(newYear.adding(days: -1) == Self.icu(lunarYear: year, month: 1, day: 1).adding(days: -1), "除夕 \(year)")
            #expect(ChineseLunisolar.date(lunarYear: year, month: 5, day: 5) == Self.icu(lunarYear: year, month: 5, day: 5), "端午 \(year)")
            #expect(ChineseLunisolar.date(lunarYear: year, month: 8, day: 15) == Self.icu(lunarYear: year, month: 8, day: 15), "中秋 \(year)")
        }
    }

    /// The first day of every ordinary month, which also checks where the leap months fall.
    /// ICU and this calendar part in two months, both begun by a new moon seconds before China
    /// midnight decades ahead, which the Hong Kong Observatory's conversion tables flag as
    /// undecidable ("new moons on 28 September 2057, 4 September 2089 and 7 August 2097": ΔT
    /// cannot be predicted to a minute so far out). Meeus's new moon gives 2057-09-28 23:59:58 and
    /// 2097-08-07 23:59:40 China time, and 寿星天文历 (sxtwl 2.0.7) also starts the months on the
    /// 28th and the 7th; ICU's coarser astronomy puts both just past midnight. Neither affects
    /// 春节, 端午 or 中秋.
    @Test func everyMonthStartAgreesWithICU() {
        let undecidable = [
            "2057-9": LocalDate(year: 2057, month: 9, day: 28)!,  // ICU 2057-09-29
            "2097-7": LocalDate(year: 2097, month: 8, day: 7)!,  // ICU 2097-08-08
        ]
        for year in 1949...2100 {
            for month in 1...12 {
                let ours = ChineseLunisolar.date(lunarYear: year, month: month, day: 1)
                let theirs = Self.icu(lunarYear: year, month: month, day: 1)
                if let expected = undecidable["\(year)-\(month)"] {
                    #expect(ours == expected)
                    #expect(theirs == ours.adding(days: 1))
                } else {
                    #expect(ours == theirs, "\(year) month \(month)")
                }
            }
        }
    }

    @Test func publishedFestivals() {
        let springFestivals = [
            2019: "2019-02-05", 2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01", 2023: "2023-01-22",
            2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06",
        ]
        for (year, day) in springFestivals {
            #expect(ChineseLunisolar.date(lunarYear: year, month: 1, day: 1) == LocalDate(iso: day), "春节 \(year)")
        }
        #expect(ChineseLunisolar.date(lunarYear: 2025, month: 5, day: 5) == LocalDate(iso: "2025-05-31"))
        #expect(ChineseLunisolar.date(lunarYear: 2026, month: 5, day: 5) == LocalDate(iso: "2026-06-19"))
        #expect(ChineseLunisolar.date(lunarYear: 2027, month: 5, day: 5) == LocalDate(iso: "2027-06-09"))
        #expect(ChineseLunisolar.date(lunarYear: 2025, month: 8, day: 15) == LocalDate(iso: "2025-10-06"))
        #expect(ChineseLunisolar.date(lunarYear: 2026, month: 8, day: 15) == LocalDate(iso: "2026-09-25"))
        #expect(ChineseLunisolar.date(lunarYear: 2027, month: 8, day: 15) == LocalDate(iso: "2027-09-15"))
        // 除夕 2026 (the day before 2027's 春节) is 2027-02-05: 腊月 of 2026 has 29 days.
        #expect(ChineseLunisolar.date(lunarYear: 2026, month: 12, day: 29) == LocalDate(iso: "2027-02-05"))
    }

    /// A leap month sits between ordinary months n and n + 1, which are then two lunations
    /// (59 days) apart. 2033 is the case GB/T 33661-2017 settled: the month from 2033-08-25 holds
    /// no principal term (秋分 falls on 09-23, the next month's first day), but the span from the
    /// 2032 solstice to the 2033 one has only 12 months, so it is 八月, not 闰七月; the span
    /// after has 13, and its first month without a principal term follows 十一月: 闰十一月, and
    /// 2034's 春节 on 19 February.
    @Test func leapMonths() {
        let leaps = [(2017, 6), (2020, 4), (2023, 2), (2025, 6), (2028, 5), (2033, 11)]
        for (year, month) in leaps {
            let gap = ChineseLunisolar.date(lunarYear: year, month: month + 1, day: 1).dayNumber
                - ChineseLunisolar.date(lunarYear: year, month: month, day: 1).dayNumber
            #expect(gap == 59, "闰\(month)月 \(year)")
        }
        #expect(ChineseLunisolar.date(lunarYear: 2033, month: 7, day: 1) == LocalDate(iso: "2033-07-26"))
        #expect(ChineseLunisolar.date(lunarYear: 2033, month: 8, day: 1) == LocalDate(iso: "2033-08-25"))
        #expect(ChineseLunisolar.date(lunarYear: 2033, month: 11, day: 1) == LocalDate(iso: "2033-11-22"))
        #expect(ChineseLunisolar.date(lunarYear: 2033, month: 12, day: 1) == LocalDate(iso: "2034-01-20"))
        #expect(ChineseLunisolar.date(lunarYear: 2034, month: 1, day: 1) == LocalDate(iso: "2034-02-19"))
    }

    @Test func monthsHave29Or30DaysAndYearsTile() {
        for year in ChineseLunisolar.years {
            for month in 1...12 {
                let first = ChineseLunisolar.date(lunarYear: year, month: month, day: 1)
                #expect(ChineseLunisolar.date(lunarYear: year, month: month, day: 29) == first.adding(days: 28))
            }
            // 正月 always falls between 21 January and 20 February.
            let newYear = ChineseLunisolar.date(lunarYear: year, month: 1, day: 1)
            #expect(newYear >= LocalDate(year: year, month: 1, day: 21)! && newYear <= LocalDate(year: year, month: 2, day: 20)!)
        }
    }
}
