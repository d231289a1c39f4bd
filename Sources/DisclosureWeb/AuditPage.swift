import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 审计: the audit trail for the auditor (审计员), newest first, filtered by kind, username,
/// days and subject, paged. Read only: nothing here, nor anywhere, edits the trail. Every view
/// is itself recorded.
struct AuditPage: Sendable {
    let pages: Pages
    let store: AuditStore

    func register(on router: Router<AppRequestContext>) {
        let auditGroup = router.group("audit", context: SignedIn<Auditors>.self)
        auditGroup.get("") { request, context in
            await pages.respond { try await render(request, context.identity) }
        }
    }

    /// The filters from the query string; a value that cannot be read is named, never ignored.
    static func filter(_ query: Parameters) -> (AuditFilter, [String]) {
        var filter = AuditFilter()
        var problems: [String] = []
        func text(_ name: String, limit: Int) -> String? {
            guard let value = query.get(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            guard value.unicodeScalars.count <= limit else { problems.append("「\(name)」过长（最多\(limit)个字符）"); return nil }
            return value
        }
        func date(_ name: String) -> LocalDate? {
            guard let value = text(name, limit: 20) else { return nil }
            switch LocalDate.input(value) {
            case .success(let day): return day
            case .failure(let problem): problems.append("「\(name)」\(problem.chineseDescription)"); return nil
            }
        }
        if let code = text("kind", limit: 40) {
            if let kind = AuditKind(rawValue: code) { filter.kind = kind } else { problems.append("没有“\(code)”这种事件") }
        }
        filter.username = text("user", limit: 100)
        filter.subject = text("subject", limit: 300)
        filter.from = date("from")
        filter.to = date("to")
        if let page = text("page", limit: 10) {
            if let n = Int(page), (1...AuditFilter.maxPage).contains(n) { filter.page = n } else { problems.append("页码应为1至\(AuditFilter.maxPage)") }
        }
        return (filter, problems)
    }

    func render(_ request: Request, _ identity: Identity) async throws -> Response {
        let (filter, problems) = Self.filter(request.uri.queryParameters)
        let page = try await store.entries(filter)
        try await pages.audit.record(.auditViewed, by: identity.user, subject: nil, detail: Self.described(filter))
        let pagesCount = max(1, (page.total + page.pageSize - 1) / page.pageSize)
        func link(_ n: Int) -> String {
            var items = (request.uri.query ?? "").split(separator: "&").map(String.init).filter { !$0.hasPrefix("page=") }
            items.append("page=\(n)")
            return "/audit?" + items.joined(separator: "&")
        }
        return pages.page.render("audit", view: AuditView(
            problems: problems.isEmpty ? nil : problems.joined(separator: "；"),
            total: page.totalIsCapped ? "\(page.total)以上" : String(page.total), page: page.page, pages: pagesCount,
            previous: page.page > 1 ? link(page.page - 1) : nil, next: page.page < pagesCount ? link(page.page + 1) : nil,
            kinds: SelectOption.all(AuditKind.self, label: \.label) { filter.kind == $0 },
            user: filter.username ?? "", subject: filter.subject ?? "",
            from: filter.from?.description ?? "", to: filter.to?.description ?? "",
            entries: page.entries.map { e in
                .init(id: e.id, at: Self.chinaTime(e.at), user: e.actorUsername ?? "—", kind: e.label, code: e.code,
                      subject: e.subject ?? "", detail: Self.detail(e.detail), client: e.client ?? "")
            }
        ), identity: identity)
    }

    /// The filters as the auditor's own entry records them.
    static func described(_ filter: AuditFilter) -> [String: String] {
        var detail = ["page": String(filter.page)]
        detail["kind"] = filter.kind?.rawValue
        detail["user"] = filter.username
        detail["subject"] = filter.subject
        detail["from"] = filter.from?.description
        detail["to"] = filter.to?.description
        return detail
    }

    /// `2024年9月20日 15:30:05`, in China's time.
    static func chinaTime(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let day = ChinaToday.now(instant)
        let secondOfDay = ((seconds + 8 * 3_600) % 86_400 + 86_400) % 86_400
        return day.chineseDay + String(format: " %02d:%02d:%02d", secondOfDay / 3_600, secondOfDay / 60 % 60, secondOfDay % 60)
    }

    static let detailLabels = ["caseID": "案件ID", "seq": "序号", "event": "办理事项", "on": "日期", "role": "角色",
                               "payloadSHA256": "记录摘要", "method": "请求方法", "rows": "行数", "query": "筛选条件", "year": "年度",
                               "scope": "范围", "format": "格式", "via": "途径", "userID": "用户ID", "agency": "机关", "from": "原", "to": "新",
                               "idType": "证件类型", "reason": "原因", "page": "页码", "kind": "事件", "user": "用户", "subject": "对象"]

    /// One line: known keys in Chinese, event and role codes by their labels.
    static func detail(_ detail: [String: String]) -> String {
        detail.keys.sorted().map { key in
            let value = detail[key]!
            let shown = key == "event" ? EventKind(rawValue: value)?.label ?? value
                : key == "role" ? Role(rawValue: value)?.label ?? value : value
            return "\(detailLabels[key] ?? key)：\(shown)"
        }.joined(separator: "；")
    }
}
