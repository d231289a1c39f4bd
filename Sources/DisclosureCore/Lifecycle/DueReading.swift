/// How a date still owed stands on a given day, in the words the pages, the API and the
/// command line use: "the case that is due tomorrow must say so".
public struct DueReading: Sendable, Equatable {
    public enum Urgency: String, Sendable {
        /// Red: the day has passed.
        case overdue
        /// Amber: due within 3 working days (architecture.md "The UI's manner").
        case soon
        /// Green.
        case onTime = "ok"
    }

    public var due: LocalDate
    public var today: LocalDate
    /// Working days after today up to and including the due day; negative once it has passed.
    public var workingDaysLeft: Int
    /// Set when the date relies on a year without a notice.
    public var provisional: Provisional?

    public static let soonWithin = 3

    public init(due: LocalDate, today: LocalDate, workingDaysLeft: Int, provisional: Provisional?) {
        self.due = due
        self.today = today
        self.workingDaysLeft = workingDaysLeft
        self.provisional = provisional
    }

    /// Counted on the calendar; `countedFrom` is the day the date's working days count after.
    public init(due: LocalDate, today: LocalDate, calendar: WorkCalendar, countedFrom: LocalDate?) throws {
        self.init(due: due, today: today, workingDaysLeft: try calendar.workingDaysLeft(on: today, until: due),
                  provisional: countedFrom.flatMap { calendar.provisional(countingFrom: $0, through: due) })
    }

    public var urgency: Urgency {
        if due < today { return .overdue }
        return workingDaysLeft <= Self.soonWithin ? .soon : .onTime
    }

    public var chinese: String {
        let word: String
        if due < today {
            word = workingDaysLeft < 0 ? "已逾期\(-workingDaysLeft)个工作日" : "已逾期"
        } else if due == today {
            word = "今天到期"
        } else if due == today.adding(days: 1) {
            word = "明天到期"
        } else {
            word = "剩余\(workingDaysLeft)个工作日"
        }
        return provisional == nil ? word : word + "（预计）"
    }

    public var english: String {
        let word: String
        if due < today {
            word = workingDaysLeft < 0 ? "overdue by \(-workingDaysLeft) working day\(workingDaysLeft == -1 ? "" : "s")" : "overdue"
        } else if due == today {
            word = "due today"
        } else if due == today.adding(days: 1) {
            word = "due tomorrow"
        } else {
            word = "\(workingDaysLeft) working day\(workingDaysLeft == 1 ? "" : "s") left"
        }
        return provisional == nil ? word : word + " (provisional)"
    }
}
