/// A case as its events have left it: the projection stored beside the history for fast
/// queries, always reproducible by replaying the history (`Lifecycle.replay`).
public struct CaseSnapshot: Sendable, Equatable, Codable {
    public var state: CaseState
    /// The number of events applied; the next event must name it (optimistic concurrency).
    public var version: Int
    public var agencyID: Int64
    public var officerID: Int64?
    public var applicantID: Int64?
    public var applicantKind: ApplicantKind
    public var channel: Channel
    public var arrivedOn: LocalDate
    public var receivedOn: LocalDate
    public var subject: String
    public var clock: ReplyClock
    /// The date of the latest entry; entries are recorded in date order.
    public var lastEventOn: LocalDate
    /// 补正告知 must go out by this day (7th working day after receipt, Art. 30).
    public var correctionNoticeDue: LocalDate
    public var correction: CorrectionStatus?
    public var consultations: [Consultation] = []
    public var assists: [Assist] = []
    public var fee: FeeStatus?
    public var reasonsRequestedOn: LocalDate?
    public var extensionRequest: ExtensionStatus?
    public var draft: ReplyDraft?
    public var signedOff = false
    public var disposition: Disposition?
    public var repliedOn: LocalDate?
    /// Replied (or closed) after the reply was due.
    public var repliedLate = false
    public var closedOn: LocalDate?
    public var deliveries: [Delivery] = []
    public var reviews: [ReviewRecord] = []
    public var litigations: [LitigationRecord] = []
    /// The day the case was handed to its present agency, if it was transferred.
    public var transferredOn: LocalDate?
    /// Flagged 疑难复杂 for the supervisors: when and why.
    public var complex: ComplexFlag?
    /// Things done late or out of the ordinary, kept for supervisors (e.g. a late correction notice).
    public var warnings: [Warning] = []

    /// Spelled out because SQL reads the snapshot by these keys (the record tables, the list's
    /// filters, the statistics): renaming a property must not rename its key.
    enum CodingKeys: String, CodingKey {
        case state = "state"
        case version = "version"
        case agencyID = "agencyID"
        case officerID = "officerID"
        case applicantID = "applicantID"
        case applicantKind = "applicantKind"
        case channel = "channel"
        case arrivedOn = "arrivedOn"
        case receivedOn = "receivedOn"
        case subject = "subject"
        case clock = "clock"
        case lastEventOn = "lastEventOn"
        case correctionNoticeDue = "correctionNoticeDue"
        case correction = "correction"
        case consultations = "consultations"
        case assists = "assists"
        case fee = "fee"
        case reasonsRequestedOn = "reasonsRequestedOn"
        case extensionRequest = "extensionRequest"
        case draft = "draft"
        case signedOff = "signedOff"
        case disposition = "disposition"
        case repliedOn = "repliedOn"
        case repliedLate = "repliedLate"
        case closedOn = "closedOn"
        case deliveries = "deliveries"
        case reviews = "reviews"
        case litigations = "litigations"
        case transferredOn = "transferredOn"
        case complex = "complex"
        case warnings = "warnings"
    }

    /// The day the disposition was decided: the reply, or the closing for lapses and withdrawals.
    public var disposedOn: LocalDate? { repliedOn ?? (disposition == nil ? nil : closedOn) }

    public struct CorrectionStatus: Sendable, Equatable, Codable {
        public var noticeOn: LocalDate
        public var items: [String]
        /// The applicant must correct by this day.
        public var dueOn: LocalDate
        public var late: Bool
        public var receivedOn: LocalDate?
    }

    public struct Consultation: Sendable, Equatable, Codable {
        public var party: ConsultedParty
        public var name: String
        public var startedOn: LocalDate
        public var dueOn: LocalDate?
        public var closedOn: LocalDate?
        /// nil while waiting; lapsed consultations record `nil` outcome with `lapsed`.
        public var outcome: ConsultationOutcome?
        public var lapsed = false
        public var isOpen: Bool { closedOn == nil }

        enum CodingKeys: String, CodingKey {
            case party = "party"
            case name = "name"
            case startedOn = "startedOn"
            case dueOn = "dueOn"
            case closedOn = "closedOn"
            case outcome = "outcome"
            case lapsed = "lapsed"
        }
    }

    public struct Assist: Sendable, Equatable, Codable {
        public var department: String
        public var askedOn: LocalDate
        public var dueOn: LocalDate
        public var returnedOn: LocalDate?
        public var isOpen: Bool { returnedOn == nil }

        enum CodingKeys: String, CodingKey {
            case department = "department"
            case askedOn = "askedOn"
            case dueOn = "dueOn"
            case returnedOn = "returnedOn"
        }
    }

    public struct FeeStatus: Sendable, Equatable, Codable {
        public var amount: Int
        public var explanation: String
        public var noticeOn: LocalDate
        public var dueOn: LocalDate
        public var paidOn: LocalDate?

        enum CodingKeys: String, CodingKey {
            case amount = "amount"
            case explanation = "explanation"
            case noticeOn = "noticeOn"
            case dueOn = "dueOn"
            case paidOn = "paidOn"
        }
    }

    public struct ExtensionStatus: Sendable, Equatable, Codable {
        public enum Decision: String, Sendable, Codable { case pending, approved, rejected }
        public var requestedOn: LocalDate
        public var workingDays: Int
        public var reason: String
        public var decision: Decision
        public var decidedOn: LocalDate?

        enum CodingKeys: String, CodingKey {
            case requestedOn = "requestedOn"
            case workingDays = "workingDays"
            case reason = "reason"
            case decision = "decision"
            case decidedOn = "decidedOn"
        }
    }

    public struct Delivery: Sendable, Equatable, Codable {
        public var method: DeliveryMethod
        public var on: LocalDate
        public var reference: String?

        enum CodingKeys: String, CodingKey {
            case method = "method"
            case on = "on"
            case reference = "reference"
        }
    }

    public struct ComplexFlag: Sendable, Equatable, Codable {
        public var on: LocalDate
        public var reason: String
    }

    public struct Warning: Sendable, Equatable, Codable {
        /// The version (event number) that caused it.
        public var sequence: Int
        public var message: String
    }
}
