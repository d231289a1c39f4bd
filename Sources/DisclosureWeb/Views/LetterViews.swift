/// letters.mustache: a case's letters, and the kinds it can have now.
struct LettersView {
    struct Kind {
        let value: String
        let label: String
    }

    struct Row {
        let id: Int64
        let label: String
        /// nil while a draft: numbered when finalised.
        let letterNumber: String?
        let date: String
        let status: String
        let final: Bool
        let recipient: String
        let author: String
    }

    let id: Int64
    let number: String
    let subject: String
    let error: String?
    let canWrite: Bool
    let kinds: [Kind]
    let letters: [Row]
}

/// letter.mustache: one letter as it prints on A4, and its draft's editor.
struct LetterView {
    struct Provisional {
        let date: String
        let reason: String
    }

    let provisional: [Provisional]
    let id: Int64
    let caseID: Int64
    let caseNumber: String
    let label: String
    let title: String
    let number: String?
    let recipient: String
    let paragraphs: [String]
    let signer: String
    let date: String
    let final: Bool
    let status: String
    let body: String
    let canWrite: Bool
    let author: String
    let finaliser: String?
    let notice: String?
    let error: String?
}
