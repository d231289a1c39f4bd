/// The payload of `register`: what was asked, by whom, how it arrived and when the clock starts.
/// The applicant's personal details live in the applicant record, not in the history, so the
/// history can be shown without masking.
public struct Registration: Sendable, Equatable, Codable {
    public var agencyID: Int64
    public var officerID: Int64?
    public var applicantID: Int64?
    public var applicantKind: ApplicantKind
    public var channel: Channel
    /// The day the application reached the agency.
    public var arrivedOn: LocalDate
    /// The legal date of receipt (收到申请之日, Art. 31); starts the clock.
    public var receivedOn: LocalDate
    /// Why the date of receipt differs from the day of arrival.
    public var receiptNote: String?
    public var subject: String
    public var description: String
    /// 获取信息的方式: the form wanted.
    public var formWanted: ProvisionForm?
    /// How the applicant wants to receive it.
    public var deliveryWanted: DeliveryMethod?

    public init(agencyID: Int64, officerID: Int64? = nil, applicantID: Int64? = nil, applicantKind: ApplicantKind,
                channel: Channel, arrivedOn: LocalDate, receivedOn: LocalDate, receiptNote: String? = nil,
                subject: String, description: String, formWanted: ProvisionForm? = nil, deliveryWanted: DeliveryMethod? = nil) {
        self.agencyID = agencyID
        self.officerID = officerID
        self.applicantID = applicantID
        self.applicantKind = applicantKind
        self.channel = channel
        self.arrivedOn = arrivedOn
        self.receivedOn = receivedOn
        self.receiptNote = receiptNote
        self.subject = subject
        self.description = description
        self.formWanted = formWanted
        self.deliveryWanted = deliveryWanted
    }
}

/// The form in which information is provided (Art. 40).
public enum ProvisionForm: String, CaseIterable, Sendable, Codable {
    case paper = "paper"
    case electronic = "electronic"
    case inspection = "inspection"

    public var label: String {
        switch self {
        case .paper: return "纸质"
        case .electronic: return "电子"
        case .inspection: return "查阅"
        }
    }
}

/// How something reaches the applicant (送达方式).
public enum DeliveryMethod: String, CaseIterable, Sendable, Codable {
    case inPerson = "in_person"
    case post = "post"
    case email = "email"
    case platform = "platform"

    public var label: String {
        switch self {
        case .inPerson: return "直接送达"
        case .post: return "邮寄"
        case .email: return "电子邮件"
        case .platform: return "网上平台"
        }
    }
}
