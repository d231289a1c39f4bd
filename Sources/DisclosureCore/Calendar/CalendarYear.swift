/// One year of the State Council's holiday notice (国务院办公厅关于部分节假日安排的通知): the
/// holidays, and the weekend days turned into working days (调休上班).
public struct CalendarYear: Sendable, Equatable {
    public struct Holiday: Sendable, Equatable, Codable {
        public var name: String
        public var first: LocalDate
        public var last: LocalDate

        public init(name: String, first: LocalDate, last: LocalDate) {
            self.name = name
            self.first = first
            self.last = last
        }
    }

    public var year: Int
    /// The notice it comes from, with its document number.
    public var notice: String
    public var holidays: [Holiday]
    public var makeupWorkdays: [LocalDate]

    public init(year: Int, notice: String, holidays: [Holiday], makeupWorkdays: [LocalDate]) {
        self.year = year
        self.notice = notice
        self.holidays = holidays
        self.makeupWorkdays = makeupWorkdays
    }

    /// A year's working days in the notices of 2019–2026 run from 248 to 251; outside this
    /// range a date was surely mistyped.
    public static let plausibleWorkingDays = 240...255

    /// Every problem that would make the year wrong, in plain words; empty when it is sound.
    public var problems: [FieldProblem] {
        var found: [FieldProblem] = []
        func problem(_ field: String, _ message: String, _ chinese: String) { found.append(FieldProblem(field, message, chinese)) }
        guard LocalDate.inputYears.contains(year) else {
            problem("year", "\(year) is outside the years 1949–2100", "\(year)年不在1949年至2100年之间")
            return found
        }
        for holiday in holidays {
            if holiday.first > holiday.last {
                problem("holidays", "\(holiday.name) ends (\(holiday.last)) before it starts (\(holiday.first))",
                        "\(holiday.name)的结束日期（\(holiday.last.chineseDay)）早于开始日期（\(holiday.first.chineseDay)）")
            }
            if !(year - 1...year).contains(holiday.first.year) || holiday.last.year != year {
                problem("holidays", "\(holiday.name) (\(holiday.first)–\(holiday.last)) is not in \(year)",
                        "\(holiday.name)（\(holiday.first.chineseDay)至\(holiday.last.chineseDay)）不在\(year)年")
            }
        }
        let ordered = holidays.sorted { $0.first < $1.first }
        for (a, b) in zip(ordered, ordered.dropFirst()) where b.first <= a.last {
            problem("holidays", "\(a.name) (\(a.first)–\(a.last)) and \(b.name) (\(b.first)–\(b.last)) overlap",
                    "\(a.name)（\(a.first.chineseDay)至\(a.last.chineseDay)）与\(b.name)（\(b.first.chineseDay)至\(b.last.chineseDay)）的日期重叠")
        }
        for day in makeupWorkdays {
            // A notice may name the last days of the year before (2018-12-29 in the 2019 notice).
            if !(year - 1...year).contains(day.year) {
                problem("makeupWorkdays", "make-up working day \(day) is not in \(year)", "调休上班日\(day.chineseDay)不在\(year)年")
            }
            if !day.isWeekend {
                problem("makeupWorkdays", "make-up working day \(day) is not a Saturday or Sunday",
                        "调休上班日\(day.chineseDay)不是星期六或星期日（平日本来就上班）")
            }
            if holidays.contains(where: { $0.first <= day && day <= $0.last }) {
                problem("makeupWorkdays", "make-up working day \(day) falls inside a holiday", "调休上班日\(day.chineseDay)落在放假期间")
            }
        }
        if found.isEmpty, !Self.plausibleWorkingDays.contains(ownWorkingDays) {
            problem("holidays", "the year would have \(ownWorkingDays) working days; a notice gives between \(Self.plausibleWorkingDays.lowerBound) and \(Self.plausibleWorkingDays.upperBound): check the dates",
                    "按所填日期，全年共有\(ownWorkingDays)个工作日，而历年通知均在\(Self.plausibleWorkingDays.lowerBound)至\(Self.plausibleWorkingDays.upperBound)个之间，请核对日期")
        }
        return found
    }

    /// The year's working days by its own notice alone (a notice of the next year may still
    /// move 29–31 December).
    public var ownWorkingDays: Int {
        var table = WorkCalendar.weekdays(of: year)
        for holiday in holidays {
            for n in holiday.first.dayNumber...max(holiday.first.dayNumber, holiday.last.dayNumber) {
                let day = LocalDate(dayNumber: n)
                if day.year == year { table[day.dayOfYear] = false }
            }
        }
        for day in makeupWorkdays where day.year == year { table[day.dayOfYear] = true }
        return table.filter { $0 }.count
    }
}
