/// 期限重新计算: an administrator imported the State Council's notice for a year whose
/// deadlines had been computed on the provisional calendar, and some of this case's dates
/// moved. Recorded by the system; the dates themselves follow from replaying the history.
/// The coding keys are spelled out: the dashboard reads them in SQL.
public struct DeadlineRecomputation: Sendable, Equatable, Codable {
    /// The calendar year imported.
    public var year: Int
    /// The notice it came from.
    public var notice: String
    public var changes: [DeadlineChange]

    public init(year: Int, notice: String, changes: [DeadlineChange]) {
        self.year = year
        self.notice = notice
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey {
        case year = "year"
        case notice = "notice"
        case changes = "changes"
    }
}

/// One date that moved: nil where the deadline did not exist before or does not any more.
public struct DeadlineChange: Sendable, Equatable, Codable {
    public var kind: Deadline.Kind
    public var from: LocalDate?
    public var to: LocalDate?

    public init(kind: Deadline.Kind, from: LocalDate?, to: LocalDate?) {
        self.kind = kind
        self.from = from
        self.to = to
    }

    /// The new date comes before the old one: less time than the officer was told.
    public var isEarlier: Bool {
        guard let from, let to else { return false }
        return to < from
    }

    enum CodingKeys: String, CodingKey {
        case kind = "kind"
        case from = "from"
        case to = "to"
    }
}

extension CaseSnapshot {
    /// Every date the clock and the calendar set for the case, with its kind: the reply date
    /// (also once replied, for the record of lateness), the last day for a correction notice,
    /// the applicant's correction, each consultation's answer, the payment and each assist.
    var computedDates: [(kind: Deadline.Kind, date: LocalDate?)] {
        [(.reply, clock.due), (.correctionNotice, correctionNoticeDue), (.applicantCorrection, correction?.dueOn), (.feePayment, fee?.dueOn)]
            + consultations.map { (.consultationAnswer, $0.dueOn) } + assists.map { (.assist, Optional($0.dueOn)) }
    }

    /// The dates the case holds that rely on a year without a notice, each with the reason:
    /// what a letter stating one of them must say is only 预计.
    public func provisionalDates(calendar: WorkCalendar) -> [(date: LocalDate, provisional: Provisional)] {
        computedDates.compactMap { entry in
            guard let date = entry.date, let provisional = calendar.provisional(countingFrom: receivedOn, through: date) else { return nil }
            return (date, provisional)
        }
    }

    /// The dates that differ in `other`, the same case computed under another calendar.
    public func deadlineChanges(to other: CaseSnapshot) -> [DeadlineChange] {
        let before = computedDates, after = other.computedDates
        var changes: [DeadlineChange] = []
        for index in 0..<max(before.count, after.count) {
            let old = index < before.count ? before[index] : nil
            let new = index < after.count ? after[index] : nil
            guard let kind = (new ?? old)?.kind, old?.date != new?.date else { continue }
            changes.append(DeadlineChange(kind: kind, from: old?.date, to: new?.date))
        }
        return changes
    }
}
