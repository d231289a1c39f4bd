/// The official working-day calendar (domain.md §5): a day works if it is Monday–Friday and no
/// holiday, or a weekend day the notice turns into a working day. Years come from the State
/// Council's notices; a year without one is provisional, built from the statutory holidays
/// (`StatutoryHolidays.provisionalYear`), so a computation never stops for lack of a notice.
/// Only a date outside 1949–2101 cannot be counted.
public struct WorkCalendar: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case yearNotKnown(Int)
        case invalidYear(Int, problems: [FieldProblem])

        public var description: String {
            switch self {
            case .yearNotKnown(let year):
                return "Working days are counted for 1949–2101 only; \(year) is outside."
            case .invalidYear(let year, let problems):
                return "The calendar for \(year) is not valid: \(problems.map(\.message).joined(separator: "; "))."
            }
        }

        /// The same in Simplified Chinese, for the web UI.
        public var chineseDescription: String {
            switch self {
            case .yearNotKnown(let year):
                return "工作日只能在1949年至2101年之间计算，\(year)年超出了这个范围。"
            case .invalidYear(let year, let problems):
                let which = year == 0 ? "工作日历文件" : "\(year)年的工作日历"
                return "\(which)有误，请对照国务院办公厅节假日安排通知核对后重新导入（共\(problems.count)处：\(problems.map(\.chinese).joined(separator: "；"))）。"
            }
        }
    }

    /// The years working days can be counted in.
    public static let countableYears = 1949...2101

    /// The years from a State Council notice (built in or imported).
    public private(set) var years: [Int: CalendarYear] = [:]
    /// Per year touched by a notice, whether each day (0 = 1 January) is a working day. The
    /// other years are read from the provisional tables.
    private var working: [Int: [Bool]] = [:]

    public init(_ years: [CalendarYear]) throws {
        for year in years {
            let problems = year.problems
            guard problems.isEmpty else { throw Failure.invalidYear(year.year, problems: problems) }
            self.years[year.year] = year
        }
        rebuildTables()
    }

    /// Adds a year, or replaces it (a corrected or newly published notice).
    public mutating func add(_ year: CalendarYear) throws {
        let problems = year.problems
        guard problems.isEmpty else { throw Failure.invalidYear(year.year, problems: problems) }
        years[year.year] = year
        rebuildTables()
    }

    /// A notice can reach into the year before (元旦 from 30 December, a make-up Saturday on
    /// the 29th), so every table applies every notice's days that fall in it; a year without a
    /// notice of its own starts from its provisional table.
    private mutating func rebuildTables() {
        working = [:]
        for year in Set(years.keys.flatMap { [$0 - 1, $0] }) where Self.countableYears.contains(year) {
            working[year] = years[year] == nil ? ProvisionalTables.shared.table(year) : Self.weekdays(of: year)
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

    static func weekdays(of year: Int) -> [Bool] {
        let january1 = LocalDate(year: year, month: 1, day: 1)!
        let length = LocalDate(year: year + 1, month: 1, day: 1)!.dayNumber - january1.dayNumber
        return (0..<length).map { !january1.adding(days: $0).isWeekend }
    }

    /// The years with a notice, in order.
    public var knownYears: [Int] { years.keys.sorted() }

    /// The year's notice, or its provisional calendar; nil outside the countable years.
    public func calendarYear(_ year: Int) -> CalendarYear? {
        years[year] ?? ProvisionalTables.shared.year(year)
    }

    public func isProvisional(year: Int) -> Bool { years[year] == nil }

    public func isWorkingDay(_ date: LocalDate) throws -> Bool {
        if let days = working[date.year] { return days[date.dayOfYear] }
        guard Self.countableYears.contains(date.year) else { throw Failure.yearNotKnown(date.year) }
        return ProvisionalTables.shared.table(date.year)[date.dayOfYear]
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
        var count = 0
        for n in (start.dayNumber + 1)...end.dayNumber where try isWorkingDay(LocalDate(dayNumber: n)) { count += 1 }
        return count
    }

    /// Working days left on `today` before `due`: those after today up to and including due.
    /// 0 on the day itself, 1 the working day before; negative, the working days since, once
    /// the day has passed.
    public func workingDaysLeft(on today: LocalDate, until due: LocalDate) throws -> Int {
        due >= today ? try workingDaysElapsed(after: today, through: due) : -(try workingDaysElapsed(after: due, through: today))
    }

    /// The days from `start` through `end` that work under one calendar and not the other: what
    /// importing a notice changes.
    public func daysDiffering(from other: WorkCalendar, from start: LocalDate, through end: LocalDate) throws -> [LocalDate] {
        guard start <= end else { return [] }
        return try (start.dayNumber...end.dayNumber).map(LocalDate.init(dayNumber:)).filter { try isWorkingDay($0) != other.isWorkingDay($0) }
    }

    public func workingDayCount(in year: Int) throws -> Int {
        guard Self.countableYears.contains(year) else { throw Failure.yearNotKnown(year) }
        return (working[year] ?? ProvisionalTables.shared.table(year)).filter { $0 }.count
    }
}

/// The provisional years, computed once for the whole process: lunar dates and solar terms are
/// astronomy, too slow to redo for every calendar value.
final class ProvisionalTables: Sendable {
    static let shared = ProvisionalTables()

    private let years: [Int: CalendarYear]
    private let tables: [Int: [Bool]]

    private init() {
        var years: [Int: CalendarYear] = [:]
        var tables: [Int: [Bool]] = [:]
        for year in WorkCalendar.countableYears {
            let provisional = StatutoryHolidays.provisionalYear(year)
            var table = WorkCalendar.weekdays(of: year)
            for holiday in provisional.holidays {
                for n in holiday.first.dayNumber...holiday.last.dayNumber where LocalDate(dayNumber: n).year == year {
                    table[LocalDate(dayNumber: n).dayOfYear] = false
                }
            }
            years[year] = provisional
            tables[year] = table
        }
        self.years = years
        self.tables = tables
    }

    func year(_ year: Int) -> CalendarYear? { years[year] }
    /// Only for countable years.
    func table(_ year: Int) -> [Bool] { tables[year]! }
}
