/// One line of a case list (CaseTable), and a titled list of them.
struct CaseRow {
    let id: Int64
    let number: String
    let subject: String
    let state: String
    /// An extension request waiting for a decision: 申请延长N个工作日.
    let pendingExtension: String?
    let agency: String
    let kind: String
    let received: String
    let due: String
    let urgency: String
    /// 剩余N个工作日, 明天到期, 已逾期; nil once replied.
    let urgencyWord: String?
    let provisional: String?
    /// The outcome, or the one proposed for sign-off (拟：…).
    let disposition: String
}

struct CaseSection {
    let title: String
    let total: Int
    let rows: CaseTable
}

