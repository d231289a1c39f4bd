/// audit.mustache: 审计, one page of the audit trail and the filters that chose it.
struct AuditView {
    struct Entry {
        let id: Int64
        let at: String
        let user: String
        let kind: String
        let code: String
        let subject: String
        let detail: String
        let client: String
    }

    /// The filters that could not be read, in one sentence; nil when all could.
    let problems: String?
    let total: String
    let page: Int
    let pages: Int
    let previous: String?
    let next: String?
    let kinds: [SelectOption]
    let user: String
    let subject: String
    let from: String
    let to: String
    let entries: [Entry]
}
