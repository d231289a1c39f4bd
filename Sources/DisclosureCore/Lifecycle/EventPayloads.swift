/// The payloads of the events other than `register` and the reply (domain.md §3). Optional
/// fields have a documented default; `apply` checks the rest.

/// A free note: the reason for a decision, or an explanation.
public struct Note: Sendable, Equatable, Codable {
    public var note: String?
    public init(_ note: String? = nil) { self.note = note }
}

/// 补正告知: one consolidated notice listing everything to fix (Art. 30).
public struct CorrectionRequest: Sendable, Equatable, Codable {
    public var items: [String]
    /// The applicant's period to correct, in working days after receiving the notice (default 15).
    public var periodWorkingDays: Int?
    /// The day the applicant received the notice (default: the day of the event).
    public var noticeReceivedOn: LocalDate?
    public init(items: [String], periodWorkingDays: Int? = nil, noticeReceivedOn: LocalDate? = nil) {
        self.items = items
        self.periodWorkingDays = periodWorkingDays
        self.noticeReceivedOn = noticeReceivedOn
    }
    public static let defaultPeriod = 15
    public static let periodRange = 1...60
}

/// Who is consulted while the clock stands still.
public enum ConsultedParty: String, CaseIterable, Sendable, Codable {
    /// 第三方 (Art. 32): 15 working days to answer; silence leaves the decision to the agency.
    case thirdParty = "third_party"
    /// 共同制作机关 (Art. 34): 15 working days; silence counts as consent.
    case coProducer = "co_producer"
    /// 其他机关 (Art. 33 ¶3): no period in the regulation.
    case otherAgency = "other_agency"

    public var label: String {
        switch self {
        case .thirdParty: return "第三方"
        case .coProducer: return "共同制作机关"
        case .otherAgency: return "其他机关"
        }
    }
}

public struct ConsultationRequest: Sendable, Equatable, Codable {
    public var party: ConsultedParty
    public var name: String
    public var matter: String
    /// The day the party received the letter (default: the day of the event).
    public var letterReceivedOn: LocalDate?
    /// An answer date set by the agency, for parties without a period in the regulation.
    public var dueOn: LocalDate?
    public init(party: ConsultedParty, name: String, matter: String, letterReceivedOn: LocalDate? = nil, dueOn: LocalDate? = nil) {
        self.party = party
        self.name = name
        self.matter = matter
        self.letterReceivedOn = letterReceivedOn
        self.dueOn = dueOn
    }
    public static let answerPeriod = 15
}

public enum ConsultationOutcome: String, CaseIterable, Sendable, Codable {
    case consent = "consent"
    case objection = "objection"
    case other = "other"

    public var label: String {
        switch self {
        case .consent: return "同意公开"
        case .objection: return "不同意公开"
        case .other: return "其他意见"
        }
    }
}

public struct ConsultationAnswer: Sendable, Equatable, Codable {
    /// Which consultation, numbered from 1 in the order started (default: the only open one).
    public var number: Int?
    public var outcome: ConsultationOutcome
    public var summary: String?
    public init(number: Int? = nil, outcome: ConsultationOutcome, summary: String? = nil) {
        self.number = number
        self.outcome = outcome
        self.summary = summary
    }
}

/// Points at one consultation or assist by its number (default: the only open one).
public struct ItemReference: Sendable, Equatable, Codable {
    public var number: Int?
    public var note: String?
    public init(number: Int? = nil, note: String? = nil) {
        self.number = number
        self.note = note
    }
}

/// 协办: another department searches or supplies material; the clock runs on.
public struct AssistRequest: Sendable, Equatable, Codable {
    public var department: String
    public var request: String
    /// Default: the 5th working day after the request.
    public var dueOn: LocalDate?
    public init(department: String, request: String, dueOn: LocalDate? = nil) {
        self.department = department
        self.request = request
        self.dueOn = dueOn
    }
    public static let defaultPeriod = 5
}

/// 转办: the whole case moves to the agency that should answer it.
public struct Transfer: Sendable, Equatable, Codable {
    public var toAgencyID: Int64
    public var toOfficerID: Int64?
    public var reason: String
    public init(toAgencyID: Int64, toOfficerID: Int64? = nil, reason: String) {
        self.toAgencyID = toAgencyID
        self.toOfficerID = toOfficerID
        self.reason = reason
    }
}

/// 延迟答复: the supervisor-approved reasonable period for an excessive request (Art. 35).
public struct DelayApproval: Sendable, Equatable, Codable {
    public var until: LocalDate
    public var reason: String
    public init(until: LocalDate, reason: String) {
        self.until = until
        self.reason = reason
    }
}

public enum FeeMethod: String, CaseIterable, Sendable, Codable {
    case perApplication = "per_application"
    case perPage = "per_page"
}

/// 收费通知: the amount follows from the method and its count (国办函〔2020〕109号).
public struct FeeNotice: Sendable, Equatable, Codable {
    public var method: FeeMethod
    /// For per_application: this is the applicant's n-th application this calendar month.
    public var ordinalInMonth: Int?
    /// For per_page: the pages provided.
    public var pages: Int?
    /// The day the applicant received the notice (default: the day of the event).
    public var noticeReceivedOn: LocalDate?
    public init(method: FeeMethod, ordinalInMonth: Int? = nil, pages: Int? = nil, noticeReceivedOn: LocalDate? = nil) {
        self.method = method
        self.ordinalInMonth = ordinalInMonth
        self.pages = pages
        self.noticeReceivedOn = noticeReceivedOn
    }
    public static let paymentPeriod = 20
    /// Bounds that keep the amount's arithmetic far from overflow; no real notice comes near.
    public static let pageRange = 1...1_000_000
    public static let ordinalRange = 1...10_000
}

public struct FeePayment: Sendable, Equatable, Codable {
    public var amount: Int
    public init(amount: Int) { self.amount = amount }
}

public struct ExtensionRequest: Sendable, Equatable, Codable {
    public var workingDays: Int
    public var reason: String
    public init(workingDays: Int, reason: String) {
        self.workingDays = workingDays
        self.reason = reason
    }
}

public struct DeliveryRecord: Sendable, Equatable, Codable {
    public var method: DeliveryMethod
    public var reference: String?
    public init(method: DeliveryMethod, reference: String? = nil) {
        self.method = method
        self.reference = reference
    }
}

/// The result of a reconsideration or lawsuit, the columns of table 四.
public enum ReviewResult: String, CaseIterable, Sendable, Codable {
    case upheld = "upheld"
    case corrected = "corrected"
    case other = "other"
    case pending = "pending"

    public var label: String {
        switch self {
        case .upheld: return "结果维持"
        case .corrected: return "结果纠正"
        case .other: return "其他结果"
        case .pending: return "尚未审结"
        }
    }
}

/// 行政复议; recording the same reference again updates its result.
public struct ReviewRecord: Sendable, Equatable, Codable {
    public var reference: String
    public var body: String
    public var filedOn: LocalDate
    public var result: ReviewResult
    /// Spelled out: the record tables read these keys in SQL.
    enum CodingKeys: String, CodingKey {
        case reference = "reference"
        case body = "body"
        case filedOn = "filedOn"
        case result = "result"
    }
    public init(reference: String, body: String, filedOn: LocalDate, result: ReviewResult) {
        self.reference = reference
        self.body = body
        self.filedOn = filedOn
        self.result = result
    }
}

/// 行政诉讼, filed directly or after reconsideration; recording the same reference again updates it.
public struct LitigationRecord: Sendable, Equatable, Codable {
    public var reference: String
    public var court: String
    public var filedOn: LocalDate
    public var afterReview: Bool
    public var result: ReviewResult
    /// Spelled out: the record tables read these keys in SQL.
    enum CodingKeys: String, CodingKey {
        case reference = "reference"
        case court = "court"
        case filedOn = "filedOn"
        case afterReview = "afterReview"
        case result = "result"
    }
    public init(reference: String, court: String, filedOn: LocalDate, afterReview: Bool, result: ReviewResult) {
        self.reference = reference
        self.court = court
        self.filedOn = filedOn
        self.afterReview = afterReview
        self.result = result
    }
}

public enum CommunicationMethod: String, CaseIterable, Sendable, Codable {
    case phone = "phone"
    case visit = "visit"
    case letter = "letter"
    case email = "email"
    case other = "other"
}

/// 沟通记录: a call, visit, letter or mail with the applicant.
public struct Communication: Sendable, Equatable, Codable {
    public var method: CommunicationMethod
    public var summary: String
    public init(method: CommunicationMethod, summary: String) {
        self.method = method
        self.summary = summary
    }
}

/// Says what an earlier entry got wrong; history itself is never edited.
public struct EntryCorrection: Sendable, Equatable, Codable {
    /// The sequence number (version) of the entry corrected.
    public var sequence: Int
    public var note: String
    public init(sequence: Int, note: String) {
        self.sequence = sequence
        self.note = note
    }
}
