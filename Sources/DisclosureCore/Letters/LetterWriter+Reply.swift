/// The 答复书 (Art. 36): when the application was received, what was asked, the decision with
/// its basis and reasons, how the information is provided, the remedies, date and agency.
extension LetterWriter {
    static func reply(_ s: LetterSource) -> Written? {
        let c = s.snapshot
        guard let draft = c.draft else { return nil }
        var paragraphs = [received(s)]
        if let corrected = c.correction?.receivedOn {
            paragraphs.append("您于\(corrected.chinese)提交了补正后的申请。")
        }
        let basis = draft.legalBasis.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 } ?? draft.disposition.chineseBasis
        paragraphs.append("经审查，现答复如下：" + draft.disposition.plainLabel + "。" + (basis.isEmpty ? "" : "法律依据：\(basis)。"))
        if let reasons = draft.reasons, !reasons.allSatisfy(\.isWhitespace) { paragraphs.append("理由：\(reasons)") }
        if let text = draft.text, !text.allSatisfy(\.isWhitespace) { paragraphs.append(text) }
        if let provision = draft.provision {
            paragraphs.append("信息提供方式：\(provision.label)（条例第四十条）。")
        }
        paragraphs.append(Remedies.paragraph(for: draft.disposition, reconsiderationBody: s.agency.reconsiderationBody))
        paragraphs.append("特此答复。")
        // A signed-off draft not yet issued is dated the day it is printed.
        return Written(paragraphs: paragraphs, date: c.repliedOn ?? s.today)
    }
}
