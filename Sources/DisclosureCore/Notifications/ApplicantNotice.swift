/// What an applicant is told by e-mail and SMS when something happens to their application
/// (issue 17 ¶6): on submission and on receipt, a correction notice, an extension, a fee
/// notice, the reply. A notification, not the letter itself: the letter is served as the
/// applicant chose (Art. 40), and the text says where to read it.
public struct ApplicantNotice: Sendable, Equatable {
    public enum Purpose: String, Sendable, CaseIterable, Codable {
        case submitted, received, correction, extensionApproved = "extension", fee, reply

        public var label: String {
            switch self {
            case .submitted: return "网上申请回执"
            case .received: return "确认收到"
            case .correction: return "补正告知"
            case .extensionApproved: return "延期答复"
            case .fee: return "收费通知"
            case .reply: return "答复"
            }
        }
    }

    public var purpose: Purpose
    /// The e-mail's subject and text.
    public var subject: String
    public var body: String
    /// The SMS: one short message.
    public var sms: String

    static let signature = "\n\n本邮件由政府信息公开申请平台自动发送，请勿直接回复。可凭回执编号和查询密码在平台“查询办理进度”查看办理情况和文书。"

    /// On submitting in the portal: the code and password, which open the tracking page.
    public static func submitted(code: String, password: String, agency: String, subject: String, on day: LocalDate) -> ApplicantNotice {
        ApplicantNotice(
            purpose: .submitted,
            subject: "政府信息公开申请已提交（回执编号\(code)）",
            body: """
                您好：

                您于\(day.chineseDay)向\(agency)提交的政府信息公开申请（所需信息：\(subject)）已提交成功，等待该机关确认收到。行政机关确认收到之日为收到申请之日，答复期限自该日起计算。

                回执编号：\(code)
                查询密码：\(password)

                请妥善保管查询密码，不要告诉他人。
                """ + signature,
            sms: "【政府信息公开】您向\(agency)提交的申请已提交，回执编号\(code)，待机关确认收到。")
    }

    /// On the agency's confirmation of an online submission (Art. 31 ¶2): the case and its due date.
    public static func received(code: String, caseNumber: String, agency: String, snapshot: CaseSnapshot) -> ApplicantNotice {
        let due = snapshot.clock.due.map { "，答复期限至\($0.chineseDay)" } ?? ""
        return ApplicantNotice(
            purpose: .received,
            subject: "\(agency)已收到您的政府信息公开申请（\(caseNumber)）",
            body: """
                您好：

                \(agency)已于\(snapshot.receivedOn.chineseDay)确认收到您的政府信息公开申请（回执编号\(code)，案件编号\(caseNumber)）\(due)。行政机关将依照《中华人民共和国政府信息公开条例》办理并答复。
                """ + signature,
            sms: "【政府信息公开】\(agency)已于\(snapshot.receivedOn.chineseDay)收到您的申请（\(caseNumber)）\(due)。")
    }

    /// Whether `payload` is one of the events the applicant is told of (before anything is read
    /// to write the notice).
    public static func tellsOf(_ payload: EventPayload) -> Bool {
        switch payload {
        case .requestCorrection, .approveExtension, .issueFeeNotice, .reply: return true
        default: return false
        }
    }

    /// The notice `event` gives rise to, read from the case after it; nil for the events the
    /// applicant is not told of this way.
    public static func after(_ event: CaseEvent, snapshot: CaseSnapshot, caseNumber: String, agency: String) -> ApplicantNotice? {
        guard tellsOf(event.payload) else { return nil }
        let reference = "您的政府信息公开申请（\(caseNumber)，所需信息：\(snapshot.subject)）"
        switch event.payload {
        case .requestCorrection:
            guard let correction = snapshot.correction else { return nil }
            let items = correction.items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
            return ApplicantNotice(
                purpose: .correction,
                subject: "请补正政府信息公开申请（\(caseNumber)）",
                body: "您好：\n\n\(agency)对\(reference)作出补正告知，请于\(correction.dueOn.chineseDay)前补正以下内容：\n\(items)\n\n无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请（条例第三十条）。补正期间答复期限暂停计算。" + signature,
                sms: "【政府信息公开】\(agency)请您于\(correction.dueOn.chineseDay)前补正申请（\(caseNumber)），详见补正告知书。")
        case .approveExtension:
            let due = snapshot.clock.due.map { $0.chineseDay } ?? "延长后的期限"
            return ApplicantNotice(
                purpose: .extensionApproved,
                subject: "政府信息公开申请答复期限延长（\(caseNumber)）",
                body: "您好：\n\n因需要延长答复期限，经政府信息公开工作机构负责人同意，\(agency)对\(reference)的答复期限延长至\(due)（条例第三十三条第二款）。" + signature,
                sms: "【政府信息公开】\(agency)对您的申请（\(caseNumber)）的答复期限延长至\(due)。")
        case .issueFeeNotice:
            guard let fee = snapshot.fee else { return nil }
            return ApplicantNotice(
                purpose: .fee,
                subject: "政府信息公开信息处理费缴费通知（\(caseNumber)）",
                body: "您好：\n\n\(agency)就\(reference)依法收取信息处理费\(fee.amount)元，请于\(fee.dueOn.chineseDay)前缴纳，详见收费通知书。逾期未缴纳的，行政机关不再处理该申请。缴费期间答复期限暂停计算。" + signature,
                sms: "【政府信息公开】您的申请（\(caseNumber)）需缴纳信息处理费\(fee.amount)元，请于\(fee.dueOn.chineseDay)前缴纳。")
        case .reply:
            guard let disposition = snapshot.disposition, let on = snapshot.repliedOn else { return nil }
            return ApplicantNotice(
                purpose: .reply,
                subject: "政府信息公开申请已答复（\(caseNumber)）",
                body: "您好：\n\n\(agency)已于\(on.chineseDay)对\(reference)作出答复，办理结果：\(disposition.plainLabel)。答复书将按您选择的方式送达。" + signature,
                sms: "【政府信息公开】\(agency)已于\(on.chineseDay)答复您的申请（\(caseNumber)），请查收答复书。")
        default:
            return nil
        }
    }
}
