/// The reply period's clock and its ledger (domain.md §5): 20 working days counted after the
/// date of receipt; stopped while a third party is consulted, while a fee is awaited, or while
/// the applicant corrects the application; restarted from zero, in full, by a corrected
/// application; lengthened by an approved extension; replaced by a supervisor-approved delayed
/// deadline (Art. 35); ended by the reply or the closing of the case. Every computed date can be
/// explained from the ledger's segments.
public struct ReplyClock: Sendable, Equatable, Codable {
    /// What happened to the clock, in the order it happened.
    public enum Change: Sendable, Equatable, Codable {
        /// The clock starts from zero with a full period: the date of receipt, or the day a
        /// corrected application arrived (补正后重新起算). An extension of an earlier period
        /// does not carry over.
        case start(LocalDate, reason: String)
        /// The clock stops at the end of this day (the day counts as used).
        case stop(LocalDate, reason: String)
        /// Counting resumes after this day.
        case resume(LocalDate, reason: String)
        /// An approved extension adds working days (at most 20 in all, once).
        case extend(LocalDate, workingDays: Int)
        /// A supervisor-approved reasonable period for excessive requests (Art. 35).
        case delay(LocalDate, until: LocalDate)
        /// The reply was issued, or the case closed: the clock ends at the end of this day. The
        /// due date stays what it was, for the record of whether the reply was late.
        case end(LocalDate, reason: String)
    }

    public struct Segment: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Equatable, Codable { case running, stopped }
        public var kind: Kind
        /// Counting starts after this day (running), or the clock stood still after it (stopped).
        public var after: LocalDate
        /// The last day of the segment; nil for the one still going on.
        public var through: LocalDate?
        /// Working days used in the segment (0 for stopped ones).
        public var workingDays: Int
        public var reason: String
    }

    /// Working days allowed: 20, plus any extension.
    public private(set) var allowance = 0
    /// Working days used in the current run of the clock (since the last start).
    public private(set) var used = 0
    public private(set) var segments: [Segment] = []
    /// The reply is due on this day; while the clock is stopped, the day it would fall on if
    /// it restarted today is not known, so this is nil.
    public private(set) var due: LocalDate?
    /// A supervisor-approved delayed deadline (Art. 35), which replaces the counted one.
    public private(set) var delayedUntil: LocalDate?

    public static let replyPeriod = 20
    public static let extensionLimit = 20

    public var isStopped: Bool { segments.last?.kind == .stopped && endedOn == nil }
    /// The day the reply was issued or the case closed, if the clock has ended, and why.
    public private(set) var endedOn: LocalDate?
    public private(set) var endReason: String?

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notStarted
        case alreadyStopped(LocalDate)
        case notStopped(LocalDate)
        case beforeLastChange(LocalDate)
        case extensionTooLong(requested: Int, available: Int)

        public var description: String {
            switch self {
            case .notStarted: return "The clock has not started: record the date of receipt first."
            case .alreadyStopped(let d): return "The clock is already stopped (on \(d))."
            case .notStopped(let d): return "The clock is running on \(d); there is nothing to resume."
            case .beforeLastChange(let d): return "\(d) is before the clock's last change; dates must go forward."
            case .extensionTooLong(let requested, let available):
                return "An extension of \(requested) working days exceeds the \(available) still allowed (20 in all)."
            }
        }

        /// The same in Simplified Chinese, for the web UI.
        public var chineseDescription: String {
            switch self {
            case .notStarted: return "答复期限尚未起算：请先登记收到申请之日。"
            case .alreadyStopped(let d): return "答复期限已自\(d.chineseDay)起暂停计算，不能再次暂停。"
            case .notStopped(let d): return "\(d.chineseDay)答复期限正在计算，没有需要恢复计算的暂停。"
            case .beforeLastChange(let d): return "\(d.chineseDay)早于答复期限上一次变动的日期；日期只能依次向后记录。"
            case .extensionTooLong(let requested, let available):
                return "延期\(requested)个工作日超过了尚可延长的\(available)个工作日（延长答复期限合计不得超过20个工作日）。"
            }
        }
    }

    public init() {}

    /// The clock after `changes`, in order.
    public static func replay(_ changes: [Change], calendar: WorkCalendar) throws -> ReplyClock {
        var clock = ReplyClock()
        for change in changes { try clock.apply(change, calendar: calendar) }
        return clock
    }

    private var extended = 0
    private var lastChange: LocalDate?
    /// The day the period ran out, if it ran out while the clock was running.
    private var spentOn: LocalDate?

    public mutating func apply(_ change: Change, calendar: WorkCalendar) throws {
        let date = change.date
        if let lastChange, date < lastChange { throw Failure.beforeLastChange(date) }
        switch change {
        case .start(let day, let reason):
            try close(through: day, calendar: calendar)
            extended = 0
            allowance = Self.replyPeriod
            used = 0
            spentOn = nil
            delayedUntil = nil
            endedOn = nil
            endReason = nil
            segments.append(Segment(kind: .running, after: day, through: nil, workingDays: 0, reason: reason))
        case .stop(let day, let reason):
            guard let current = segments.last else { throw Failure.notStarted }
            guard current.kind == .running else { throw Failure.alreadyStopped(current.after) }
            if spentOn == nil, let due, due < day { spentOn = due }
            try close(through: day, calendar: calendar)
            segments.append(Segment(kind: .stopped, after: day, through: nil, workingDays: 0, reason: reason))
        case .resume(let day, let reason):
            guard let current = segments.last else { throw Failure.notStarted }
            guard current.kind == .stopped else { throw Failure.notStopped(day) }
            segments[segments.count - 1].through = day
            segments.append(Segment(kind: .running, after: day, through: nil, workingDays: 0, reason: reason))
        case .extend(_, let days):
            guard !segments.isEmpty else { throw Failure.notStarted }
            let available = Self.extensionLimit - extended
            guard days > 0, days <= available else { throw Failure.extensionTooLong(requested: days, available: available) }
            extended += days
            allowance += days
        case .delay(_, let until):
            guard !segments.isEmpty else { throw Failure.notStarted }
            delayedUntil = until
        case .end(let day, let reason):
            guard !segments.isEmpty else { throw Failure.notStarted }
            try close(through: day, calendar: calendar)
            endedOn = day
            endReason = reason
            lastChange = date
            return
        }
        lastChange = date
        due = try computeDue(calendar: calendar)
    }

    /// Ends the open segment at `day`, counting the working days a running one used.
    private mutating func close(through day: LocalDate, calendar: WorkCalendar) throws {
        guard let last = segments.last, last.through == nil else { return }
        segments[segments.count - 1].through = day
        if last.kind == .running {
            let days = try calendar.workingDaysElapsed(after: last.after, through: day)
            segments[segments.count - 1].workingDays = days
            used += days
        }
    }

    private func computeDue(calendar: WorkCalendar) throws -> LocalDate? {
        if let delayedUntil { return delayedUntil }
        // The period ran out before the clock stopped: it stays due (overdue) on that day.
        if let spentOn, allowance <= used { return spentOn }
        guard let current = segments.last, current.kind == .running else { return nil }
        return try calendar.workingDay(max(0, allowance - used), after: current.after)
    }
}

extension ReplyClock {
    /// The clock as it stands on a given day: what an officer needs to know today.
    public struct Reading: Sendable, Equatable {
        /// Working days used in the current period, the running segment counted through today.
        public var used: Int
        /// Working days left before the reply is due; negative once it is overdue. Under a
        /// delayed deadline (Art. 35), the working days until that day.
        public var remaining: Int
        /// The ledger, the running segment's days counted through today.
        public var segments: [Segment]
    }

    /// The ledger on `today`. A running segment has used the working days after its start up
    /// to and including today; an ended clock stands as it was on its last day.
    public func reading(on today: LocalDate, calendar: WorkCalendar) throws -> Reading {
        var segments = self.segments
        var usedNow = used
        if let last = segments.last, last.through == nil, last.kind == .running {
            let days = try calendar.workingDaysElapsed(after: last.after, through: today)
            segments[segments.count - 1].workingDays = days
            usedNow += days
        }
        var remaining = allowance - usedNow
        if let delayedUntil, endedOn == nil {
            remaining = today <= delayedUntil
                ? try calendar.workingDaysElapsed(after: today, through: delayedUntil)
                : -(try calendar.workingDaysElapsed(after: delayedUntil, through: today))
        }
        return Reading(used: usedNow, remaining: remaining, segments: segments)
    }
}

extension ReplyClock.Change {
    var date: LocalDate {
        switch self {
        case .start(let d, _), .stop(let d, _), .resume(let d, _), .extend(let d, _), .delay(let d, _), .end(let d, _): return d
        }
    }
}
