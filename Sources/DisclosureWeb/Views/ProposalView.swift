/// proposal.mustache: 拟稿, first the proposal, then the letter drafted from it.
struct ProposalView {
    let facts: CaseFactsView
    let id: Int64
    let version: Int
    let on: String
    let onError: String?
    let summary: String?
    let allowed: Bool
    let returned: String?
    let fields: [EventFormView.FieldView]
    /// The letter's text once drafted (the second step).
    let letter: String?
    let hasLetter: Bool
    let regenerated: Bool
    let proposal: [CaseFactsView.Line]
    let hidden: [ConfirmView.Hidden]
}
