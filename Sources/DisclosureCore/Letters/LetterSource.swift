/// Everything a letter is written from: the case as it stands, its history (the event a letter
/// reports carries the details: the correction items, the consulted party's matter, …), the
/// applicant unmasked (the letter goes to them), the agency and the calendar (to recompute the
/// reply date an extension set, even if the clock moved since).
public struct LetterSource: Sendable {
    public var caseNumber: String
    public var snapshot: CaseSnapshot
    public var events: [CaseEvent]
    public var applicant: Applicant
    public var agency: Agency
    public var calendar: WorkCalendar
    /// The date of letters whose event has no date yet (a signed-off reply not yet issued).
    public var today: LocalDate

    public init(caseNumber: String, snapshot: CaseSnapshot, events: [CaseEvent], applicant: Applicant, agency: Agency,
                calendar: WorkCalendar, today: LocalDate) {
        self.caseNumber = caseNumber
        self.snapshot = snapshot
        self.events = events
        self.applicant = applicant
        self.agency = agency
        self.calendar = calendar
        self.today = today
    }

    /// The registration: what was asked, and how.
    var registration: Registration? {
        for event in events { if case .register(let r) = event.payload { return r } }
        return nil
    }

    /// The latest event matching `pick`, with its date.
    func last<T>(_ pick: (EventPayload) -> T?) -> (T, on: LocalDate)? {
        for event in events.reversed() { if let found = pick(event.payload) { return (found, event.on) } }
        return nil
    }
}
