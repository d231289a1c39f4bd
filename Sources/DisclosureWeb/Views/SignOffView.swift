/// signoff.mustache: 核稿 and 签发, the letter beside the case and the proposal.
struct SignOffView {
    let facts: CaseFactsView
    let id: Int64
    let version: Int
    let proposal: [CaseFactsView.Line]
    let submitted: String?
    let hasLetter: Bool
    let letterTitle: String?
    let recipient: String?
    let letterNumber: String?
    let body: String
    let note: String
    let canDecide: Bool
    let stateNote: String?
    let notice: String?
    let error: String?
}
