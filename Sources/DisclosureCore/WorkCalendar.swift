/// The official working-day calendar (domain.md §5): a day works if it is Monday–Friday and no
/// holiday, or a weekend day the notice turns into a working day. Known year by year; a
/// computation that reaches a year the calendar lacks fails and names the year rather than guess.
public struct WorkCalendar: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case yearNotKnown(Int)
        case invalidYear(Int, problems: [String])

        public var description: String {
            switch self {
            case .yearNotKnown(let year):
                return "The working-day calendar has no data for \(year); import that year's State Council holiday notice first."
            case .invalidYear(let year, let problems):
                return "The calendar for \(year) is not valid: \(problems.joined(separator: "; "))."
            }
        }

        /// The same in Simplified Chinese, for the web UI. The details of an invalid year come
        /// from `CalendarYear.problems` and the calendar file, which are in English.
        public var chineseDescription: String {
            switch self {
            case .yearNotKnown(let year):
                return "工作日历中没有\(year)年的数据，请先导入国务院办公厅关于\(year)年部分节假日安排的通知。"
            case .invalidYear(let year, let problems):
                let which = year == 0 ? "工作日历文件" : "\(year)年的工作日历"
                return "\(which)有误，请对照国务院办公厅节假日安排通知核对后重新导入（共\(problems.count)处：\(problems.joined(separator: "；"))）。"
            }
        }
    }

    public private(set) var years: [Int: CalendarYear] = [:]
    /// Per year, whether each day (0 = 1 January) is a working day.
    private var working: [Int: [Bool]] = [:]

    public init(_ years: [CalendarYear]) throws {
        for year in years { try add(year) }
    }

    /// Adds a year, or replaces it (a corrected or newly published notice).
    public mutating func add(_ year: CalendarYear) throws {
        let problems = year.problems
        guard problems.isEmpty else { throw Failure.invalidYear(year.year, problems: problems) }
        years[year.year] = year
        rebuildTables()
    }

    /// A notice can reach into the year before (元旦 from 30 December, a make-up Saturday on
    /// the 29th), so every year's table applies every notice's days that fall in it.
    private mutating func rebuildTables() {
        working = [:]
        for year in years.keys {
            let january1 = LocalDate(year: year, month: 1, day: 1)!
            let length = LocalDate(year: year + 1, month: 1, day: 1)!.dayNumber - january1.dayNumber
            working[year] = (0..<length).map { !january1.adding(days: $0).isWeekend }
        }
        func mark(_ day: LocalDate, _ isWorking: Bool) {
            guard working[day.year] != nil else { return }
            working[day.year]![day.dayOfYear] = isWorking
        }
        for notice in years.values {
            for holiday in notice.holidays {
                for n in holiday.first.dayNumber...holiday.last.dayNumber { mark(LocalDate(dayNumber: n), false) }
            }
        }
        for notice in years.values {
            for day in notice.makeupWorkdays { mark(day, true) }
        }
    }

    public var knownYears: [Int] { years.keys.sorted() }

    public func isWorkingDay(_ date: LocalDate) throws -> Bool {
        guard let days = working[date.year] else { throw Failure.yearNotKnown(date.year) }
        return days[date.dayOfYear]
    }

    /// The `n`-th working day strictly after `date` ("within n working days from date"); the
    /// day of the triggering event is not counted. n = 0 gives `date` itself.
    public func workingDay(_ n: Int, after date: LocalDate) throws -> LocalDate {
        precondition(n >= 0, "count working days forward only")
        var day = date
        var remaining = n
        while remaining > 0 {
            day = day.adding(days: 1)
            if try isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// Working days in `start...end`, both included.
    public func workingDays(from start: LocalDate, through end: LocalDate) throws -> [LocalDate] {
        guard start <= end else { return [] }
        return try (start.dayNumber...end.dayNumber).map(LocalDate.init(dayNumber:)).filter(isWorkingDay)
    }

    /// How many working days lie after `start`, up to and including `end`: the days a running
    /// clock uses between the two.
    public func workingDaysElapsed(after start: LocalDate, through end: LocalDate) throws -> Int {
        guard start < end else { return 0 }
        return try workingDays(from: start.adding(days: 1), through: end).count
    }

    public func workingDayCount(in year: Int) throws -> Int {
        guard let days = working[year] else { throw Failure.yearNotKnown(year) }
        return days.filter { $0 }.count
    }
}
