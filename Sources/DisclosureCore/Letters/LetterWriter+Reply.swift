/// The 答复书 (Art. 36): when the application was received, what was asked (quoted once), the
/// decision in a clerk's words with the articles it rests on, the officer's reasons, how the
/// information is provided, any fee paid, the remedies, date and agency.
extension LetterWriter {
    static func reply(_ s: LetterSource) -> Written? {
        let c = s.snapshot
        guard let draft = c.draft else { return nil }
        var opening = received(s)
        if let corrected = c.correction?.receivedOn {
            opening += "您于\(corrected.chineseDay)提交了补正后的申请。"
        }
        let wording = draft.disposition.replyWording(for: c)
        var paragraphs = [opening, wording.sentence(officerBasis: draft.legalBasis)]
        if let reasons = draft.reasons.flatMap(nonBlank) { paragraphs.append(wording.reasonsLead + sentence(reasons)) }
        if let text = draft.text.flatMap(nonBlank) { paragraphs.append(text) }
        if let provision = draft.provision, draft.disposition == .disclose || draft.disposition == .partial {
            paragraphs.append(provided(provision, part: draft.disposition == .partial))
        }
        if let fee = c.fee, let paid = fee.paidOn, fee.amount > 0 {
            paragraphs.append("您已于\(paid.chineseDay)缴纳信息处理费人民币\(fee.amount)元。")
        }
        paragraphs.append(Remedies.paragraph(for: draft.disposition, reconsiderationBody: s.agency.reconsiderationBody))
        paragraphs.append("特此答复。")
        // A signed-off draft not yet issued is dated the day it is printed.
        return Written(paragraphs: paragraphs, date: c.repliedOn ?? s.today)
    }

    /// How the information reaches the applicant (Art. 40). Inspection needs a time and place
    /// only the officer knows: the gap must be filled before the letter can be finalised.
    static func provided(_ form: ProvisionForm, part: Bool) -> String {
        let what = part ? "可以公开的政府信息内容" : "该政府信息"
        switch form {
        case .paper: return "根据条例第四十条，本机关以纸质形式向您提供\(what)（见附件）。"
        case .electronic: return "根据条例第四十条，本机关以电子数据形式向您提供\(what)（见附件）。"
        case .inspection: return "根据条例第四十条，请您于【请填写查阅的时间和地点】持本答复书和身份证明查阅、抄录\(what)。"
        }
    }

    static func nonBlank(_ text: String) -> String? {
        let trimmed = text.trimmingCharactersInWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The officer's text as a sentence: closed with 。 unless it already ends a sentence.
    static func sentence(_ text: String) -> String {
        guard let last = text.last, !"。！？；…”）".contains(last) else { return text }
        return text + "。"
    }
}
