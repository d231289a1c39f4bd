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

/// 工作日历: the reminder, the notice pasted, checked as a month grid, then saved, and the
/// cases it moves recomputed; on 2026-11-29, when 2027's notice is not yet out.
@Suite struct CalendarPagesTests: PageTesting {
    /// A sample notice in the State Council's form (not the official 2027 arrangement); its
    /// 元旦 runs to Monday 4 January, which the provisional calendar counts as a working day.
    static let notice = """
        国务院办公厅关于2027年部分节假日安排的通知
        一、元旦：1月1日（周五）至4日（周一）放假调休，共4天。
        二、春节：2月5日（周五）至12日（周五）放假调休，共8天。2月13日（周六）、2月20日（周六）上班。
        三、清明节：4月3日（周六）至5日（周一）放假，共3天。
        四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）上班。
        五、端午节：6月9日（周三）放假，共1天。
        六、中秋节：9月15日（周三）放假，共1天。
        七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
        """

    @Test func anAdministratorPastesChecksAndImportsANotice() async throws {
        let s = try await PagesFixture.make("calendar-pages", users: ["admin", "zjj.officer"], today: "2026-11-29")
        let store = CaseStore(pool: s.pool, calendars: CalendarStore(pool: s.pool))
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        let intake = Intake(applicant: Applicant(kind: .naturalPerson, name: "张三", phone: "13800138000"), agencyID: housing.id, officerID: officer.id,
                            channel: .inPerson, arrivedOn: LocalDate(iso: "2026-11-27")!, subject: "申请公开旧城改造补偿方案", description: "说明",
                            registeredOn: LocalDate(iso: "2026-11-27")!)
        let registered = try await store.register(intake, by: officer.actor, today: LocalDate(iso: "2026-11-29")!, scope: .everything(reason: "tests see every agency"))
        var extended = try await store.append(CaseEvent(.requestExtension(ExtensionRequest(workingDays: 20, reason: "档案量大")), on: LocalDate(iso: "2026-11-28")!, by: officer.actor),
                                              to: registered.id, expectedVersion: 1, today: LocalDate(iso: "2026-11-29")!, scope: .everything(reason: "tests see every agency"))
        let supervisor = s.directory.supervisor(of: housing.id)!
        extended = try await store.append(CaseEvent(.approveExtension(Note()), on: LocalDate(iso: "2026-11-29")!, by: supervisor.actor),
                                          to: registered.id, expectedVersion: 2, today: LocalDate(iso: "2026-11-29")!, scope: .everything(reason: "tests see every agency"))
        // 40 working days after Friday 11-27: 24 to 12-31, then 2027 with only 元旦 off → 2027-01-25 on the provisional calendar.
        #expect(extended.snapshot.clock.due == LocalDate(iso: "2027-01-25")!)

        try await s.app.test(.router) { client in
            let admin = try await signIn(client, "admin")
            let page = try await client.execute(uri: "/admin/calendar", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(page.contains("尚未导入国务院办公厅关于2027年部分节假日安排的通知"))
            #expect(page.contains("有1件未办结案件的期限落在2026年12月29日以后"))
            #expect(page.contains("2027 <span class=\"status soon\">预计</span>"))
            let adminPage = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(adminPage.contains("尚未导入国务院办公厅关于2027年部分节假日安排的通知"))
            let token = try csrf(page)

            // A typo: refused naming the line, the text kept, nothing saved.
            let typo = Self.notice.replacingOccurrences(of: "至5日（周一）放假，共3天", with: "至5日（周一）放家，共3天")
            try await client.execute(uri: "/admin/calendar/preview", method: .post, headers: form(admin),
                                     body: ByteBuffer(string: "_csrf=\(token)&year=2027&text=\(encoded(typo))")) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("第4行无法识别"))
                #expect(html.contains("放家"))
            }
            // The 2026 notice pasted for 2027: refused naming the year.
            try await client.execute(uri: "/admin/calendar/preview", method: .post, headers: form(admin),
                                     body: ByteBuffer(string: "_csrf=\(token)&year=2028&text=\(encoded(Self.notice))")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("2027年的节假日安排通知"))
            }
            // The preview: the year's count and a month grid; nothing saved yet.
            let preview = try await client.execute(uri: "/admin/calendar/preview", method: .post, headers: form(admin),
                                                   body: ByteBuffer(string: "_csrf=\(token)&year=2027&text=\(encoded(Self.notice))")) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(preview.contains("2027年：全年247个工作日"))
            // February: 20 weekdays, 6 of them off, 2 Saturdays worked.
            #expect(preview.contains("<caption>2月（16个工作日）</caption>"))
            #expect(preview.contains("<td class=\"makeup\" title=\"调休上班\">13<small>班</small></td>"))
            #expect(preview.contains("<td class=\"holiday\" title=\"春节\">12<small>休</small></td>"))
            #expect(try await s.pool.query("SELECT count(*) FROM calendar_years").single().decode(Int.self, at: 0) == 0)
            // Saving without the preview's confirmation is refused.
            try await client.execute(uri: "/admin/calendar", method: .post, headers: form(admin),
                                     body: ByteBuffer(string: "_csrf=\(token)&year=2027&text=\(encoded(Self.notice))")) { response in
                #expect(response.status == .unprocessableContent)
            }
            let saved = try await client.execute(uri: "/admin/calendar", method: .post, headers: form(admin),
                                                 body: ByteBuffer(string: "_csrf=\(try csrf(preview))&confirm=1&year=2027&text=\(encoded(Self.notice))")) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(saved.contains("已导入：2027年"))
            #expect(saved.contains("其中1件的期限有变动"))
            #expect(!saved.contains("尚未导入国务院办公厅关于2027年"))

            // The officer sees the moved date on the dashboard; the case's history says so.
            let officerCookie = try await signIn(client, "zjj.officer")
            let dashboard = try await client.execute(uri: "/", method: .get, headers: [.cookie: officerCookie]) { String(buffer: $0.body) }
            #expect(dashboard.contains("期限因导入节假日安排而变动"))
            guard case .recomputeDeadlines(let entry)? = try await store.events(of: registered.id).last?.event.payload else {
                Issue.record("no recomputation in the history")
                return
            }
            #expect(entry.changes == [DeadlineChange(kind: .reply, from: LocalDate(iso: "2027-01-25")!, to: LocalDate(iso: "2027-01-26")!)])
            let casePage = try await client.execute(uri: "/cases/\(registered.id)", method: .get, headers: [.cookie: officerCookie]) { String(buffer: $0.body) }
            #expect(casePage.contains("期限重新计算") && casePage.contains("2027年1月26日"))
            #expect(!casePage.contains("预计"))
            #expect(try await store.verify().mismatches.map(\.problem) == [])
        }
    }
}
