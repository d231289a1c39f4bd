/// An application as the applicant types it into the public portal (网上申请): every field Art. 29
/// asks for. It becomes a case only when an officer confirms it (Art. 31), so it is kept apart
/// from `Intake` until then.
public struct PortalApplication: Sendable, Equatable, Codable {
    public var agencyID: Int64
    public var applicant: Applicant
    public var subject: String
    public var description: String
    public var formWanted: ProvisionForm?
    public var deliveryWanted: DeliveryMethod?

    public init(agencyID: Int64, applicant: Applicant, subject: String, description: String,
                formWanted: ProvisionForm?, deliveryWanted: DeliveryMethod?) {
        self.agencyID = agencyID
        self.applicant = applicant
        self.subject = subject
        self.description = description
        self.formWanted = formWanted
        self.deliveryWanted = deliveryWanted
    }

    /// What is missing or malformed. Stricter than an officer's intake, who can ask at the
    /// counter: the portal requires the identity document and the form and route of delivery
    /// (Art. 29 ¶2), and a contact fit for the route chosen.
    public func problems() -> [FieldProblem] {
        var problems = applicant.problems()
        problems += TextLimits.problems(in: self).filter { !$0.field.hasPrefix("applicant") }
        if applicant.idType.isBlank || applicant.idNumber.isBlank {
            problems.append(.init("applicant.idNumber", "Give the identity document and its number (Art. 29).",
                                                        "请填写身份证件类型和号码（条例第二十九条）。"))
        }
        if subject.allSatisfy(\.isWhitespace) {
            problems.append(.init("subject", "Say briefly which information you ask for.", "请简要填写所需政府信息的名称。"))
        }
        if description.allSatisfy(\.isWhitespace) {
            problems.append(.init("description", "Describe the information: its title, document number or other features that identify it (Art. 29).",
                                                 "请描述所需政府信息：名称、文号或者便于查询的其他特征性描述（条例第二十九条）。"))
        }
        if formWanted == nil {
            problems.append(.init("formWanted", "Choose the form in which you want the information.", "请选择获取信息的载体形式。"))
        }
        switch deliveryWanted {
        case nil:
            problems.append(.init("deliveryWanted", "Choose how you want to receive it.", "请选择获取信息的方式。"))
        case .email? where applicant.email.isBlank:
            problems.append(.init("applicant.email", "Give the e-mail address to send it to.", "选择电子邮件方式的，请填写电子邮箱。"))
        case .post? where applicant.address.isBlank:
            problems.append(.init("applicant.address", "Give the postal address to send it to.", "选择邮寄方式的，请填写通信地址。"))
        default: break
        }
        return problems
    }

    /// The intake an officer's confirmation registers: arrived the day it was submitted,
    /// received the day both sides confirmed (Art. 31 ¶2).
    public func intake(submittedOn: LocalDate, confirmedOn: LocalDate, receiptCode: String) -> Intake {
        let note = submittedOn == confirmedOn
            ? "网上申请（回执编号\(receiptCode)），\(confirmedOn.chineseDay)提交并经本机关确认收到（条例第三十一条第二项）。"
            : "网上申请（回执编号\(receiptCode)），申请人于\(submittedOn.chineseDay)提交，本机关于\(confirmedOn.chineseDay)确认收到，以确认之日为收到申请之日（条例第三十一条第二项）。"
        return Intake(applicant: applicant, agencyID: agencyID, channel: .online, arrivedOn: submittedOn, receivedOn: confirmedOn,
                      receiptNote: note, subject: subject, description: description, formWanted: formWanted,
                      deliveryWanted: deliveryWanted, registeredOn: confirmedOn)
    }
}
