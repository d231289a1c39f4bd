/// cases.mustache: 案件列表, the filters and one page of the cases they find.
struct CasesView {
    /// The filters that could not be read, in one sentence; nil when all could.
    let problems: String?
    let total: Int
    let page: Int
    let pages: Int
    let previous: String?
    let next: String?
    /// The same filters as a CSV download.
    let csv: String
    let rows: CaseTable
    let q: String
    let overdue: Bool
    let dueWithin: String
    let receivedFrom: String
    let receivedTo: String
    let states: SelectOptions
    let agencies: SelectOptions
    let kinds: SelectOptions
    let dispositions: SelectOptions
    /// The filters a statistics link may carry, shown so that they can be seen and changed.
    let channels: SelectOptions
    let topics: SelectOptions
    let disposedFrom: String
    let disposedTo: String
    let repliedLate: Bool
}
