/// A file of calendar years shaped like the project's `cn-workcalendar.json`:
/// `{"years": {"2027": {"notice": …, "holidays": [{name, first, last}], "makeup_workdays": […], "working_days": 249}}}`.
/// `working_days`, when given, must match the count the year's days give: a check on typos.
public struct CalendarFile: Sendable, Decodable {
    public struct Entry: Sendable, Decodable {
        public var notice: String
        public var holidays: [CalendarYear.Holiday]
        public var makeupWorkdays: [LocalDate]
        public var workingDays: Int?

        enum CodingKeys: String, CodingKey {
            case notice, holidays
            case makeupWorkdays = "makeup_workdays"
            case workingDays = "working_days"
        }
    }

    public var years: [String: Entry]

    /// The years in the file, checked; every problem is named with its year.
    public func calendarYears() throws(WorkCalendar.Failure) -> [CalendarYear] {
        var result: [CalendarYear] = []
        for (key, entry) in years.sorted(by: { $0.key < $1.key }) {
            guard let year = Int(key), LocalDate.inputYears.contains(year) else {
                throw .invalidYear(0, problems: [FieldProblem("years", "\"\(key)\" is not a year", "“\(key)”不是年份")])
            }
            let calendarYear = CalendarYear(year: year, notice: entry.notice, holidays: entry.holidays, makeupWorkdays: entry.makeupWorkdays)
            let problems = calendarYear.problems
            guard problems.isEmpty else { throw .invalidYear(year, problems: problems) }
            if let expected = entry.workingDays, calendarYear.ownWorkingDays != expected {
                throw .invalidYear(year, problems: [FieldProblem("working_days", "the file says \(expected) working days but its holidays and make-up days give \(calendarYear.ownWorkingDays)",
                                                               "文件写明\(expected)个工作日，但按其放假和调休日期计算为\(calendarYear.ownWorkingDays)个")])
            }
            if entry.notice.allSatisfy(\.isWhitespace) { throw .invalidYear(year, problems: [FieldProblem("notice", "name the State Council notice the year comes from", "请写明该年度依据的国务院办公厅通知")]) }
            result.append(calendarYear)
        }
        if result.isEmpty { throw .invalidYear(0, problems: [FieldProblem("years", "the file holds no years", "文件中没有任何年度")]) }
        return result
    }
}
