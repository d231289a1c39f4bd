import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 工作台, 案件列表 (and its CSV), 登记申请, 案件 and the event forms. Every change goes through
/// `CaseStore`, i.e. the same lifecycle function as the API.
struct CasePages: Sendable {
    let pages: Pages
    let documents: DocumentStore
    let files: ReleasedFileStore

    func register(on router: Router<AppRequestContext>) {
        let casesGroup = router.group("cases", context: SignedIn<Anyone>.self)
        let signedIn = router.group(context: SignedIn<Anyone>.self)
        signedIn.get("/") { request, context in await pages.respond { try await dashboard(context.identity) } }
        signedIn.post("notices/:id/read") { request, context in
            await pages.respond {
                guard let id = context.parameters.get("id", as: Int64.self) else { return Page.redirect("/") }
                try await pages.notifications.markRead(id, by: context.identity.user.id)
                return Page.redirect("/")
            }
        }
        casesGroup.get("") { request, context in await pages.respond { try await list(request, context.identity) } }
        signedIn.get("cases.csv") { request, context in await pages.respond { try await csv(request, context.identity) } }
        casesGroup.get("new") { request, context in
            await pages.respond { try await intakeForm(context.identity, values: [:], errors: [:], summary: nil) }
        }
        casesGroup.post("new") { request, context in await pages.respond { try await intake(context.identity, context) } }
        casesGroup.get(":id") { request, context in
            await pages.respond { try await show(context.identity, id: try id(context), notice: request.uri.queryParameters.get("done")) }
        }
        casesGroup.get(":id/events/:kind") { request, context in
            await pages.respond {
                let identity = context.identity
                let kind = try kind(context)
                // The proposal and the sign-off travel with their letter, on pages of their own.
                if let page = CaseActions.ownPage(kind) { return Page.redirect("/cases/\(try id(context))/\(page)") }
                return try await eventForm(identity, id: try id(context), kind: kind, values: [:], errors: [:], summary: nil)
            }
        }
        casesGroup.post(":id/events/:kind") { request, context in
            await pages.respond { try await record(context.identity, context, id: try id(context), kind: try kind(context)) }
        }
    }

    func id(_ context: some PageRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw CaseStoreError.caseNotFound(0) }
        return id
    }

    func kind(_ context: some PageRequestContext) throws -> EventKind {
        guard let kind = context.parameters.get("kind").flatMap(EventKind.init(rawValue:)), kind != .register, !kind.isRecordedBySystem else {
            throw CaseStoreError.caseNotFound(0)
        }
        return kind
    }

    // MARK: Lists

    /// Rows of a case list: the earliest date owed, how it stands today (剩余N个工作日, 明天到期,
    /// 已逾期) and whether it is 预计.
    func rows(_ cases: [CaseSummary], names: [Int64: String], today: LocalDate) -> [CaseRow] {
        cases.map { c in
            let due = c.due(on: today)
            return CaseRow(id: c.id, number: c.caseNumber, subject: c.subject, state: c.state.label,
                           pendingExtension: c.extensionRequestedDays.map { "申请延长\($0)个工作日" },
                           agency: names[c.agencyID] ?? "", kind: c.applicantKind.label, received: Show.date(c.receivedOn),
                           due: c.state.isOpen ? Show.date(c.nextDue) : "", urgency: due?.urgency.rawValue ?? "none",
                           urgencyWord: due?.chinese, provisional: due?.provisional?.reason,
                           disposition: c.disposition?.shortLabel ?? c.proposedDisposition.map { "拟：\($0.shortLabel)" } ?? "")
        }
    }

    /// A titled list of cases, earliest due first, for the dashboard and the review queue.
    struct Sections {
        let pages: Pages
        let cases: CasePages
        let identity: Identity
        let today: LocalDate
        let names: [Int64: String]
        let pageSize: Int

        func callAsFunction(_ title: String, _ configure: (inout CaseFilter) -> Void) async throws -> CaseSection {
            var filter = CaseFilter()
            filter.sort = .due
            filter.descending = false
            filter.pageSize = pageSize
            configure(&filter)
            let page = try await pages.reads.read(for: identity.user.id) { try await pages.cases.list(filter, today: today, scope: identity.viewer.scope, on: $0) }
            return CaseSection(title: title, total: page.total, rows: CaseTable(rows: cases.rows(page.cases, names: names, today: today)))
        }
    }

    func sections(_ identity: Identity, pageSize: Int) async throws -> Sections {
        Sections(pages: pages, cases: self, identity: identity, today: pages.today(), names: try await pages.agencyNames(), pageSize: pageSize)
    }

    /// How long after a calendar import its moved dates stay on the officer's dashboard.
    static let movedShownForDays = 30

    func dashboard(_ identity: Identity) async throws -> Response {
        let today = pages.today()
        let section = try await sections(identity, pageSize: 20)
        let open: [CaseState] = CaseState.allCases.filter(\.isOpen)
        let sections = [
            try await section("我承办的未结案件") { $0.officerID = identity.user.id; $0.states = open },
            try await section("已逾期") { $0.overdue = true },
            try await section("3个工作日内到期") { $0.dueWithinWorkingDays = 3 },
            try await section("等待申请人补正") { $0.states = [.awaitingCorrection] },
            try await section("征求意见中") { $0.states = [.consulting] },
            try await section("等待缴费") { $0.states = [.awaitingFee] },
            try await section("被退回修改") { $0.returnedForRevision = true },
            try await section("已签发待发出") { $0.officerID = identity.user.id; $0.states = [.toIssue] },
        ]
        let counts = try await pages.cases.openStateCounts(scope: identity.viewer.scope)
        let moved = try await pages.cases.movedDeadlines(officer: identity.user.id, since: today.adding(days: -Self.movedShownForDays))
        let notices = try await pages.notifications.unread(for: identity.user.id)
        let waiting = try await pages.portal.unconfirmedCount(scope: identity.viewer.scope)
        return pages.page.render("dashboard", view: DashboardView(
            today: Show.date(today),
            notices: notices.map { .init(id: $0.id, text: $0.text, link: $0.link, at: Show.chinaTime($0.createdAt)) }, hasNotices: !notices.isEmpty,
            unconfirmedSubmissions: waiting, sections: sections, hasMoved: !moved.isEmpty,
            moved: moved.map { m in
                DashboardView.Moved(id: m.caseID, number: m.caseNumber, subject: m.subject, on: Show.date(m.recordedOn), earlier: m.isEarlier,
                                    changes: m.recomputation.changes.map { c in
                                        .init(label: c.kind.label, from: Show.date(c.from), to: Show.date(c.to),
                                              direction: c.isEarlier ? "提前" : (c.from == nil || c.to == nil) ? "变动" : "推后")
                                    })
            },
            counts: open.map { .init(state: $0.label, code: $0.rawValue, count: counts[$0] ?? 0) }
        ), identity: identity)
    }

    func list(_ request: Request, _ identity: Identity) async throws -> Response {
        let today = pages.today()
        let query = request.uri.queryParameters
        var filter: CaseFilter
        var problems: [String] = []
        do { filter = try CaseFilterQuery.parse(query) } catch let error as APIError {
            filter = CaseFilter()
            problems = error.problems?.map(\.chinese) ?? [error.message]
        }
        let page = try await pages.reads.read(for: identity.user.id) { try await pages.cases.list(filter, today: today, scope: identity.viewer.scope, on: $0) }
        let names = try await pages.agencyNames()
        let agencies = try await pages.agencies().filter { identity.viewer.sees(agency: $0.id) }
        let queryString = request.uri.query ?? ""
        func link(page n: Int) -> String {
            var items = queryString.split(separator: "&").map(String.init).filter { !$0.hasPrefix("page=") }
            items.append("page=\(n)")
            return "/cases?" + items.joined(separator: "&")
        }
        let pagesCount = max(1, (page.total + page.pageSize - 1) / page.pageSize)
        return pages.page.render("cases", view: CasesView(
            problems: problems.isEmpty ? nil : problems.joined(separator: "；"), total: page.total, page: page.page, pages: pagesCount,
            previous: page.page > 1 ? link(page: page.page - 1) : nil, next: page.page < pagesCount ? link(page: page.page + 1) : nil,
            csv: "/cases.csv" + (queryString.isEmpty ? "" : "?" + queryString),
            rows: CaseTable(rows: rows(page.cases, names: names, today: today)),
            q: query.get("q") ?? "", overdue: filter.overdue, dueWithin: filter.dueWithinWorkingDays.map(String.init) ?? "",
            receivedFrom: filter.receivedFrom?.description ?? "", receivedTo: filter.receivedTo?.description ?? "",
            states: SelectOptions(options: SelectOption.all(CaseState.self, label: \.label) { filter.states.contains($0) }),
            agencies: SelectOptions(options: agencies.map { SelectOption(value: String($0.id), label: $0.name, selected: filter.agencyIDs.contains($0.id)) }),
            kinds: SelectOptions(options: SelectOption.all(ApplicantKind.self, label: \.label) { filter.applicantKind == $0 }),
            dispositions: SelectOptions(options: SelectOption.all(Disposition.self, label: \.shortLabel) { filter.disposition == $0 }),
            channels: SelectOptions(options: SelectOption.all(Channel.self, label: \.label) { filter.channel == $0 }),
            topics: SelectOptions(options: CaseFilterQuery.topics.map { SelectOption(value: $0, label: $0, selected: filter.topic == $0) }),
            disposedFrom: filter.disposedFrom?.description ?? "", disposedTo: filter.disposedTo?.description ?? "",
            repliedLate: filter.repliedLate
        ), identity: identity)
    }

    /// The filtered list as CSV, UTF-8 with a byte-order mark so that Excel reads the Chinese.
    func csv(_ request: Request, _ identity: Identity) async throws -> Response {
        var filter = try CaseFilterQuery.parse(request.uri.queryParameters)
        filter.pageSize = CaseFilter.maxPageSize
        filter.page = 1
        let today = pages.today()
        let names = try await pages.agencyNames()
        var lines = ["案件编号,状态,机关,申请人类型,渠道,申请内容,收到申请之日,答复期限,最近期限,期限情况,办理结果,办结日期,是否逾期答复"]
        while true {
            let page = try await pages.reads.read(for: identity.user.id) { try await pages.cases.list(filter, today: today, scope: identity.viewer.scope, on: $0) }
            for c in page.cases {
                lines.append(CSVWriter.line([c.caseNumber, c.state.label, names[c.agencyID] ?? "", c.applicantKind.label, c.channel.label, c.subject,
                              c.receivedOn.description, c.replyDue?.description ?? "", c.state.isOpen ? c.nextDue?.description ?? "" : "",
                              c.due(on: today)?.chinese ?? "", c.disposition?.shortLabel ?? "",
                              c.disposedOn?.description ?? "", c.repliedLate ? "是" : "否"]))
            }
            if page.page * page.pageSize >= page.total || page.cases.isEmpty { break }
            filter.page += 1
        }
        try await pages.audit.record(.export, by: identity.user, subject: "cases.csv",
                                     detail: ["rows": String(lines.count - 1), "query": request.uri.query ?? ""])
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"cases-\(today).csv\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
