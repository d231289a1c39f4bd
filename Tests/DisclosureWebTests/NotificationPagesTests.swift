import DisclosureCore
import DisclosureStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Testing

@testable import DisclosureWeb

/// Where officers meet notifications: the reminder address on their profile, and on the case
/// page what the applicant was told and whether it reached them.
@Suite struct NotificationPagesTests: PageTesting {
    @Test func anOfficerSetsWhereTheMorningReminderGoes() async throws {
        let f = try await PagesFixture.make("notify-profile", users: ["zjj.officer"])
        try await f.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let page = try await client.execute(uri: "/profile", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("提醒邮箱"))
            func set(_ address: String) async throws -> String {
                try await client.execute(uri: "/profile/reminders", method: .post, headers: form(cookie),
                                         body: ByteBuffer(string: "_csrf=\(try csrf(page))&email=\(encoded(address))")) { String(buffer: $0.body) }
            }
            func stored() async throws -> String? {
                try await f.pool.query("SELECT email FROM users WHERE username = 'zjj.officer'").single().decode(String?.self, at: 0)
            }
            #expect(try await set("wang.fang@szq.example.cn").contains("已保存到期提醒邮箱"))
            #expect(try await stored() == "wang.fang@szq.example.cn")
            let refused = try await set("wang.fang at szq")
            #expect(refused.contains("不是有效的电子邮箱地址") && refused.contains("role=\"alert\""))
            #expect(try await stored() == "wang.fang@szq.example.cn", "nothing half-saved")
            _ = try await set("")
            #expect(try await stored() == nil)
        }
    }

    @Test func theCasePageShowsWhatTheApplicantWasToldAndWhatFailed() async throws {
        let f = try await PagesFixture.make("notify-case", users: ["zjj.officer"])
        let officer = try #require(f.directory.users.first { $0.username == "zjj.officer" })
        let cases = CaseStore(pool: f.pool, calendars: CalendarStore(pool: f.pool))
        let intake = Intake(applicant: Applicant(kind: .naturalPerson, name: "张三", phone: "13800138000", email: "zhang@example.com"),
                            agencyID: officer.agencyID, officerID: officer.id, channel: .inPerson, arrivedOn: LocalDate(iso: "2024-09-02")!,
                            subject: "征收补偿方案", description: "请提供征收补偿方案", registeredOn: LocalDate(iso: "2024-09-02")!)
        let everyone = Scope.everything(reason: "test")
        let registered = try await cases.register(intake, by: officer.actor, today: LocalDate(iso: "2024-09-20")!, scope: everyone)
        let record = try await cases.append(CaseEvent(.requestCorrection(CorrectionRequest(items: ["请写明文号"])), on: LocalDate(iso: "2024-09-03")!, by: officer.actor),
                                        to: registered.id, expectedVersion: 1, today: LocalDate(iso: "2024-09-20")!, scope: everyone)
        _ = try await f.pool.query("UPDATE outbox SET failed_at = now(), last_error = 'RCPT TO: 550 no such user' WHERE channel = 'email'")
        try await f.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let page = try await client.execute(uri: "/cases/\(record.id)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("给申请人的通知"))
            #expect(page.contains("<td>补正告知</td><td>邮件</td><td>zhang@example.com</td>") && page.contains("未能送达：RCPT TO: 550 no such user"))
            #expect(page.contains("<td>补正告知</td><td>短信</td><td>13800138000</td><td>等待发送</td>"))
        }
    }
}
