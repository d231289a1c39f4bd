/// A file of calendar years shaped like `shared/data/cn-workcalendar.json`:
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
            guard let year = Int(key), (2000...2100).contains(year) else {
                throw .invalidYear(0, problems: ["\"\(key)\" is not a year"])
            }
            let calendarYear = CalendarYear(year: year, notice: entry.notice, holidays: entry.holidays, makeupWorkdays: entry.makeupWorkdays)
            var single: WorkCalendar
            do { single = try WorkCalendar([calendarYear]) } catch let failure as WorkCalendar.Failure { throw failure } catch { throw .invalidYear(year, problems: ["\(error)"]) }
            if let expected = entry.workingDays {
                let counted = (try? single.workingDayCount(in: year)) ?? 0
                if counted != expected {
                    throw .invalidYear(year, problems: ["the file says \(expected) working days but its holidays and make-up days give \(counted)"])
                }
            }
            if entry.notice.allSatisfy(\.isWhitespace) { throw .invalidYear(year, problems: ["name the State Council notice the year comes from"]) }
            result.append(calendarYear)
        }
        if result.isEmpty { throw .invalidYear(0, problems: ["the file holds no years"]) }
        return result
    }
}
