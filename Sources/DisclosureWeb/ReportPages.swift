import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 年度报告: tables 三 and 四 for a year, for the user's agency or (for those who see every
/// agency) the district; the checks; drill-down to the cases behind each number; CSV and JSON;
/// and locking a published year (supervisors).
struct ReportPages: Sendable {
    let pages: Pages
    let reports: ReportStore

    func register(on router: Router<AppRequestContext>) {
        let reportsGroup = router.group("reports", context: SignedIn<Anyone>.self)
        let signedIn = router.group(context: SignedIn<Anyone>.self)
        reportsGroup.get("") { request, context in await pages.respond { try await show(request, context.identity) } }
        signedIn.get("reports.csv") { request, context in
            await pages.respond {
                let identity = context.identity
                let report = try await load(request, identity)
                try await recordExport(report, format: "csv", by: identity)
                return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                       .contentDisposition: "attachment; filename=\"annual-report-\(report.year).csv\""],
                                body: .init(byteBuffer: ByteBuffer(bytes: ReportDocument.csv(report))))
            }
        }
        signedIn.get("reports.json") { request, context in
            await pages.respond {
                let identity = context.identity
                let report = try await load(request, identity)
                try await recordExport(report, format: "json", by: identity)
                return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(data: ReportDocument.json(report))))
            }
        }
        reportsGroup.post("lock") { request, context in await pages.respond { try await lock(request, context.identity, context) } }
    }

    /// Every download of the tables is an export for the audit trail: which year, whose figures.
    func recordExport(_ report: AnnualReport, format: String, by identity: Identity) async throws {
        try await pages.audit.record(.export, by: identity.user, subject: "annual-report-\(report.year).\(format)",
                                     detail: ["year": String(report.year), "scope": report.agency?.code ?? "district", "format": format])
    }

    /// The year asked for (default: last year) and the scope the user may see: from the hot
    /// standby when there is one, except for locking (`form`), which publishes what the primary holds.
    func load(_ request: Request, _ identity: Identity, form: FormData? = nil) async throws -> AnnualReport {
        let query = request.uri.queryParameters
        let year = (form?["year"] ?? query.get("year")).flatMap { Int($0) }.flatMap { (2000...2100).contains($0) ? $0 : nil } ?? pages.today().year - 1
        let code = form?["agency"] ?? query.get("agency")
        let agencies = try await pages.agencies()
        var agency = code.flatMap { c in agencies.first { $0.code == c } }
        if agency == nil, !identity.viewer.seesAll { agency = agencies.first { $0.id == identity.user.agencyID } }
        if let chosen = agency, !identity.viewer.sees(agency: chosen.id) { agency = agencies.first { $0.id == identity.user.agencyID } }
        if form != nil { return try await reports.report(year: year, agency: agency) }
        return try await pages.reads.read(for: identity.user.id) { [agency] in try await ReportStore(pool: $0).report(year: year, agency: agency) }
    }

    func show(_ request: Request, _ identity: Identity) async throws -> Response {
        let report = try await load(request, identity)
        let agencies = try await pages.agencies().filter { identity.viewer.sees(agency: $0.id) }
        let scope = report.agency.map { "agency=\($0.code)&" } ?? ""
        let agencyFilter = report.agency.map { "agency=\($0.id)&" } ?? ""
        let tables = ReportDocument.tablesHTML(report) { row, kind in
            "/cases?\(agencyFilter)reportYear=\(report.year)&reportRow=\(row.code)&reportColumn=\(kind?.rawValue ?? "total")&pageSize=100"
        }
        let failing = report.checks.filter { !$0.passed }
        return pages.page.render("report", view: ReportView(
            year: report.year, scope: report.scopeName, tables: tables,
            years: (2019...pages.today().year).reversed().map { SelectOption(value: String($0), label: String($0), selected: $0 == report.year) },
            agencies: agencies.map { SelectOption(value: $0.code, label: $0.name, selected: $0.id == report.agency?.id) },
            district: identity.viewer.seesAll,
            checksPassed: failing.isEmpty, checkCount: report.checks.count,
            failing: failing.map { .init(message: $0.message, warning: $0.warningOnly) },
            csv: "/reports.csv?\(scope)year=\(report.year)", json: "/reports.json?\(scope)year=\(report.year)",
            agencyCode: report.agency?.code ?? "",
            locked: report.lock.map { "已于\(ISO8601DateFormatter().string(from: $0.lockedAt).prefix(10))由\($0.lockedBy)锁定发布" + ($0.flaggedEvents > 0 ? "；此后有\($0.flaggedEvents)项办理记录改变了本年度数字，表中同时列出已发布数字。" : "。") },
            canLock: identity.user.role == .supervisor && report.lock == nil && report.publishable
        ), identity: identity)
    }

    func lock(_ request: Request, _ identity: Identity, _ context: some PageRequestContext) async throws -> Response {
        guard identity.user.role == .supervisor else { return Page.message(status: .forbidden, title: "无权操作", text: "只有审核人可以锁定年度报表。") }
        let form = context.form ?? FormData("")
        let report = try await load(request, identity, form: form)
        let location = "/reports?" + (report.agency.map { "agency=\($0.code)&" } ?? "") + "year=\(report.year)"
        // Locking publishes the year's figures: it is confirmed first.
        guard form["confirm"] == "yes" else {
            let whose = report.agency?.name ?? "全区"
            return pages.confirmation(identity, heading: "锁定发布\(report.year)年度报表", verb: "锁定",
                                      text: "锁定后，\(whose)\(report.year)年度报表即作为已发布的数字，不能解锁；此后改变这些数字的办理记录会被标出。",
                                      action: "/reports/lock", back: location,
                                      fields: [("year", String(report.year))] + (report.agency.map { [("agency", $0.code)] } ?? []))
        }
        do {
            try await reports.lockYear(report, by: identity.user)
        } catch let error as ReportError {
            return Page.message(status: .unprocessableContent, title: "未能锁定", text: error.chineseDescription)
        }
        return Page.redirect(location)
    }
}
