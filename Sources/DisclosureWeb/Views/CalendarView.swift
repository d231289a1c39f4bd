/// calendar.mustache: 工作日历, the years in use and the form to paste a notice.
struct CalendarView {
    struct Year {
        let year: Int
        let days: Int
        /// The notice the year follows; empty for a year estimated from the statutory holidays.
        let notice: String
        let provisional: Bool
    }

    /// The 管理 sub-navigation: the calendar is one of its sections.
    let adminNav: [AdminNavLink]
    let notice: String?
    let error: String?
    /// What was pasted, kept when it is refused.
    let text: String
    let year: String
    let reminders: [String]
    let years: [Year]
}
