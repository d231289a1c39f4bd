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

    /// Every problem that would make the year wrong, in plain words; empty when it is sound.
    public var problems: [String] {
        var found: [String] = []
        for holiday in holidays {
            if holiday.first > holiday.last {
                found.append("\(holiday.name) ends (\(holiday.last)) before it starts (\(holiday.first))")
            }
            if !(year - 1...year).contains(holiday.first.year) || holiday.last.year != year {
                found.append("\(holiday.name) (\(holiday.first)–\(holiday.last)) is not in \(year)")
            }
        }
        for day in makeupWorkdays {
            // A notice may name the last days of the year before (2018-12-29 in the 2019 notice).
            if !(year - 1...year).contains(day.year) { found.append("make-up working day \(day) is not in \(year)") }
            if !day.isWeekend { found.append("make-up working day \(day) is not a Saturday or Sunday") }
            if holidays.contains(where: { $0.first <= day && day <= $0.last }) {
                found.append("make-up working day \(day) falls inside a holiday")
            }
        }
        return found
    }
}
