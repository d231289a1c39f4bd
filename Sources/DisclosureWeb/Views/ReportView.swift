/// report.mustache: 年度报告, tables 三 and 四 for a year and scope, with the checks and the lock.
struct ReportView {
    struct Check {
        let message: String
        /// A warning does not stop publishing; a failure does.
        let warning: Bool
    }

    let year: Int
    let scope: String
    /// The tables' HTML, built and escaped by ReportDocument.
    let tables: String
    let years: [SelectOption]
    let agencies: [SelectOption]
    /// May choose the whole district (全区合计).
    let district: Bool
    let checksPassed: Bool
    let checkCount: Int
    let failing: [Check]
    let csv: String
    let json: String
    let agencyCode: String
    /// When and by whom the year was locked; nil while it is not.
    let locked: String?
    let canLock: Bool
}
