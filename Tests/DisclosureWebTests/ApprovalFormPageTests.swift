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

/// 办理呈批表 through the page: what it holds, who may print it and what they see of the applicant.
@Suite struct ApprovalFormPageTests: PageTesting {
    let everything = Scope.everything(reason: "tests see every agency")

    /// A case of 区住建局 whose reply was proposed, returned once and proposed again.
    func proposedCase(_ s: PagesFixture) async throws -> Int64 {
        let store = CaseStore(pool: s.pool, calendars: CalendarStore(pool: s.pool))
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        let supervisor = s.directory.users.first { $0.username == "zjj.supervisor" }!
        let today = LocalDate(iso: "2024-09-20")!
        let applicant = Applicant(kind: .naturalPerson, name: "张三", idType: "身份证", idNumber: "370103198001011233", phone: "13800138000")
        let record = try await store.register(Intake(applicant: applicant, agencyID: housing.id, officerID: officer.id, channel: .inPerson,
                                                     arrivedOn: LocalDate(iso: "2024-09-02")!, subject: "申请公开某小区征收补偿方案", description: "请提供批准文件",
                                                     registeredOn: LocalDate(iso: "2024-09-02")!), by: officer.actor, today: today, scope: everything)
        let first = ReplyDraft(disposition: .withholdProcessInfo, legalBasis: "条例第十六条第二款", reasons: "属于过程稿")
        let second = ReplyDraft(disposition: .partial, legalBasis: "条例第十五条、第三十七条", reasons: "补偿协议涉及第三方商业秘密", provision: .paper)
        let events = [CaseEvent(.submitForSignoff(first), on: LocalDate(iso: "2024-09-10")!, by: officer.actor),
                      CaseEvent(.returnForRevision(Note("请作区分处理")), on: LocalDate(iso: "2024-09-11")!, by: supervisor.actor),
                      CaseEvent(.submitForSignoff(second), on: LocalDate(iso: "2024-09-12")!, by: officer.actor)]
        for (index, event) in events.enumerated() {
            _ = try await store.append(event, to: record.id, expectedVersion: index + 1, today: today, scope: everything)
        }
        return record.id
    }

    @Test func theFormHoldsTheFactsTheProposalAndTheOpinions() async throws {
        let s = try await PagesFixture.make("approval-form", users: ["zjj.officer", "zjj.supervisor", "bgs.supervisor", "qls.officer"])
        let id = try await proposedCase(s)
        let officerName = s.directory.users.first { $0.username == "zjj.officer" }!.name
        let supervisorName = s.directory.users.first { $0.username == "zjj.supervisor" }!.name
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            let letters = try await client.execute(uri: "/cases/\(id)/letters", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(letters.contains("href=\"/cases/\(id)/approval-form\""))
            let page = try await client.execute(uri: "/cases/\(id)/approval-form", method: .get, headers: [.cookie: officer]) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(page.contains("政府信息公开申请办理呈批表"))
            #expect(page.contains("/static/approval-form.css"))
            #expect(page.contains("市中区住建局依申〔2024〕"))
            #expect(page.contains("370103198001011233") && page.contains("13800138000") && page.contains("张三"))
            #expect(page.contains("申请公开某小区征收补偿方案") && page.contains("请提供批准文件"))
            #expect(page.contains("收到申请之日</th><td colspan=\"3\">2024年9月2日</td>"))
            // The clock's ledger, counted to the day of printing.
            #expect(page.contains("2024年9月20日（打印日）"))
            // The latest proposal, with who and when; the earlier one only through its return.
            #expect(page.contains("拟答复：部分公开"))
            #expect(page.contains("法律依据：条例第十五条、第三十七条") && page.contains("理由：补偿协议涉及第三方商业秘密"))
            #expect(page.contains("承办人：\(officerName)　2024年9月12日"))
            #expect(!page.contains("属于过程稿"))
            #expect(page.contains("退回修改：请作区分处理"))
            #expect(page.contains("审核人：\(supervisorName)　2024年9月11日"))
            #expect(!page.contains("手写拟办意见") && !page.contains("手写审核意见"))
            #expect(page.contains("手写机关负责人意见"))
            #expect(!page.contains("星期"))

            // A supervisor of the district office sees the case, the applicant masked.
            let office = try await signIn(client, "bgs.supervisor")
            let masked = try await client.execute(uri: "/cases/\(id)/approval-form", method: .get, headers: [.cookie: office]) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(masked.contains("拟答复：部分公开"))
            #expect(!masked.contains("370103198001011233") && !masked.contains("13800138000") && !masked.contains("张三"))
            #expect(masked.contains("张*"))
            #expect(masked.contains("申请人的证件号码、电话和地址已按规定遮蔽"))
            #expect(!page.contains("已按规定遮蔽"))

            // Another agency's officer finds nothing.
            let other = try await signIn(client, "qls.officer")
            try await client.execute(uri: "/cases/\(id)/approval-form", method: .get, headers: [.cookie: other]) { response in
                #expect(response.status == .notFound)
                #expect(!String(buffer: response.body).contains("张三"))
            }
        }
        // Printing the identity number in full is a view of it, in the audit trail like the case page's.
        let viewed = try await s.pool.query("SELECT count(*) FROM audit_log WHERE kind = 'identity_number_viewed' AND detail->>'via' = 'approval_form'")
            .single().decode(Int.self, at: 0)
        #expect(viewed == 1)
    }

    @Test func aCaseWithoutAProposalLeavesLinesToWriteOn() async throws {
        let s = try await PagesFixture.make("approval-form-blank", users: ["zjj.officer"])
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let store = CaseStore(pool: s.pool, calendars: CalendarStore(pool: s.pool))
            let officer = s.directory.users.first { $0.username == "zjj.officer" }!
            let record = try await store.register(Intake(applicant: Applicant(kind: .naturalPerson, name: "李四", phone: "13900000000"), agencyID: officer.agencyID, officerID: officer.id,
                                                         channel: .inPerson, arrivedOn: LocalDate(iso: "2024-09-18")!, subject: "征收补偿方案", description: "请提供",
                                                         registeredOn: LocalDate(iso: "2024-09-18")!), by: officer.actor, today: LocalDate(iso: "2024-09-20")!, scope: everything)
            let page = try await client.execute(uri: "/cases/\(record.id)/approval-form", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("手写拟办意见") && page.contains("手写审核意见"))
            #expect(page.contains("承办人（签名）：") && page.contains("审核人（签名）："))
            #expect(!page.contains("拟答复："))
        }
    }
}
