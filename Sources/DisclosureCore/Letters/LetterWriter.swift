/// Writes a letter's text from a case (domain.md §8). Pure: the same source gives the same
/// letter, so what an officer finalises can be traced to the case as it stood.
public enum LetterWriter {
    static let regulation = "《中华人民共和国政府信息公开条例》"

    public static func draft(_ kind: LetterKind, from source: LetterSource) throws(LetterError) -> LetterDraft {
        guard LetterKind.available(for: source.snapshot).contains(kind) else { throw .notAvailable(kind) }
        let written: Written?
        switch kind {
        case .receipt: written = receipt(source)
        case .correction: written = correction(source)
        case .extensionNotice: written = extensionNotice(source)
        case .consultThirdParty: written = consultation(source, party: .thirdParty)
        case .consultCoProducer: written = consultation(source, party: .coProducer)
        case .consultationNotice: written = consultationNotice(source)
        case .reasons: written = reasons(source)
        case .fee: written = fee(source)
        case .assist: written = assist(source)
        case .reply: written = reply(source)
        }
        // `available` said the event happened; a history without it is not a case we can write for.
        guard let written else { throw .notAvailable(kind) }
        return LetterDraft(kind: kind, title: kind.title, recipient: written.recipient ?? source.applicant.name,
                           paragraphs: written.paragraphs, date: written.date, signer: source.agency.name)
    }

    /// What each kind's writer decides; the rest is common.
    struct Written {
        var recipient: String?
        var paragraphs: [String]
        var date: LocalDate
    }

    /// The opening every letter to the applicant shares: when it was received and what was
    /// asked, the request quoted once.
    static func received(_ s: LetterSource) -> String {
        "本机关于\(s.snapshot.receivedOn.chineseDay)收到您提交的政府信息公开申请，申请公开\(RequestQuote.quoted(s.snapshot.subject))。"
    }

    /// The opening of letters to others: the applicant is not named (domain.md §9).
    static func receivedFromApplicant(_ s: LetterSource) -> String {
        "本机关于\(s.snapshot.receivedOn.chineseDay)收到政府信息公开申请（\(s.caseNumber)），申请公开\(RequestQuote.quoted(s.snapshot.subject))。"
    }

    /// A period given in a letter, stated the way its last day was counted: from the day the
    /// addressee received the letter when that day was recorded, otherwise from the letter's own
    /// date. Saying "from receipt" beside a day counted from the date of issue would promise the
    /// addressee days the agency does not give.
    static func period(_ workingDays: Int, of letter: String, issuedOn: LocalDate, receivedOn: LocalDate?, lastDay: LocalDate) -> String {
        let from = receivedOn.flatMap { $0 == issuedOn ? nil : $0 }
            .map { "自收到\(letter)之日（\($0.chineseDay)）起" } ?? "自\(letter)出具之日起"
        return "\(from)\(workingDays)个工作日内，即在\(lastDay.chineseDay)（含当日）前"
    }
}

extension LetterWriter {
    /// 拟稿: the reply letter for a proposal not yet recorded, written from the case as if it were;
    /// the officer edits it before submitting both for 核稿.
    public static func proposedReply(_ proposal: ReplyDraft, from source: LetterSource) throws(LetterError) -> LetterDraft {
        var source = source
        source.snapshot.draft = proposal
        return try draft(.reply, from: source)
    }
}
