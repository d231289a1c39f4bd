/// A letter's text as generated from a case, before anyone edits or numbers it.
public struct LetterDraft: Sendable, Equatable {
    public var kind: LetterKind
    public var title: String
    /// Who it is addressed to (称谓), without the colon.
    public var recipient: String
    /// The body, one string per paragraph.
    public var paragraphs: [String]
    /// The letter's date: the legal date of the event it reports.
    public var date: LocalDate
    /// The agency that issues it (落款).
    public var signer: String

    public init(kind: LetterKind, title: String, recipient: String, paragraphs: [String], date: LocalDate, signer: String) {
        self.kind = kind
        self.title = title
        self.recipient = recipient
        self.paragraphs = paragraphs
        self.date = date
        self.signer = signer
    }

    /// The body as stored and edited: one paragraph per line.
    public var body: String { paragraphs.joined(separator: "\n") }
}
