/// How long an online submission has waited for the agency's confirmation (网上申请待确认).
/// The regulation sets no period for confirming it, but the day of confirmation starts the
/// clock, so a submission left waiting delays the applicant's answer. Our reading: confirm by
/// the next working day; two working days or more is late.
public struct SubmissionWait: Sendable, Equatable {
    public static let lateAfterWorkingDays = 2

    public let days: Int
    public let workingDays: Int

    public init(submittedOn: LocalDate, today: LocalDate, calendar: WorkCalendar) {
        days = max(0, today.dayNumber - submittedOn.dayNumber)
        workingDays = days == 0 ? 0 : (try? calendar.workingDaysElapsed(after: submittedOn, through: today)) ?? 0
    }

    public var isLate: Bool { workingDays >= Self.lateAfterWorkingDays }

    /// 今天提交, or 3天（1个工作日）.
    public var text: String { days == 0 ? "今天提交" : "\(days)天（\(workingDays)个工作日）" }
}
