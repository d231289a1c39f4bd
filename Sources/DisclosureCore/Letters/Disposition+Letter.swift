/// How a disposition reads in a reply (答复书): the report's row labels carry row numbers and
/// counting notes that mean nothing to an applicant.
extension Disposition {
    /// The decision in words, without the row number: 予以公开, 部分公开, 不予公开（属于国家秘密）, ….
    public var plainLabel: String {
        switch self {
        case .disclose: return "予以公开"
        case .partial: return "部分公开"
        default:
            let reason = Self.stripRowNumber(label)
            let group = group.map { Self.stripRowNumber($0.rawValue) } ?? ""
            return self == .otherOther ? group : "\(group)（\(reason)）"
        }
    }

    /// `1.属于国家秘密` → `属于国家秘密`; `（三）不予公开` → `不予公开`.
    static func stripRowNumber(_ text: String) -> String {
        if text.hasPrefix("（"), let close = text.firstIndex(of: "）") { return String(text[text.index(after: close)...]) }
        if let dot = text.firstIndex(of: "."), text[..<dot].allSatisfy(\.isNumber) { return String(text[text.index(after: dot)...]) }
        return text
    }

    /// The main legal basis in the words of a letter; `legalBasis` is the same in our notation.
    /// Empty where no article names the outcome (confirming existing information, other).
    public var chineseBasis: String {
        let regulation = "《中华人民共和国政府信息公开条例》"
        switch self {
        case .disclose: return regulation + "第三十六条第（一）项、第（二）项"
        case .partial: return regulation + "第三十七条"
        case .withholdStateSecret, .withholdLawForbids, .withholdSecurityStability: return regulation + "第十四条"
        case .withholdThirdParty: return regulation + "第十五条、第三十二条"
        case .withholdInternalAffairs: return regulation + "第十六条第一款"
        case .withholdProcessInfo, .withholdEnforcementFile: return regulation + "第十六条第二款"
        case .withholdInquiryMatter: return regulation + "第三十六条第（七）项"
        case .unavailableNotHeld: return regulation + "第三十六条第（四）项、第（五）项"
        case .unavailableNeedsCreation: return regulation + "第三十八条"
        case .unavailableStillUnclear, .otherCorrectionLapsed: return regulation + "第三十条"
        case .notProcessedPetition: return regulation + "第三十九条第一款"
        case .notProcessedRepeat: return regulation + "第三十六条第（六）项"
        case .notProcessedPublication: return regulation + "第三十九条第二款"
        case .notProcessedExcessive: return regulation + "第三十五条"
        case .otherFeeLapsed: return FeeSchedule.basis
        case .notProcessedConfirmExisting, .otherOther: return ""
        }
    }
}
