/// What an office adds at the end of every letter of a kind (联系人、联系电话、地址…), edited by
/// an administrator. `{机关}` and `{案件编号}` are filled in from the case.
public struct LetterTemplate: Sendable, Equatable {
    public var kind: LetterKind
    public var closing: String

    public init(kind: LetterKind, closing: String) {
        self.kind = kind
        self.closing = closing
    }

    /// The draft with the closing paragraphs added (blank lines dropped).
    public func apply(to draft: LetterDraft, caseNumber: String) -> LetterDraft {
        var letter = draft
        let text = closing.replacing("{机关}", with: draft.signer).replacing("{案件编号}", with: caseNumber)
        letter.paragraphs += text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharactersInWhitespace() }.filter { !$0.isEmpty }
        return letter
    }
}
