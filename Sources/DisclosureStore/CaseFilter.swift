import DisclosureCore

/// The filters of the case list (API `GET /cases`, the 案件列表 page, `disclosure deadlines`).
public struct CaseFilter: Sendable, Equatable {
    public enum Sort: String, CaseIterable, Sendable {
        case received, due, number, updated
    }

    public var states: [CaseState] = []
    public var agencyIDs: [Int64] = []
    public var officerID: Int64?
    public var applicantKind: ApplicantKind?
    public var disposition: Disposition?
    public var channel: Channel?
    public var receivedFrom: LocalDate?
    public var receivedTo: LocalDate?
    public var dueFrom: LocalDate?
    public var dueTo: LocalDate?
    /// Finished (the reply, or the case closed) on or after / on or before.
    public var disposedFrom: LocalDate?
    public var disposedTo: LocalDate?
    /// Replied after the deadline.
    public var repliedLate = false
    /// Cases whose subject falls under this topic (`Topic.all`'s names or 其他), as the
    /// statistics count them.
    public var topic: String?
    /// Open cases whose earliest deadline has passed.
    public var overdue = false
    /// Open cases with a deadline within this many working days from today.
    public var dueWithinWorkingDays: Int?
    /// Words in the subject.
    public var text: String?
    /// Cases a supervisor returned for revision (退回修改) and not yet submitted again: in
    /// progress with the returned draft still on the case (only a return leaves one there).
    public var returnedForRevision = false
    /// Cases with a pending extension request (for the supervisors' queue).
    public var extensionPending = false
    /// Open cases flagged 疑难复杂.
    public var flaggedComplex = false
    /// The cases one cell of table 三 counts (drill-down from the annual report).
    public var reportCell: ReportCell?
    public var sort: Sort = .received
    public var descending = true
    public var page = 1
    public var pageSize = 50

    public init() {}

    public static let maxPageSize = 500
    /// Far beyond any list's last page; keeps the offset's arithmetic bounded.
    public static let maxPage = 100_000
}

/// One line of the case list.
public struct CaseSummary: Sendable, Equatable, Codable {
    public var id: Int64
    public var caseNumber: String
    public var state: CaseState
    public var agencyID: Int64
    public var officerID: Int64?
    public var applicantKind: ApplicantKind
    public var channel: Channel
    public var subject: String
    public var receivedOn: LocalDate
    public var replyDue: LocalDate?
    public var nextDue: LocalDate?
    public var disposition: Disposition?
    public var disposedOn: LocalDate?
    public var repliedLate: Bool
    public var version: Int
    /// The outcome proposed for sign-off (拟办理结果), while it waits for 签发 or to be issued.
    public var proposedDisposition: Disposition?
    /// The working days of an extension request waiting for a supervisor's decision.
    public var extensionRequestedDays: Int?
    /// For an open case, the working days left before `nextDue` (negative once passed).
    public var remainingWorkingDays: Int?
    /// For an open case whose `nextDue` relies on a year without a notice: why it is 预计.
    public var provisional: Provisional?
}

public struct CasePage: Sendable, Equatable {
    public var cases: [CaseSummary]
    public var total: Int
    public var page: Int
    public var pageSize: Int
}

/// One cell of table 三: the year, the row and the column (nil: 总计).
public struct ReportCell: Sendable, Equatable {
    public var year: Int
    public var row: AnnualReportTable3.Row
    public var kind: ApplicantKind?

    public init(year: Int, row: AnnualReportTable3.Row, kind: ApplicantKind?) {
        self.year = year
        self.row = row
        self.kind = kind
    }
}

extension CaseSummary {
    /// The row as it reads on `today`: working days left, and whether its date is provisional.
    func reading(on today: LocalDate, calendar: WorkCalendar) throws -> CaseSummary {
        guard state.isOpen, let nextDue else { return self }
        let due = try DueReading(due: nextDue, today: today, calendar: calendar, countedFrom: receivedOn)
        var read = self
        read.remainingWorkingDays = due.workingDaysLeft
        read.provisional = due.provisional
        return read
    }

    /// How `nextDue` stands on `today`, for an open case read by `list`.
    public func due(on today: LocalDate) -> DueReading? {
        guard state.isOpen, let nextDue, let remainingWorkingDays else { return nil }
        return DueReading(due: nextDue, today: today, workingDaysLeft: remainingWorkingDays, provisional: provisional)
    }
}
