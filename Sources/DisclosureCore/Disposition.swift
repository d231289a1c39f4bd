/// The outcome of a replied or closed case (办理结果): exactly one per case, and one result row
/// each in table 三 of the annual report (domain.md §4). The raw values are our codes.
public enum Disposition: String, CaseIterable, Sendable, Codable {
    case disclose = "disclose"
    case partial = "partial"
    case withholdStateSecret = "withhold.state_secret"
    case withholdLawForbids = "withhold.law_forbids"
    case withholdSecurityStability = "withhold.security_stability"
    case withholdThirdParty = "withhold.third_party"
    case withholdInternalAffairs = "withhold.internal_affairs"
    case withholdProcessInfo = "withhold.process_info"
    case withholdEnforcementFile = "withhold.enforcement_file"
    case withholdInquiryMatter = "withhold.inquiry_matter"
    case unavailableNotHeld = "unavailable.not_held"
    case unavailableNeedsCreation = "unavailable.needs_creation"
    case unavailableStillUnclear = "unavailable.still_unclear"
    case notProcessedPetition = "not_processed.petition"
    case notProcessedRepeat = "not_processed.repeat"
    case notProcessedPublication = "not_processed.publication"
    case notProcessedExcessive = "not_processed.excessive"
    case notProcessedConfirmExisting = "not_processed.confirm_existing"
    case otherCorrectionLapsed = "other.correction_lapsed"
    case otherFeeLapsed = "other.fee_lapsed"
    case otherOther = "other.other"

    /// The group heading of table 三, for the rows under one.
    public enum Group: String, CaseIterable, Sendable {
        case withhold = "（三）不予公开"
        case unavailable = "（四）无法提供"
        case notProcessed = "（五）不予处理"
        case other = "（六）其他处理"
    }

    public var group: Group? {
        switch rawValue.split(separator: ".").first {
        case "withhold": return .withhold
        case "unavailable": return .unavailable
        case "not_processed": return .notProcessed
        case "other": return .other
        default: return nil
        }
    }

    /// The row label of table 三, exactly as the report format (国办公开办函〔2021〕30号) has it.
    public var label: String {
        switch self {
        case .disclose: return "（一）予以公开"
        case .partial: return "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        case .withholdStateSecret: return "1.属于国家秘密"
        case .withholdLawForbids: return "2.其他法律行政法规禁止公开"
        case .withholdSecurityStability: return "3.危及“三安全一稳定”"
        case .withholdThirdParty: return "4.保护第三方合法权益"
        case .withholdInternalAffairs: return "5.属于三类内部事务信息"
        case .withholdProcessInfo: return "6.属于四类过程性信息"
        case .withholdEnforcementFile: return "7.属于行政执法案卷"
        case .withholdInquiryMatter: return "8.属于行政查询事项"
        case .unavailableNotHeld: return "1.本机关不掌握相关政府信息"
        case .unavailableNeedsCreation: return "2.没有现成信息需要另行制作"
        case .unavailableStillUnclear: return "3.补正后申请内容仍不明确"
        case .notProcessedPetition: return "1.信访举报投诉类申请"
        case .notProcessedRepeat: return "2.重复申请"
        case .notProcessedPublication: return "3.要求提供公开出版物"
        case .notProcessedExcessive: return "4.无正当理由大量反复申请"
        case .notProcessedConfirmExisting: return "5.要求行政机关确认或重新出具已获取信息"
        case .otherCorrectionLapsed: return "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        case .otherFeeLapsed: return "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        case .otherOther: return "3.其他"
        }
    }

    /// The main legal basis (条例 articles unless named otherwise).
    public var legalBasis: String {
        switch self {
        case .disclose: return "Art. 36(1)–(2)"
        case .partial: return "Art. 37"
        case .withholdStateSecret, .withholdLawForbids, .withholdSecurityStability: return "Art. 14"
        case .withholdThirdParty: return "Art. 15, 32"
        case .withholdInternalAffairs: return "Art. 16 ¶1"
        case .withholdProcessInfo, .withholdEnforcementFile: return "Art. 16 ¶2"
        case .withholdInquiryMatter: return "Art. 36(7)"
        case .unavailableNotHeld: return "Art. 36(4), 36(5)"
        case .unavailableNeedsCreation: return "Art. 38"
        case .unavailableStillUnclear: return "Art. 30"
        case .notProcessedPetition: return "Art. 39 ¶1"
        case .notProcessedRepeat: return "Art. 36(6)"
        case .notProcessedPublication: return "Art. 39 ¶2"
        case .notProcessedExcessive: return "Art. 35"
        case .notProcessedConfirmExisting: return "practice"
        case .otherCorrectionLapsed: return "Art. 30"
        case .otherFeeLapsed: return "国办函〔2020〕109号"
        case .otherOther: return "—"
        }
    }

    /// The outcome in case work's words, as a sentence names it: 予以公开, 部分公开, 不予公开（属于
    /// 国家秘密）, 其他处理: every row with its group, none of the report's counting notes (those stay
    /// in `label`, for the report alone).
    public var shortLabel: String {
        switch self {
        case .disclose: return "予以公开"
        case .partial: return "部分公开"
        case .otherCorrectionLapsed: return "其他处理（逾期未补正）"
        case .otherFeeLapsed: return "其他处理（逾期未缴费）"
        case .otherOther: return "其他处理"
        default:
            let row = label.split(separator: ".", maxSplits: 1).last.map(String.init) ?? label
            guard let heading = group?.rawValue.split(separator: "）", maxSplits: 1).last else { return row }
            return "\(heading)（\(row)）"
        }
    }

    /// Refuses the information in whole or part: the reply must say that reconsideration comes
    /// before any lawsuit (Administrative Reconsideration Law 2023, Art. 23).
    public var refuses: Bool { self == .partial || group == .withhold }

    /// Our reading: every reply that does not simply disclose, or that refuses to process, is
    /// signed off by a supervisor (审签) before it goes out; closing a case because the applicant
    /// let a deadline lapse or withdrew is not.
    public var requiresSignOff: Bool {
        switch self {
        case .disclose, .otherCorrectionLapsed, .otherFeeLapsed, .otherOther: return false
        default: return true
        }
    }
}
