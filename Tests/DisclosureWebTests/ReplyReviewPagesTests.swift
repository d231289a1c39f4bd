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

/// 拟稿–核稿–签发 through the pages: the officer proposes with the letter, the supervisor returns
/// it with a comment, the officer revises, the supervisor edits and signs off, which numbers the
/// letter; and the approval pages show what is approved.
@Suite struct ReplyReviewPagesTests: PageTesting {
    typealias Setup = PagesFixture
    static let today = LocalDate(iso: "2024-09-20")!

    func setup(_ label: String) async throws -> Setup {
        try await PagesFixture.make(label, users: ["zjj.officer", "zjj.supervisor"])
    }

    /// A case of the housing bureau registered on 2024-09-02, handled by its officer.
    func registered(_ s: Setup) async throws -> (CaseStore, CaseStore.Record, User) {
        let store = CaseStore(pool: s.pool, calendars: CalendarStore(pool: s.pool))
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        let record = try await store.register(
            Intake(applicant: Applicant(kind: .naturalPerson, name: "张三", phone: "13800138000"), agencyID: housing.id, officerID: officer.id,
                   channel: .inPerson, arrivedOn: LocalDate(iso: "2024-09-02")!, subject: "某片区房屋征收补偿方案", description: "请提供补偿方案全文",
                   formWanted: .paper, deliveryWanted: .post),
            by: officer.actor, today: Self.today, scope: .everything(reason: "tests see every agency"))
        return (store, record, officer)
    }

    func state(_ s: Setup, _ id: Int64) async throws -> String {
        try await s.pool.query("SELECT state FROM cases WHERE id = \(id)").single().decode(String.self, at: 0)
    }

    func replyLetters(_ s: Setup, _ id: Int64) async throws -> [(id: Int64, status: String, number: String?, body: String, date: LocalDate)] {
        try await s.pool.query("SELECT id, status, number, body, letter_date FROM documents WHERE case_id = \(id) AND kind = 'reply' ORDER BY id").map {
            try $0.decode(Int64.self, String.self, String?.self, String.self, LocalDate.self)
        }.map { (id: $0.0, status: $0.1, number: $0.2, body: $0.3, date: $0.4) }
    }

    func version(_ s: Setup, _ id: Int64) async throws -> Int {
        try await s.pool.query("SELECT version FROM cases WHERE id = \(id)").single().decode(Int.self, at: 0)
    }

    func get(_ client: some TestClientProtocol, _ uri: String, _ cookie: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { ($0.status, String(buffer: $0.body)) }
    }

    func post(_ client: some TestClientProtocol, _ uri: String, _ cookie: String, _ fields: [(String, String)]) async throws -> (HTTPResponse.Status, String, String?) {
        let body = fields.map { "\($0.0)=\(encoded($0.1))" }.joined(separator: "&")
        return try await client.execute(uri: uri, method: .post, headers: form(cookie), body: ByteBuffer(string: body)) {
            ($0.status, String(buffer: $0.body), $0.headers[.location])
        }
    }

    /// The text of the letter's textarea on a page.
    func textarea(_ html: String) throws -> String {
        let start = try #require(html.range(of: "name=\"body\""))
        let open = try #require(html[start.upperBound...].range(of: ">"))
        let close = try #require(html[open.upperBound...].range(of: "</textarea>"))
        return String(html[open.upperBound..<close.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
    }

    @Test func theOfficerProposesWithTheLetterTheSupervisorReturnsThenSignsAndTheLetterIsNumbered() async throws {
        let s = try await setup("reply-review-flow")
        let (_, record, _) = try await registered(s)
        let caseURL = "/cases/\(record.id)"
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            // The case page leads to 拟稿, with the requested form and route shown.
            let (_, casePage) = try await get(client, caseURL, officer)
            #expect(casePage.contains("href=\"\(caseURL)/proposal\""))
            #expect(casePage.contains("纸质") && casePage.contains("邮寄"))
            let (_, proposal) = try await get(client, caseURL + "/proposal", officer)
            let token = try csrf(proposal)
            let partial = [("_csrf", token), ("on", "2024-09-20"), ("disposition", "partial"), ("provision", "paper"),
                           ("reasons", "补偿协议中的个人身份信息不予公开")]

            // A partial disclosure without its legal basis is refused in place, with what was typed kept.
            let (refused, refusedPage, _) = try await post(client, caseURL + "/proposal", officer, partial + [("step", "preview"), ("expectedVersion", "1")])
            #expect(refused == .unprocessableContent)
            #expect(refusedPage.contains("必须写明法律依据"))
            #expect(refusedPage.contains("补偿协议中的个人身份信息不予公开"))
            #expect(try await replyLetters(s, record.id).isEmpty)

            // With the basis, the letter is drafted from the proposal, before anything is recorded.
            let proposed = partial + [("legalBasis", "《中华人民共和国政府信息公开条例》第十五条"), ("expectedVersion", "1")]
            let (previewStatus, preview, _) = try await post(client, caseURL + "/proposal", officer, proposed + [("step", "preview")])
            #expect(previewStatus == .ok)
            let drafted = try textarea(preview)
            #expect(drafted.contains("补偿协议中的个人身份信息不予公开"))
            #expect(drafted.contains("第十五条"))
            #expect(try await state(s, record.id) == "registered")

            // Submitted with the officer's edit: the proposal and the letter together.
            let (submitted, _, location) = try await post(client, caseURL + "/proposal", officer,
                                                          proposed + [("step", "submit"), ("body", drafted + "\n承办人补充的一段。")])
            #expect(submitted == .seeOther)
            #expect(location == caseURL + "?done=submit_for_signoff")
            #expect(try await state(s, record.id) == "pending_signoff")
            let first = try #require(try await replyLetters(s, record.id).first)
            #expect(first.status == "draft" && first.body.hasSuffix("承办人补充的一段。"))

            // The officer cannot number the letter alone: 签发 does.
            let (_, letterPage) = try await get(client, "/letters/\(first.id)", officer)
            let (finalise, finalisePage, _) = try await post(client, "/letters/\(first.id)/finalise", officer, [("_csrf", try csrf(letterPage)), ("confirm", "yes")])
            #expect(finalise == .conflict)
            #expect(finalisePage.contains("签发"))

            let supervisor = try await signIn(client, "zjj.supervisor")
            // The queue row says what is proposed.
            let (_, queue) = try await get(client, "/review", supervisor)
            #expect(queue.contains("拟：部分公开"))
            // The sign-off page shows the letter itself beside the proposal and the case.
            let (_, review) = try await get(client, caseURL + "/signoff", supervisor)
            #expect(try textarea(review).hasSuffix("承办人补充的一段。"))
            #expect(review.contains("《中华人民共和国政府信息公开条例》第十五条"))
            #expect(review.contains("2024年9月30日"))  // the reply due, 20 working days after 9-2
            let reviewToken = try csrf(review)
            let v2 = try await version(s, record.id)
            let (noComment, _, _) = try await post(client, caseURL + "/signoff", supervisor,
                                                   [("_csrf", reviewToken), ("action", "return"), ("body", first.body), ("expectedVersion", String(v2))])
            #expect(noComment == .unprocessableContent)
            let (returned, _, _) = try await post(client, caseURL + "/signoff", supervisor,
                                                 [("_csrf", reviewToken), ("action", "return"), ("body", first.body), ("note", "请写明不予公开的具体内容"),
                                                  ("expectedVersion", String(v2))])
            #expect(returned == .seeOther)
            #expect(try await state(s, record.id) == "in_progress")

            // The officer sees the comment; the letter keeps the earlier edit and is revised in place.
            let (_, revise) = try await get(client, caseURL + "/proposal", officer)
            #expect(revise.contains("请写明不予公开的具体内容"))
            let v3 = try await version(s, record.id)
            let again = partial + [("legalBasis", "《中华人民共和国政府信息公开条例》第十五条"), ("expectedVersion", String(v3))]
            let (_, revisedPreview, _) = try await post(client, caseURL + "/proposal", officer, again + [("step", "preview")])
            #expect(try textarea(revisedPreview).hasSuffix("承办人补充的一段。"))
            let (resubmitted, _, _) = try await post(client, caseURL + "/proposal", officer,
                                                     again + [("step", "submit"), ("body", try textarea(revisedPreview) + "\n不予公开的内容为补偿协议第三条所列身份证号码。")])
            #expect(resubmitted == .seeOther)
            #expect(try await replyLetters(s, record.id).count == 1)  // the same draft, revised

            // 签发 asks first; the supervisor's own edit is what gets numbered.
            let (_, review2) = try await get(client, caseURL + "/signoff", supervisor)
            let signed = try textarea(review2) + "\n审核人修改的一段。"
            let v4 = try await version(s, record.id)
            let sign = [("_csrf", try csrf(review2)), ("action", "sign"), ("body", signed), ("note", "同意"), ("expectedVersion", String(v4))]
            let (asked, confirm, _) = try await post(client, caseURL + "/signoff", supervisor, sign)
            #expect(asked == .ok)
            #expect(confirm.contains("确认签发"))
            #expect(try await state(s, record.id) == "pending_signoff")
            let (done, _, _) = try await post(client, caseURL + "/signoff", supervisor, sign + [("confirm", "yes")])
            #expect(done == .seeOther)
            #expect(try await state(s, record.id) == "to_issue")
            let letter = try #require(try await replyLetters(s, record.id).first)
            #expect(letter.status == "final")
            #expect(letter.number?.contains("〔2024〕") == true)
            #expect(letter.body.hasSuffix("审核人修改的一段。"))
            #expect(letter.date == Self.today)

            // The case says what happens next, and the numbered letter is in its history.
            let (_, toIssue) = try await get(client, caseURL, officer)
            #expect(toIssue.contains("已签发待发出"))
            #expect(toIssue.contains("发出答复"))
            #expect(toIssue.contains(letter.number!))
            let (_, queueAfter) = try await get(client, "/review", supervisor)
            #expect(!queueAfter.contains(record.caseNumber))

            // Issuing: the reply form is filled from what was signed off.
            let (_, replyForm) = try await get(client, caseURL + "/events/reply", officer)
            #expect(replyForm.contains("value=\"partial\" selected"))
            let v5 = try await version(s, record.id)
            let (replied, _, _) = try await post(client, caseURL + "/events/reply", officer,
                                                [("_csrf", try csrf(replyForm)), ("expectedVersion", String(v5)), ("on", "2024-09-20"),
                                                 ("disposition", "partial"), ("legalBasis", "《中华人民共和国政府信息公开条例》第十五条"),
                                                 ("reasons", "补偿协议中的个人身份信息不予公开"), ("provision", "paper")])
            #expect(replied == .seeOther)
            #expect(try await state(s, record.id) == "replied")
        }
    }

    /// The approval form shows the request and the due date before and after, counted on the
    /// working-day calendar before anything is recorded.
    @Test func theExtensionApprovalShowsTheDaysTheReasonAndBothDueDates() async throws {
        let s = try await setup("reply-review-extension")
        let (store, record, officer) = try await registered(s)
        _ = try await store.append(CaseEvent(.requestExtension(ExtensionRequest(workingDays: 15, reason: "需要调取1998年的档案")), on: Self.today, by: officer.actor),
                                   to: record.id, expectedVersion: 1, today: Self.today, scope: .everything(reason: "tests see every agency"))
        let calendar = try WorkCalendar(CalendarYear.official)
        let due = try calendar.workingDay(20, after: LocalDate(iso: "2024-09-02")!)
        let extended = try calendar.workingDay(15, after: due)
        try await s.app.test(.router) { client in
            let supervisor = try await signIn(client, "zjj.supervisor")
            let (_, page) = try await get(client, "/cases/\(record.id)/events/approve_extension", supervisor)
            #expect(page.contains("15个工作日"))
            #expect(page.contains("需要调取1998年的档案"))
            #expect(page.contains("当前答复期限</dt><dd>\(due.chinese)"))
            #expect(page.contains("批准后的答复期限</dt><dd>\(extended.chinese)"))
            let (_, queue) = try await get(client, "/review", supervisor)
            #expect(queue.contains("申请延长15个工作日"))
        }
    }

    /// Withdrawing ends the case: it is confirmed first, and nothing is recorded until it is.
    @Test func withdrawingAsksFirst() async throws {
        let s = try await setup("reply-review-withdraw")
        let (_, record, _) = try await registered(s)
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            let (_, form) = try await get(client, "/cases/\(record.id)/events/withdraw", officer)
            let fields = [("_csrf", try csrf(form)), ("expectedVersion", "1"), ("on", "2024-09-20"), ("note", "申请人书面撤回")]
            let (asked, confirm, _) = try await post(client, "/cases/\(record.id)/events/withdraw", officer, fields)
            #expect(asked == .ok)
            #expect(confirm.contains("确认撤回"))
            #expect(confirm.contains("value=\"申请人书面撤回\""))
            #expect(try await state(s, record.id) == "registered")
            let (done, _, _) = try await post(client, "/cases/\(record.id)/events/withdraw", officer, fields + [("confirm", "yes")])
            #expect(done == .seeOther)
            #expect(try await state(s, record.id) == "closed")
        }
    }
}
