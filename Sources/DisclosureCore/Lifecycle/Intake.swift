/// What an officer types in to register an application (登记): the applicant (new, or one on
/// file) and the registration. Turned into the `register` event once the applicant has an id.
public struct Intake: Sendable, Equatable, Codable {
    public var applicant: Applicant?
    public var applicantID: Int64?
    public var agencyID: Int64
    public var officerID: Int64?
    public var channel: Channel
    public var arrivedOn: LocalDate
    /// Defaults to the day of arrival for the channels where the two are the same day by rule.
    public var receivedOn: LocalDate?
    public var receiptNote: String?
    public var subject: String
    public var description: String
    public var formWanted: ProvisionForm?
    public var deliveryWanted: DeliveryMethod?
    /// The day the case is registered (default: today).
    public var registeredOn: LocalDate?

    public init(applicant: Applicant? = nil, applicantID: Int64? = nil, agencyID: Int64, officerID: Int64? = nil,
                channel: Channel, arrivedOn: LocalDate, receivedOn: LocalDate? = nil, receiptNote: String? = nil,
                subject: String, description: String, formWanted: ProvisionForm? = nil,
                deliveryWanted: DeliveryMethod? = nil, registeredOn: LocalDate? = nil) {
        self.applicant = applicant
        self.applicantID = applicantID
        self.agencyID = agencyID
        self.officerID = officerID
        self.channel = channel
        self.arrivedOn = arrivedOn
        self.receivedOn = receivedOn
        self.receiptNote = receiptNote
        self.subject = subject
        self.description = description
        self.formWanted = formWanted
        self.deliveryWanted = deliveryWanted
        self.registeredOn = registeredOn
    }

    /// Problems that do not depend on the database: the applicant's fields and the dates.
    public func problems(today: LocalDate) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        switch (applicant, applicantID) {
        case (nil, nil):
            problems.append(.init("applicant", "Give the applicant's details, or the id of an applicant on file.",
                                               "请填写申请人信息，或者选择已登记的申请人。"))
        case (.some, .some):
            problems.append(.init("applicantID", "Give either a new applicant or the id of one on file, not both.",
                                                 "填写新申请人和选择已登记的申请人只能二选一。"))
        case (.some(let applicant), nil): problems += applicant.problems()
        default: break
        }
        if receivedOn == nil, !channel.receiptIsArrival {
            problems.append(.init("receivedOn", "For \(channel.rawValue) (\(channel.label)) give the date of receipt: \(channel.receiptRule).",
                                                "以「\(channel.label)」方式提交的，请填写收到申请之日：\(channel.receiptRule)。"))
        }
        if arrivedOn > today {
            problems.append(.init("arrivedOn", "\(arrivedOn) is in the future.", "申请到达之日（\(arrivedOn.chineseDay)）不能晚于今天。"))
        }
        if let registeredOn, registeredOn > today {
            problems.append(.init("registeredOn", "\(registeredOn) is in the future.", "登记日期（\(registeredOn.chineseDay)）不能晚于今天。"))
        }
        return problems
    }

    public func registration(applicantID: Int64, kind: ApplicantKind) -> Registration {
        Registration(agencyID: agencyID, officerID: officerID, applicantID: applicantID, applicantKind: kind, channel: channel,
                     arrivedOn: arrivedOn, receivedOn: receivedOn ?? arrivedOn, receiptNote: receiptNote,
                     subject: subject, description: description, formWanted: formWanted, deliveryWanted: deliveryWanted)
    }
}
