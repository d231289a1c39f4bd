import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 管理, for administrators: an overview with the reminders that need doing, and one page per
/// section — users (added as officers; roles and grants are the security administrator's,
/// SecurityPages), agencies, letter templates, the library's words — each with the same
/// sub-navigation (AdminSection); the working-day calendar is CalendarPages. A refused form
/// comes back as its section with what was typed and the reason beside the field, status 422.
struct AdminPages: Sendable {
    let pages: Pages
    let templates: LetterTemplateStore
    let library: LibraryStore

    /// Administrators only; anyone else signed in gets a 403, which the audit trail records.
    func register(on router: Router<AppRequestContext>) {
        let adminGroup = router.group("admin", context: SignedIn<Administrators>.self)
        adminGroup.get("") { request, context in await pages.respond { try await overview(context.identity, request) } }
        registerUsers(on: adminGroup)
        registerAgencies(on: adminGroup)
        registerTemplates(on: adminGroup)
        registerWords(on: adminGroup)
    }

    /// What a section says after a change (`?done=…`).
    static let notices = ["user": "已添加用户。", "password": "已重设密码，该用户的登录已全部退出，其接口令牌已全部作废。", "agency": "已保存机关设置。",
                          "active": "已更改用户状态。", "template": "已保存文书模板。",
                          "synonyms": "已更新同义词。", "topics": "已增加主题。"]

    /// The notice a redirect asked for, if it is one of ours.
    static func notice(_ request: Request) -> String {
        request.uri.queryParameters.get("done").flatMap { notices[$0] } ?? ""
    }

    /// A section's page: its template with the sub-navigation, the notice and the error.
    func section<Content>(_ section: AdminSection, _ content: Content, identity: Identity, notice: String = "", error: String = "",
                          status: HTTPResponse.Status = .ok) -> Response {
        let view = AdminSectionView(adminNav: AdminSection.navigation(current: section), sectionTitle: section.label,
                                    notice: notice.isEmpty ? nil : notice, error: error.isEmpty ? nil : error, content: content)
        return pages.page.render(section == .overview ? "admin" : "admin_" + section.rawValue, view: view, identity: identity, status: status)
    }

    /// The overview: the reminders and, per section, what it holds and what it is for. Small
    /// counts only: every list is on its own section.
    func overview(_ identity: Identity, _ request: Request) async throws -> Response {
        let calendar = try await pages.cases.calendars.calendar()
        let users = try await pages.directory.userPage(search: nil, page: 1, pageSize: 1).total
        let agencies = try await pages.agencies().count
        let closings = try await templates.templates().count
        let synonyms = try await library.synonyms().count, topics = try await library.topics().count
        let counts: [AdminSection: String] = [
            .users: "共\(users)个用户", .agencies: "共\(agencies)个机关", .templates: "\(closings)种文书已设定结尾（共\(LetterKind.allCases.count)种）",
            .words: "\(topics)个主题，\(synonyms)对同义词",
            .calendar: "已导入节假日安排通知至" + (calendar.knownYears.last.map { "\($0)年" } ?? "—"),
        ]
        return section(.overview, AdminOverviewView(
            calendarReminders: try await CalendarPages.reminders(calendar, today: pages.today(), cases: pages.cases),
            sections: AdminSection.allCases.filter { $0 != .overview }.map {
                .init(href: $0.path, label: $0.label, purpose: $0.purpose, count: counts[$0] ?? "")
            }), identity: identity, notice: Self.notice(request))
    }

    /// Agencies are named by code in the audit trail: ids mean nothing to an auditor.
    func agencyCode(_ id: Int64) async throws -> String {
        try await pages.directory.agency(id: id)?.code ?? String(id)
    }
}
