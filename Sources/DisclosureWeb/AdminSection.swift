/// The sections of 管理, each a page of its own (the single page of everything grew to 334 KB
/// and two seconds at a district's thousand users). Every section shows the same
/// sub-navigation, so that the way back and across is always in sight.
enum AdminSection: String, CaseIterable, Sendable {
    case overview, users, agencies, templates, words, calendar

    var path: String { self == .overview ? "/admin" : "/admin/" + rawValue }

    var label: String {
        switch self {
        case .overview: return "概览"
        case .users: return "用户"
        case .agencies: return "机关"
        case .templates: return "文书模板"
        case .words: return "案例库主题与同义词"
        case .calendar: return "工作日历"
        }
    }

    /// What the section is for, as the overview says it.
    var purpose: String {
        switch self {
        case .overview: return ""
        case .users: return "查找用户，添加承办人，重设密码，停用或启用账号。"
        case .agencies: return "各机关的简称、行政复议机关和案件编号格式。"
        case .templates: return "每种文书末尾加上的联系人、联系电话等内容。"
        case .words: return "案例库的主题和同义词（如“拆迁”与“征收”）。"
        case .calendar: return "各年度的节假日安排，导入国务院办公厅的通知。"
        }
    }

    /// The sub-navigation's links, the current one marked for the eye and for screen readers.
    static func navigation(current: AdminSection) -> [AdminNavLink] {
        allCases.map { .init(href: $0.path, label: $0.label, current: $0 == current) }
    }
}
