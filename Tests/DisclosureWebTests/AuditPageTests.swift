import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import PostgresTestSupport
import Testing

/// The 审计 page (auditors only) and the entries the web application adds to the trail:
/// refused requests, exports, full identity numbers shown, and administrators' changes.
@Suite struct AuditPageTests: PageTesting {
    func setup(_ label: String) async throws -> PagesFixture {
        try await PagesFixture.make(label, users: ["zjj.officer", "zjj.officer2", "zjj.supervisor", "admin", "auditor", "security"])
    }

    /// The trail's entries of one kind, oldest first.
    func entries(_ s: PagesFixture, _ kind: AuditKind) async throws -> [AuditEntry] {
        var filter = AuditFilter()
        filter.kind = kind
        filter.pageSize = AuditFilter.maxPageSize
        return try await AuditStore(pool: s.pool).entries(filter).entries.reversed()
    }

    /// A case of 住建局 whose applicant gave an identity number, handled by zjj.officer.
    func caseWithIdentityNumber(_ s: PagesFixture) async throws -> CaseStore.Record {
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        let day = LocalDate(iso: "2024-09-02")!
        return try await CaseStore(pool: s.pool, calendars: CalendarStore(pool: s.pool)).register(
            Intake(applicant: Applicant(kind: .naturalPerson, name: "张三", idType: "身份证", idNumber: "370103198001011233", phone: "13800138000"),
                   agencyID: housing.id, officerID: officer.id, channel: .inPerson, arrivedOn: day,
                   subject: "申请公开经七路拆迁补偿方案", description: "说明", registeredOn: day),
            by: officer.actor, today: LocalDate(iso: "2024-09-20")!, scope: .everything(reason: "tests see every agency"))
    }

    @Test func onlyTheAuditorReadsTheTrailAndRefusalsAreRecorded() async throws {
        let s = try await setup("audit-page")
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            try await client.execute(uri: "/audit?kind=export", method: .get, headers: [.cookie: officer]) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("审计日志仅供审计员查阅"))
            }
            // Not signed in: the sign-in page, and nobody to record.
            try await client.execute(uri: "/audit", method: .get) { #expect($0.status == .seeOther) }
            let denied = try await entries(s, .permissionDenied)
            #expect(denied.count == 1)
            #expect(denied.first?.actorUsername == "zjj.officer" && denied.first?.subject == "/audit" && denied.first?.detail["method"] == "GET")

            let auditor = try await signIn(client, "auditor")
            let page = try await client.execute(uri: "/audit", method: .get, headers: [.cookie: auditor]) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(page.contains("<a href=\"/audit\">审计</a>"))
            #expect(page.contains("越权访问被拒绝") && page.contains("<td>/audit</td>") && page.contains("请求方法：GET"))
            let officerPage = try await client.execute(uri: "/", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(!officerPage.contains("href=\"/audit\""))
            // Each view of the trail is itself an entry.
            #expect(try await entries(s, .auditViewed).map(\.actorUsername) == ["auditor"])
        }
    }

    @Test func theAuditorFiltersAndPages() async throws {
        let s = try await setup("audit-filters")
        let audit = AuditStore(pool: s.pool)
        for i in 0..<60 { try await audit.record(.export, by: AuditActor(userID: nil, username: "u\(i % 3)"), subject: "cases.csv") }
        try await audit.record(.signInFailed, by: .typed("mallory"), subject: "mallory", client: "203.0.113.9")
        try await s.app.test(.router) { client in
            let auditor = try await signIn(client, "auditor")
            func page(_ query: String) async throws -> String {
                try await client.execute(uri: "/audit?" + query, method: .get, headers: [.cookie: auditor]) { String(buffer: $0.body) }
            }
            let failed = try await page("kind=sign_in_failed&user=mallory&from=2020-01-01&to=2100-12-31")
            #expect(failed.contains("共 1 条") && failed.contains("<td>mallory</td>") && failed.contains("203.0.113.9"))
            let exports = try await page("kind=export&user=u1&subject=cases.csv")
            #expect(exports.contains("共 20 条，第 1 / 1 页"))
            let all = try await page("kind=export&page=2")
            #expect(all.contains("共 60 条，第 2 / 2 页") && all.contains("href=\"/audit?kind=export&amp;page=1\""))
            #expect(all.contains("<tr><td>10</td>"))
            let bad = try await page("kind=nothing&from=2024-13-01&page=0")
            #expect(bad.contains("筛选条件有误") && bad.contains("没有“nothing”这种事件") && bad.contains("页码应为1至10000"))
            let nothing = try await page("from=2100-01-01")
            #expect(nothing.contains("没有符合条件的记录"))
        }
    }

    @Test func exportsAndFullIdentityNumbersAreRecorded() async throws {
        let s = try await setup("audit-views")
        let record = try await caseWithIdentityNumber(s)
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            try await client.execute(uri: "/cases/\(record.id)", method: .get, headers: [.cookie: officer]) { response in
                #expect(String(buffer: response.body).contains("370103198001011233"))
            }
            try await client.execute(uri: "/api/v1/cases/\(record.id)", method: .get, headers: [.cookie: officer]) { #expect($0.status == .ok) }
            // A colleague who does not handle the case sees the number masked: nothing to record.
            let colleague = try await signIn(client, "zjj.officer2")
            try await client.execute(uri: "/cases/\(record.id)", method: .get, headers: [.cookie: colleague]) { response in
                #expect(!String(buffer: response.body).contains("370103198001011233"))
            }
            let views = try await entries(s, .identityNumberViewed)
            #expect(views.map(\.detail["via"]) == ["page", "api"])
            #expect(views.allSatisfy { $0.actorUsername == "zjj.officer" && $0.subject == record.caseNumber && $0.detail["caseID"] == String(record.id) })

            try await client.execute(uri: "/cases.csv?state=registered", method: .get, headers: [.cookie: officer]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/reports.csv?year=2024", method: .get, headers: [.cookie: officer]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/reports.json?year=2024", method: .get, headers: [.cookie: officer]) { #expect($0.status == .ok) }
            let exports = try await entries(s, .export)
            #expect(exports.map(\.subject) == ["cases.csv", "annual-report-2024.csv", "annual-report-2024.json"])
            #expect(exports[0].detail["rows"] == "1" && exports[0].detail["query"] == "state=registered")
            #expect(exports[1].detail["scope"] == "szq-zjj")
        }
    }

    @Test func administratorsChangesAreRecorded() async throws {
        let s = try await setup("audit-admin")
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let street = s.directory.agencies.first { $0.code == "szq-qls" }!
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            try await client.execute(uri: "/admin", method: .get, headers: [.cookie: officer]) { #expect($0.status == .forbidden) }
            let admin = try await signIn(client, "admin")
            let token = try csrf(try await client.execute(uri: "/admin", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) })
            try await client.execute(uri: "/admin/users", method: .post, headers: form(admin),
                                     body: ByteBuffer(string: "_csrf=\(token)&username=new.officer&name=%E5%88%98%E6%B4%8B&role=officer&agencyID=\(housing.id)&password=quiet-river-lantern-42")) {
                #expect($0.status == .seeOther)
            }
            let added = try #require(try await DirectoryStore(pool: s.pool).user(username: "new.officer"))
            for body in ["action=password&password=another-long-password", "action=deactivate"] {
                try await client.execute(uri: "/admin/users/\(added.id)", method: .post, headers: form(admin), body: ByteBuffer(string: "_csrf=\(token)&" + body)) {
                    #expect($0.status == .seeOther)
                }
            }
            try await client.execute(uri: "/admin/agencies/\(housing.id)", method: .post, headers: form(admin),
                                     body: ByteBuffer(string: "_csrf=\(token)&shortName=%E4%BD%8F%E5%BB%BA%E5%B1%80&body=y&format=%7Bshort%7D%7Bseq%7D")) {
                #expect($0.status == .seeOther)
            }
            // Roles and grants are the security administrator's (三员分立), recorded under their name.
            let security = try await signIn(client, "security")
            let securityToken = try csrf(try await client.execute(uri: "/security", method: .get, headers: [.cookie: security]) { String(buffer: $0.body) })
            for body in ["action=role&role=supervisor", "action=assign&agencyID=\(street.id)", "action=unassign&agencyID=\(street.id)"] {
                try await client.execute(uri: "/security/users/\(added.id)", method: .post, headers: form(security), body: ByteBuffer(string: "_csrf=\(securityToken)&" + body)) {
                    #expect($0.status == .seeOther)
                }
            }
            // (The pool stops with the application: the checks run inside.)
            let stored = try #require(try await DirectoryStore(pool: s.pool).allUsers().first { $0.user.username == "new.officer" })
            #expect(stored.user.role == .supervisor && stored.active == false)
            var filter = AuditFilter()
            filter.username = "admin"
            let trail = try await AuditStore(pool: s.pool).entries(filter).entries.reversed().filter { $0.kind != .caseEvent && $0.kind != .signIn }
            #expect(trail.map(\.kind) == [.userAdded, .passwordReset, .userDeactivated, .agencyChanged])
            #expect(trail.dropLast().allSatisfy { $0.subject == "new.officer" })
            #expect(trail.last?.subject == "szq-zjj")
            filter.username = "security"
            let grants = try await AuditStore(pool: s.pool).entries(filter).entries.reversed().filter { [.roleChanged, .agencyAssigned, .agencyUnassigned].contains($0.kind) }
            #expect(grants.map(\.kind) == [.roleChanged, .agencyAssigned, .agencyUnassigned])
            #expect(grants.allSatisfy { $0.subject == "new.officer" })
            #expect(grants.first?.detail == ["userID": String(stored.user.id), "from": "officer", "to": "supervisor"])
            #expect(grants.dropFirst().allSatisfy { $0.detail["agency"] == "szq-qls" })
            #expect(try await entries(s, .permissionDenied).map(\.subject) == ["/admin"])
        }
    }
}
