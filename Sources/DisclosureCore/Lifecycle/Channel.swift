/// How an application arrived (渠道), and which day is its legal date of receipt (Art. 31,
/// domain.md §2). The raw values are our codes.
public enum Channel: String, CaseIterable, Sendable, Codable {
    case inPerson = "in_person"
    case registeredPost = "registered_post"
    case ordinaryLetter = "ordinary_letter"
    case online = "online"
    case fax = "fax"
    case email = "email"

    public var label: String {
        switch self {
        case .inPerson: return "当面"
        case .registeredPost: return "邮寄（需签收）"
        case .ordinaryLetter: return "平信"
        case .online: return "网上申请"
        case .fax: return "传真"
        case .email: return "电子邮件"
        }
    }

    /// The rule for the date of receipt (收到申请之日), in the words shown beside the date field.
    public var receiptRule: String {
        switch self {
        case .inPerson: return "当面提交的，以提交之日为收到申请之日"
        case .registeredPost: return "以邮寄方式提交的，以行政机关签收之日为收到申请之日"
        case .ordinaryLetter: return "以平常信函等无需签收的邮寄方式提交的，以政府信息公开工作机构与申请人确认之日为收到申请之日"
        case .online, .fax: return "通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日"
        case .email: return "通过公布的电子邮箱提交的，以邮件系统收到之日为收到申请之日"
        }
    }

    /// The date of receipt is fixed to the day of arrival: nothing to confirm with the applicant.
    public var receiptIsArrival: Bool { self == .inPerson || self == .registeredPost || self == .email }
}
