import DisclosureCore
import DisclosureStore

/// case_facts.mustache: the case beside what is approved or proposed (CaseFacts).
struct CaseFactsView {
    struct Line {
        let label: String
        let value: String
    }

    let id: Int64
    let number: String
    let subject: String
    let description: String
    let state: String
    let officer: String
    let applicant: String
    let kind: String
    let channel: String
    let received: String
    let formWanted: String
    let deliveryWanted: String
    let replyDue: String
    let urgency: String
    let urgencyWord: String?
    let clock: String
    let pending: [String]
}
