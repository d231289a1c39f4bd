/// The letters (文书) of domain.md §8. The raw values are our codes (database, URLs).
public enum LetterKind: String, CaseIterable, Sendable, Codable {
    case receipt = "receipt"
    case correction = "correction"
    case extensionNotice = "extension"
    case consultThirdParty = "consult_third_party"
    case consultCoProducer = "consult_co_producer"
    case consultationNotice = "consultation_notice"
    case reasons = "reasons"
    case fee = "fee"
    case assist = "assist"
    case reply = "reply"

    /// The title printed at the top of the letter.
    public var title: String {
        switch self {
        case .receipt: return "政府信息公开申请接收回执"
        case .correction: return "政府信息公开申请补正告知书"
        case .extensionNotice: return "政府信息公开延期答复告知书"
        case .consultThirdParty: return "政府信息公开征求第三方意见书"
        case .consultCoProducer: return "政府信息公开征求意见书"
        case .consultationNotice: return "政府信息公开征求意见告知书"
        case .reasons: return "政府信息公开申请说明理由告知书"
        case .fee: return "政府信息公开信息处理费收费通知书"
        case .assist: return "政府信息公开协办函"
        case .reply: return "政府信息公开申请答复书"
        }
    }

    /// The short name in lists and the generate menu; the two 征求意见书 differ by addressee.
    public var label: String {
        switch self {
        case .receipt: return "接收回执"
        case .correction: return "补正告知书"
        case .extensionNotice: return "延期答复告知书"
        case .consultThirdParty: return "征求意见书（第三方）"
        case .consultCoProducer: return "征求意见书（共同制作机关）"
        case .consultationNotice: return "征求意见告知书（申请人）"
        case .reasons: return "说明理由告知书"
        case .fee: return "收费通知书"
        case .assist: return "协办函"
        case .reply: return "答复书"
        }
    }

    /// The word between the agency's short name and 〔年份〕 in the number. Numbers run per
    /// kind, so every kind needs its own word, or two kinds would print the same number.
    public var numberWord: String {
        switch self {
        case .receipt: return "收"
        case .correction: return "补正"
        case .extensionNotice: return "延期"
        case .consultThirdParty: return "第三方征求"
        case .consultCoProducer: return "机关征求"
        case .consultationNotice: return "征求告知"
        case .reasons: return "说明理由"
        case .fee: return "收费"
        case .assist: return "协办"
        case .reply: return "答复"
        }
    }

    /// Goes to the applicant, whose name is personal data (domain.md §9); the others go to a
    /// third party, another agency or a department.
    public var addressedToApplicant: Bool {
        switch self {
        case .consultThirdParty, .consultCoProducer, .assist: return false
        default: return true
        }
    }

    /// A reply letter that waits for 审签, or whose outcome needs it, is numbered by the
    /// supervisor's sign-off (签发), not by finalising it on its own.
    public func numberedBySignOff(in c: CaseSnapshot) -> Bool {
        guard self == .reply, c.repliedOn == nil, c.state != .toIssue else { return false }
        return c.state == .pendingSignoff || (c.draft?.disposition.requiresSignOff ?? false)
    }

    /// The letters a case can have: each needs the event it reports to have happened (a
    /// correction notice after request_correction, an extension letter after approve_extension,
    /// a reply once one was proposed: 拟稿 drafts it with the proposal, 签发 numbers it).
    public static func available(for c: CaseSnapshot) -> [LetterKind] {
        allCases.filter { kind in
            switch kind {
            case .receipt: return true
            case .correction: return c.correction != nil
            case .extensionNotice: return c.extensionRequest?.decision == .approved
            case .consultThirdParty: return c.consultations.contains { $0.party == .thirdParty }
            case .consultCoProducer: return c.consultations.contains { $0.party == .coProducer }
            case .consultationNotice: return !c.consultations.isEmpty
            case .reasons: return c.reasonsRequestedOn != nil
            case .fee: return c.fee != nil
            case .assist: return !c.assists.isEmpty
            case .reply: return c.draft != nil
            }
        }
    }
}

extension LetterKind {
    /// The letters addressed to the applicant, which the portal shows them; the others go to a
    /// third party or another agency.
    public static let toApplicant: [LetterKind] = [.receipt, .correction, .extensionNotice, .consultationNotice, .reasons, .fee, .reply]
}
