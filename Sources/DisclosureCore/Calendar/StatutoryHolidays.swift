/// 《全国年节及纪念日放假办法》: the holidays every citizen has (全体公民放假的节日), as the version in
/// force each year sets them. They are what a year's provisional calendar is built from when its
/// State Council notice has not been imported (domain.md §5). Lunar dates and the 清明 solar
/// term are computed, never typed in.
public enum StatutoryHolidays {
    public struct Day: Sendable, Equatable {
        public var name: String
        public var date: LocalDate
    }

    /// The version of the measures in force in `year`, for citing.
    public static func law(in year: Int) -> String {
        switch year {
        case 2025...: return "《全国年节及纪念日放假办法》（2024年11月10日国务院令第795号修订，2025年1月1日起施行）"
        case 2014...: return "《全国年节及纪念日放假办法》（2013年12月11日国务院令第644号修订）"
        case 2008...: return "《全国年节及纪念日放假办法》（2007年12月14日国务院令第513号修订）"
        case 2000...: return "《全国年节及纪念日放假办法》（1999年9月18日国务院令第270号修订）"
        default: return "《全国年节及纪念日放假办法》（1949年12月23日政务院发布）"
        }
    }

    /// Every statutory holiday day of `year`, in date order. Where two fall on one day (中秋 on
    /// 1 October) both are listed.
    public static func days(in year: Int) -> [Day] {
        func day(_ month: Int, _ d: Int) -> LocalDate { LocalDate(year: year, month: month, day: d)! }
        func lunar(_ month: Int, _ d: Int) -> LocalDate { ChineseLunisolar.date(lunarYear: year, month: month, day: d) }
        var days: [Day] = [Day(name: "元旦", date: day(1, 1))]

        let newYear = lunar(1, 1)
        let springFestival: [LocalDate]
        switch year {
        case 2025...: springFestival = (-1...2).map { newYear.adding(days: $0) }   // 除夕, 初一–初三
        case 2014...: springFestival = (0...2).map { newYear.adding(days: $0) }    // 初一–初三
        case 2008...: springFestival = (-1...1).map { newYear.adding(days: $0) }   // 除夕, 初一, 初二
        default: springFestival = (0...2).map { newYear.adding(days: $0) }
        }
        days += springFestival.map { Day(name: "春节", date: $0) }

        if year >= 2008 { days.append(Day(name: "清明节", date: SolarTerm.qingming(year))) }

        let mayDays: Int
        switch year {
        case 2025...: mayDays = 2
        case 2008...: mayDays = 1
        case 2000...: mayDays = 3
        default: mayDays = 1
        }
        days += (1...mayDays).map { Day(name: "劳动节", date: day(5, $0)) }

        if year >= 2008 {
            days.append(Day(name: "端午节", date: lunar(5, 5)))
            days.append(Day(name: "中秋节", date: lunar(8, 15)))
        }
        days += (1...(year >= 1999 ? 3 : 2)).map { Day(name: "国庆节", date: day(10, $0)) }
        return days.sorted { $0.date < $1.date }
    }

    /// The provisional calendar of `year`: the statutory days, and for each that falls on a
    /// Saturday or Sunday a day off on the next working day (补假, Art. 6). No 调休 (weekend
    /// days worked in exchange for a longer break) is guessed: only the notice can set those.
    /// Reading: a statutory day that coincides with another one (中秋 on 国庆) is not made up;
    /// the measures provide 补假 for weekends only, and a date computed without it errs early,
    /// never late. Years before 1995, when China worked six days a week, are counted on five:
    /// no deadline of the regulation falls there.
    public static func provisionalYear(_ year: Int) -> CalendarYear {
        let statutory = days(in: year)
        let taken = Set(statutory.map(\.date))
        var madeUp: [Day] = []
        for holiday in statutory where holiday.date.isWeekend {
            var candidate = holiday.date.adding(days: 1)
            while candidate.isWeekend || taken.contains(candidate) || madeUp.contains(where: { $0.date == candidate }) {
                candidate = candidate.adding(days: 1)
            }
            madeUp.append(Day(name: holiday.name, date: candidate))
        }
        // One holiday per festival: its statutory days and their 补假, with the weekend between.
        var holidays: [CalendarYear.Holiday] = []
        for entry in (statutory + madeUp).sorted(by: { ($0.date, $0.name) < ($1.date, $1.name) }) {
            if let last = holidays.last, entry.date <= last.last.adding(days: 3), last.name.hasPrefix(entry.name) {
                holidays[holidays.count - 1].last = max(last.last, entry.date)
                if madeUp.contains(entry), !last.name.hasSuffix("（含补假）") { holidays[holidays.count - 1].name += "（含补假）" }
            } else if let last = holidays.last, entry.date <= last.last {
                continue  // the same day as another festival's
            } else {
                holidays.append(.init(name: entry.name, first: entry.date, last: entry.date))
            }
        }
        return CalendarYear(year: year, notice: "预计：\(year)年的放假安排尚未公布，按\(law(in: year))推算法定节假日及补假，未计调休",
                            holidays: holidays, makeupWorkdays: [])
    }
}
