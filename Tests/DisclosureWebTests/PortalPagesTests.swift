import DisclosureCore
import DisclosureStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Testing

@testable import DisclosureWeb

/// The public portal over HTTP, without JavaScript: apply, track, and the agency's queue where
/// a submission becomes a case; and every bad input refused in Chinese with nothing stored.
@Suite struct PortalPagesTests: PageTesting {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 9, count: 2000)
    /// The question's token and its answer, read from the form as a person reads it.
    func challenge(_ html: String) throws -> (token: String, answer: String) {
        let start = try #require(html.range(of: "name=\"challengeToken\" value=\"")).upperBound
        let token = String(html[start...].prefix { $0 != "\"" })
        let label = try #require(html.range(of: "<label for=\"challengeAnswer\">")).upperBound
        let question = String(html[label...].prefix { $0 != "<" })
        let numerals: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        let parts = question.split(separator: "加")
        let a = try #require(parts.first?.first.flatMap { numerals[$0] }), b = try #require(parts.last?.first.flatMap { numerals[$0] })
        return (token, String(a + b))
    }

    func fields(agency: Int64, token: String, answer: String, change: [String: String] = [:]) -> [(String, String)] {
        var values: [(String, String)] = [
            ("challengeToken", token), ("challengeAnswer", answer), ("agencyID", String(agency)), ("kind", "natural_person"), ("name", "张三"),
            ("idType", "身份证"), ("idNumber", "370103198001011233"), ("phone", "13800138000"), ("email", "zhang@example.com"), ("address", ""),
            ("subject", "经七路拆迁补偿标准"), ("description", "2024年经七路片区房屋征收补偿方案"), ("formWanted", "electronic"), ("deliveryWanted", "platform"),
        ]
        for (name, value) in change { values.removeAll { $0.0 == name }; values.append((name, value)) }
        return values
    }

    func housing(_ f: PagesFixture) -> Int64 { f.directory.agencies.first { $0.code == "szq-zjj" }!.id }

    /// Fills in the form and submits it; the response's status and page.
    func apply(_ client: some TestClientProtocol, _ f: PagesFixture, change: [String: String] = [:], files: [Upload] = [],
               wrongAnswer: Bool = false) async throws -> (HTTPResponse.Status, String) {
        let form = try await client.execute(uri: "/apply", method: .get) { String(buffer: $0.body) }
        let (token, answer) = try challenge(form)
        return try await client.execute(uri: "/apply", method: .post, headers: multipartHeaders,
                                        body: multipart(fields(agency: housing(f), token: token, answer: wrongAnswer ? "99" : answer, change: change), files: files, field: "attachments")) {
            ($0.status, String(buffer: $0.body))
        }
    }

    func receipt(_ page: String) throws -> (code: String, password: String) {
        func strong(_ id: String) throws -> String {
            let start = try #require(page.range(of: "<strong id=\"\(id)\">")).upperBound
            return String(page[start...].prefix { $0 != "<" })
        }
        return (try strong("receipt-code"), try strong("tracking-password"))
    }

    /// Tracks as an applicant does: the form, then (when it opens) the tracking page it leads to.
    func track(_ client: some TestClientProtocol, code: String, password: String) async throws -> (HTTPResponse.Status, String) {
        let (status, body, _) = try await trackSession(client, code: code, password: password)
        return (status, body)
    }

    /// The same, with the tracking cookie the page's forms need.
    func trackSession(_ client: some TestClientProtocol, code: String, password: String) async throws -> (HTTPResponse.Status, String, String?) {
        let (status, cookie, body) = try await client.execute(uri: "/apply/track", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                             body: ByteBuffer(string: "code=\(encoded(code))&password=\(encoded(password))")) {
            ($0.status, setCookies($0)["dd_portal"], String(buffer: $0.body))
        }
        guard status == .seeOther, let cookie else { return (status, body, nil) }
        let page = try await client.execute(uri: "/apply/status", method: .get, headers: [.cookie: "dd_portal=\(cookie)"]) { ($0.status, String(buffer: $0.body)) }
        return (page.0, page.1, "dd_portal=\(cookie)")
    }

    /// Sends one of the tracking page's forms; the final page.
    func act(_ client: some TestClientProtocol, _ path: String, cookie: String, page: String, fields: String = "") async throws -> (HTTPResponse.Status, String) {
        let (status, location, body) = try await client.execute(uri: path, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                               body: ByteBuffer(string: "_csrf=\(try csrf(page))" + fields)) {
            ($0.status, $0.headers[.location], String(buffer: $0.body))
        }
        guard status == .seeOther, let location else { return (status, body) }
        return try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]) { ($0.status, String(buffer: $0.body)) }
    }

    func count(_ f: PagesFixture, _ table: String) async throws -> Int {
        try await f.pool.query("SELECT count(*) FROM \(identifier: table)").single().decode(Int.self, at: 0)
    }

    @Test func anApplicantAppliesAndFollowsTheCaseUntilTheAgencyConfirmsIt() async throws {
        let f = try await PagesFixture.make("portal-flow", users: ["zjj.officer"], today: "2026-11-27")
        try await f.app.test(.router) { client in
            let empty = try await client.execute(uri: "/apply", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(empty.0 == .ok)
            #expect(empty.1.contains("enctype=\"multipart/form-data\"") && empty.1.contains("济南市市中区住房和城乡建设局"))
            // The form works without JavaScript: its one script, external and deferred, only adds the answers while typing.
            #expect(empty.1.components(separatedBy: "<script").count - 1 == 1 && empty.1.contains("<script src=\"/static/portal.js\" defer></script>"))

            let (status, page) = try await apply(client, f, files: [Upload(name: "身份证.png", type: "image/png", bytes: Self.png)])
            #expect(status == .ok, "\(page)")
            let (code, password) = try receipt(page)
            #expect(ReceiptCode(typed: code)?.text == code && code.hasPrefix("20261127-"))
            #expect(TrackingPassword.typed(password) == password)
            #expect(try await count(f, "portal_attachments") == 1)
            #expect(try await count(f, "cases") == 0, "a submission is not a case until confirmed")

            let (tracked, before) = try await track(client, code: code.lowercased(), password: password)
            #expect(tracked == .ok)
            #expect(before.contains("待确认") && before.contains("经七路拆迁补偿标准"))

            // The receipt waits in the outbox for the applicant's e-mail, with the password.
            let receiptMail = try await f.pool.query("SELECT recipient, body FROM outbox WHERE purpose = 'submitted' AND channel = 'email'").single()
            #expect(try receiptMail.decode(String.self, at: 0) == "zhang@example.com" && receiptMail.decode(String.self, at: 1).contains(password))

            // The officer of the agency is told, sees it waiting, confirms it, and it is a case received that day.
            let cookie = try await signIn(client, "zjj.officer")
            let dashboard = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(dashboard.contains("有1件网上申请待确认收到") && dashboard.contains("新的网上申请待确认（回执编号\(code)）"))
            let noticeID = try await f.pool.query("""
                SELECT n.id FROM user_notices n JOIN users u ON u.id = n.user_id WHERE u.username = 'zjj.officer'
                """).single().decode(Int64.self, at: 0)
            let read = try await client.execute(uri: "/notices/\(noticeID)/read", method: .post, headers: form(cookie),
                                                body: ByteBuffer(string: "_csrf=\(try csrf(dashboard))")) { $0.status }
            #expect(read == .seeOther)
            let later = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(!later.contains("新的网上申请待确认（回执编号"))
            let queue = try await client.execute(uri: "/submissions", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(queue.contains(code) && queue.contains("今天提交"))
            let id = try #require(try await f.pool.query("SELECT id FROM portal_submissions").single().decode(Int64.self, at: 0))
            let detail = try await client.execute(uri: "/submissions/\(id)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(detail.contains("370103198001011233") && detail.contains("身份证.png"))
            let fileID = try await f.pool.query("SELECT id FROM portal_attachments").single().decode(Int64.self, at: 0)
            let download = try await client.execute(uri: "/submissions/attachments/\(fileID)", method: .get, headers: [.cookie: cookie]) {
                ($0.headers[.contentType], $0.headers[.contentDisposition], Array(buffer: $0.body))
            }
            #expect(download.0 == "image/png" && download.1?.hasPrefix("attachment") == true && download.2 == Self.png)

            let confirmed = try await client.execute(uri: "/submissions/\(id)/confirm", method: .post, headers: form(cookie),
                                                     body: ByteBuffer(string: "_csrf=\(try csrf(detail))")) { ($0.status, $0.headers[.location]) }
            #expect(confirmed.0 == .seeOther)
            let caseID = try #require(try await f.pool.query("SELECT id FROM cases").single().decode(Int64.self, at: 0))
            #expect(confirmed.1 == "/cases/\(caseID)?done=register")
            let received = try await f.pool.query("SELECT channel, received_on::text, arrived_on::text FROM cases").single()
            #expect(try received.decode(String.self, at: 0) == "online" && received.decode(String.self, at: 1) == "2026-11-27")
            let after = try await client.execute(uri: "/submissions", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(!after.contains(code) && after.contains("没有待确认的网上申请"))

            let told = try await f.pool.query("SELECT count(*) FROM outbox WHERE purpose = 'received' AND case_id = \(caseID)").single()
            #expect(try told.decode(Int.self, at: 0) == 2, "e-mail and SMS on confirmation")
            let (_, now) = try await track(client, code: code, password: password)
            #expect(now.contains("办理中") && now.contains("收到申请之日") && now.contains("2026年11月27日"))
            // 20 working days after 27 November 2026.
            #expect(now.contains("<dd id=\"reply-due\">2026年12月25日</dd>"), "\(now)")
        }
    }

    @Test func badFilesAndAnswersAreRefusedInChineseAndNothingIsStored() async throws {
        let f = try await PagesFixture.make("portal-bad", users: [])
        try await f.app.test(.router) { client in
            let html = Upload(name: "证明.pdf", type: "application/pdf", bytes: Array("<html><script>alert(1)</script>".utf8))
            var (status, page) = try await apply(client, f, files: [html])
            #expect(status == .unprocessableContent && page.contains("不是PDF、JPEG或PNG文件"))

            let mislabelled = Upload(name: "身份证.pdf", type: "application/pdf", bytes: Self.png)
            (status, page) = try await apply(client, f, files: [mislabelled])
            #expect(status == .unprocessableContent && page.contains("与文件内容（PNG）不符"))

            (status, page) = try await apply(client, f, wrongAnswer: true)
            #expect(status == .unprocessableContent && page.contains("验证问题回答错误"))
            // The values typed stay in the form; the new question has a new token.
            #expect(page.contains("value=\"经七路拆迁补偿标准\""))

            (status, page) = try await apply(client, f, change: ["formWanted": "", "idNumber": "", "agencyID": "99999999999999999999"])
            #expect(status == .unprocessableContent)
            #expect(page.contains("请选择获取信息的载体形式") && page.contains("请填写身份证件类型和号码") && page.contains("请选择申请机关"))

            (status, page) = try await apply(client, f, change: ["subject": String(repeating: "征", count: 400)])
            #expect(status == .unprocessableContent && page.contains("最多300个字（现有400个字）"))

            let tooMany = Array(repeating: Upload(name: "a.png", type: "image/png", bytes: Self.png), count: AttachmentKind.maxFiles + 1)
            (status, page) = try await apply(client, f, files: tooMany)
            #expect(status == .unprocessableContent && page.contains("最多上传3个附件"))

            // Larger than three files of 5 MB: refused before it is read whole.
            let huge = Upload(name: "big.pdf", type: "application/pdf", bytes: Array("%PDF-".utf8) + [UInt8](repeating: 0, count: MultipartForm.maxBytes))
            (status, page) = try await apply(client, f, files: [huge])
            #expect(status == .contentTooLarge && page.contains("提交的内容过大"))

            // Not multipart at all.
            let plain = try await client.execute(uri: "/apply", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "name=x")) { ($0.status, String(buffer: $0.body)) }
            #expect(plain.0 == .badRequest && plain.1.contains("无法读取"))

            #expect(try await count(f, "portal_submissions") == 0)
            #expect(try await count(f, "portal_attachments") == 0)
        }
    }

    @Test func wrongPasswordsAreLimitedAndAnswerAsAWrongCodeDoes() async throws {
        let f = try await PagesFixture.make("portal-track", users: [])
        try await f.app.test(.router) { client in
            let (_, page) = try await apply(client, f)
            let (code, password) = try receipt(page)
            var unknown = code
            unknown.removeLast()
            unknown += code.hasSuffix("2") ? "3" : "2"

            // Same words for a wrong code and a wrong password, and about the same time: both compare a bcrypt hash.
            func timed(_ code: String, _ password: String) async throws -> (Duration, HTTPResponse.Status, String) {
                let clock = ContinuousClock()
                let start = clock.now
                let (status, body) = try await track(client, code: code, password: password)
                return (clock.now - start, status, body)
            }
            var wrongCode: [Duration] = [], wrongPassword: [Duration] = []
            for _ in 0..<3 {
                let a = try await timed(unknown, password)
                #expect(a.1 == .unprocessableContent && a.2.contains("回执编号或查询密码不正确"))
                wrongCode.append(a.0)
            }
            for _ in 0..<4 {
                let b = try await timed(code, "ABCDEFGHJK")
                #expect(b.1 == .unprocessableContent && b.2.contains("回执编号或查询密码不正确"))
                wrongPassword.append(b.0)
            }
            let medianCode = wrongCode.sorted()[1], medianPassword = wrongPassword.sorted()[1]
            #expect(medianCode > medianPassword / 3 && medianCode < medianPassword * 3, "wrong code \(medianCode), wrong password \(medianPassword)")

            // The fifth wrong password locks the code, even for the right one.
            _ = try await track(client, code: code, password: "ABCDEFGHJK")
            let locked = try await track(client, code: code, password: password)
            #expect(locked.0 == .tooManyRequests && locked.1.contains("错误次数过多"))
            // A malformed or huge code is a wrong code, not an error.
            let odd = try await track(client, code: String(repeating: "' OR 1=1 --", count: 1000), password: password)
            #expect(odd.0 == .unprocessableContent)
        }
    }

    /// Issue 17 ¶4: withdrawal is one confirmed action; before confirmation no case is made,
    /// after it the case records the withdraw event; a replied case cannot be withdrawn.
    @Test func anApplicantWithdrawsBeforeAndAfterConfirmation() async throws {
        let f = try await PagesFixture.make("portal-withdraw", users: ["zjj.officer"], today: "2026-11-27")
        try await f.app.test(.router) { client in
            let (first, second) = (try receipt(try await apply(client, f).1), try receipt(try await apply(client, f).1))

            // Before confirmation: the confirm step, then withdrawn; the officer's queue drops it.
            let (_, page, cookie) = try await trackSession(client, code: first.code, password: first.password)
            let session = try #require(cookie)
            #expect(page.contains("撤回申请"))
            let asked = try await act(client, "/apply/withdraw", cookie: session, page: page)
            #expect(asked.0 == .ok && asked.1.contains("确认撤回申请") && asked.1.contains("name=\"confirm\" value=\"yes\""))
            #expect(try await f.pool.query("SELECT count(*) FROM portal_submissions WHERE withdrawn_at IS NOT NULL").single().decode(Int.self, at: 0) == 0,
                    "nothing before the confirmation")
            let done = try await act(client, "/apply/withdraw", cookie: session, page: asked.1, fields: "&confirm=yes")
            #expect(done.0 == .ok && done.1.contains("已撤回") && !done.1.contains("action=\"/apply/withdraw\""))
            let officer = try await signIn(client, "zjj.officer")
            let queue = try await client.execute(uri: "/submissions", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(!queue.contains(first.code) && queue.contains(second.code))
            let withdrawnID = try await f.pool.query("SELECT id FROM portal_submissions WHERE withdrawn_at IS NOT NULL").single().decode(Int64.self, at: 0)
            let refused = try await client.execute(uri: "/submissions/\(withdrawnID)/confirm", method: .post, headers: form(officer),
                                                   body: ByteBuffer(string: "_csrf=\(try csrf(queue))")) { ($0.status, String(buffer: $0.body)) }
            #expect(refused.0 == .conflict && refused.1.contains("已在确认前撤回"))
            #expect(try await count(f, "cases") == 0)

            // After confirmation: the case's withdraw event, recorded by the portal's account.
            let secondID = try await f.pool.query("SELECT id FROM portal_submissions WHERE receipt_code = \(second.code)").single().decode(Int64.self, at: 0)
            _ = try await client.execute(uri: "/submissions/\(secondID)/confirm", method: .post, headers: form(officer),
                                         body: ByteBuffer(string: "_csrf=\(try csrf(queue))")) { $0.status }
            let (_, casePage, caseCookie) = try await trackSession(client, code: second.code, password: second.password)
            let withdrawn = try await act(client, "/apply/withdraw", cookie: try #require(caseCookie), page: casePage, fields: "&confirm=yes")
            #expect(withdrawn.1.contains("已撤回该申请") && withdrawn.1.contains("已办结"))
            let event = try await f.pool.query("""
                SELECT e.kind, u.username, c.state, c.disposition FROM case_events e JOIN users u ON u.id = e.actor_id JOIN cases c ON c.id = e.case_id
                ORDER BY e.seq DESC LIMIT 1
                """).single()
            #expect(try event.decode(String.self, at: 0) == "withdraw" && event.decode(String.self, at: 1) == "portal")
            #expect(try event.decode(String.self, at: 2) == "closed" && event.decode(String.self, at: 3) == "other.other")
            // A closed case offers no withdrawal, and one sent anyway is refused in words.
            #expect(!withdrawn.1.contains("action=\"/apply/withdraw\""))
            let again = try await act(client, "/apply/withdraw", cookie: try #require(caseCookie), page: casePage, fields: "&confirm=yes")
            #expect(again.0 == .unprocessableContent && again.1.contains("不能撤回"))
            // Without the page's token nothing happens.
            let forged = try await client.execute(uri: "/apply/withdraw", method: .post, headers: [.cookie: try #require(caseCookie), .contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "_csrf=forged&confirm=yes")) { $0.status }
            #expect(forged == .forbidden)
        }
    }

    /// Issue 17 ¶4: a correction notice appears with its deadline; the applicant's answer is the
    /// case's corrected application on that date; after the deadline it is refused.
    @Test func anApplicantAnswersACorrectionNoticeWithinItsPeriod() async throws {
        let f = try await PagesFixture.make("portal-correct", users: ["zjj.officer"], today: "2026-11-27")
        try await f.app.test(.router) { client in
            let mine = try receipt(try await apply(client, f).1)
            let officer = try await signIn(client, "zjj.officer")
            let id = try await f.pool.query("SELECT id FROM portal_submissions").single().decode(Int64.self, at: 0)
            let queue = try await client.execute(uri: "/submissions", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            _ = try await client.execute(uri: "/submissions/\(id)/confirm", method: .post, headers: form(officer), body: ByteBuffer(string: "_csrf=\(try csrf(queue))")) { $0.status }
            let caseID = try await f.pool.query("SELECT id FROM cases").single().decode(Int64.self, at: 0)
            let cases = CaseStore(pool: f.pool, calendars: CalendarStore(pool: f.pool))
            let user = try #require(f.directory.users.first { $0.username == "zjj.officer" })
            let asked = try await cases.append(CaseEvent(.requestCorrection(CorrectionRequest(items: ["请写明所需文件的文号"], periodWorkingDays: 1)), on: LocalDate(iso: "2026-11-27")!, by: user.actor),
                                               to: caseID, expectedVersion: 1, today: LocalDate(iso: "2026-11-27")!, scope: .everything(reason: "test"))
            let due = try #require(asked.snapshot.correction?.dueOn)

            let (_, page, cookie) = try await trackSession(client, code: mine.code, password: mine.password)
            #expect(page.contains("待补正") && page.contains("请写明所需文件的文号") && page.contains("请于\(due.chineseDay)前补正"))
            let empty = try await act(client, "/apply/correction", cookie: try #require(cookie), page: page, fields: "&correction=%20")
            #expect(empty.0 == .unprocessableContent && empty.1.contains("请填写补正的内容"))
            let sent = try await act(client, "/apply/correction", cookie: try #require(cookie), page: page, fields: "&correction=\(encoded("文号为市中建发〔2024〕12号"))")
            #expect(sent.0 == .ok && sent.1.contains("补正已提交") && sent.1.contains("办理中"))
            let event = try await f.pool.query("SELECT kind, occurred_on::text, payload->>'note' FROM case_events WHERE case_id = \(caseID) ORDER BY seq DESC LIMIT 1").single()
            #expect(try event.decode(String.self, at: 0) == "correction_received" && event.decode(String.self, at: 1) == "2026-11-27")
            #expect(try event.decode(String.self, at: 2).contains("市中建发〔2024〕12号") && event.decode(String.self, at: 2).contains(mine.code))
        }
    }

    @Test func aCorrectionAfterItsDeadlineIsRefused() async throws {
        let f = try await PagesFixture.make("portal-late", users: ["zjj.officer"], today: "2026-12-31")
        try await f.app.test(.router) { client in
            let mine = try receipt(try await apply(client, f).1)
            // Submitted and confirmed on 2 November, the notice a day later, five working days to correct.
            let id = try await f.pool.query("UPDATE portal_submissions SET submitted_on = '2026-11-02' RETURNING id").single().decode(Int64.self, at: 0)
            let user = try #require(f.directory.users.first { $0.username == "zjj.officer" })
            let portal = PortalStore(pool: f.pool, cases: CaseStore(pool: f.pool, calendars: CalendarStore(pool: f.pool)))
            let record = try await portal.confirm(id, by: user.actor, today: LocalDate(iso: "2026-11-02")!, scope: .everything(reason: "test"))
            _ = try await portal.cases.append(CaseEvent(.requestCorrection(CorrectionRequest(items: ["请写明文号"], periodWorkingDays: 5)), on: LocalDate(iso: "2026-11-03")!, by: user.actor),
                                              to: record.id, expectedVersion: 1, today: LocalDate(iso: "2026-11-03")!, scope: .everything(reason: "test"))
            let (_, page, cookie) = try await trackSession(client, code: mine.code, password: mine.password)
            #expect(page.contains("待补正") && !page.contains("action=\"/apply/correction\""), "no form once the period is over")
            let late = try await act(client, "/apply/correction", cookie: try #require(cookie), page: page, fields: "&correction=x")
            #expect(late.0 == .unprocessableContent && late.1.contains("补正期限已于2026年11月10日届满"))
            #expect(try await f.pool.query("SELECT state FROM cases").single().decode(String.self, at: 0) == "awaiting_correction")
        }
    }

    /// Issue 17 ¶5: where the applicant chose the platform, the final letters are downloadable
    /// there, and the first download of the reply is recorded as its delivery, with the time.
    @Test func theFirstDownloadOfTheReplyIsItsDelivery() async throws {
        let f = try await PagesFixture.make("portal-deliver", users: [], today: "2026-11-27")
        try await f.app.test(.router) { client in
            let mine = try receipt(try await apply(client, f).1)
            let byPost = try receipt(try await apply(client, f, change: ["deliveryWanted": "post", "address": "济南市市中区经七路1号"]).1)
            let user = try #require(f.directory.users.first { $0.username == "zjj.officer" })
            let cases = CaseStore(pool: f.pool, calendars: CalendarStore(pool: f.pool))
            let portal = PortalStore(pool: f.pool, cases: cases)
            let documents = DocumentStore(pool: f.pool)
            let day = LocalDate(iso: "2026-11-27")!, everyone = Scope.everything(reason: "test")
            var letters: [String: Int64] = [:]
            for (code, _) in [mine, byPost] {
                let id = try await f.pool.query("SELECT id FROM portal_submissions WHERE receipt_code = \(code)").single().decode(Int64.self, at: 0)
                let record = try await portal.confirm(id, by: user.actor, today: day, scope: everyone)
                _ = try await cases.append(CaseEvent(.reply(ReplyDraft(disposition: .disclose, provision: .electronic)), on: day, by: user.actor),
                                           to: record.id, expectedVersion: 1, today: day, scope: everyone)
                let draft = LetterDraft(kind: .reply, title: "政府信息公开申请答复书", recipient: "张三", paragraphs: ["经审查，予以公开。"], date: day, signer: "济南市市中区住房和城乡建设局")
                let letter = try await documents.create(draft, caseID: record.id, agencyID: record.snapshot.agencyID, by: user.id)
                letters[code] = try await documents.finalise(letter.id, by: user.id).id
            }
            let (_, page, cookie) = try await trackSession(client, code: mine.code, password: mine.password)
            let session = try #require(cookie)
            let letterID = try #require(letters[mine.code])
            #expect(page.contains("已答复") && page.contains("href=\"/apply/letters/\(letterID)\""))

            func deliveries() async throws -> [String] {
                try await f.pool.query("""
                    SELECT payload->>'reference' FROM case_events e JOIN portal_submissions s ON s.case_id = e.case_id
                    WHERE s.receipt_code = \(mine.code) AND e.kind = 'record_delivery'
                    """).map { try $0.decode(String.self, at: 0) }
            }
            #expect(try await deliveries().isEmpty)
            let opened = try await client.execute(uri: "/apply/letters/\(letterID)?download=1", method: .get, headers: [.cookie: session]) {
                ($0.status, $0.headers[.contentDisposition], String(buffer: $0.body))
            }
            #expect(opened.0 == .ok && opened.1?.hasPrefix("attachment") == true && opened.2.contains("经审查，予以公开。"))
            let recorded = try await deliveries()
            #expect(recorded.count == 1 && recorded[0].hasPrefix("申请人于2026年") && recorded[0].contains("在网上平台下载答复书"))
            _ = try await client.execute(uri: "/apply/letters/\(letterID)", method: .get, headers: [.cookie: session]) { $0.status }
            #expect(try await deliveries().count == 1, "only the first download is the delivery")

            // Another applicant's letter, and letters of an applicant who chose the post, are not offered.
            let other = try await client.execute(uri: "/apply/letters/\(try #require(letters[byPost.code]))", method: .get, headers: [.cookie: session]) { $0.status }
            #expect(other == .notFound)
            let (_, postPage, postCookie) = try await trackSession(client, code: byPost.code, password: byPost.password)
            #expect(!postPage.contains("href=\"/apply/letters/"))
            let posted = try await client.execute(uri: "/apply/letters/\(try #require(letters[byPost.code]))", method: .get, headers: [.cookie: try #require(postCookie)]) { $0.status }
            #expect(posted == .notFound)
            // Without the tracking page open, nothing.
            let anonymous = try await client.execute(uri: "/apply/letters/\(letterID)", method: .get) { ($0.status, $0.headers[.location]) }
            #expect(anonymous.0 == .seeOther && anonymous.1 == "/apply/track")
        }
    }

    /// Issue 17 ¶5: the information released with the reply, downloaded where the applicant
    /// chose the platform, once the case is replied to; a withdrawn file never; the first
    /// download of one is the delivery, recorded once.
    @Test func theApplicantDownloadsTheReleasedInformationWithTheReply() async throws {
        let f = try await PagesFixture.make("portal-released", users: [], today: "2026-11-30")
        try await f.app.test(.router) { client in
            let mine = try receipt(try await apply(client, f).1)
            let user = try #require(f.directory.users.first { $0.username == "zjj.officer" })
            let cases = CaseStore(pool: f.pool, calendars: CalendarStore(pool: f.pool))
            let files = ReleasedFileStore(pool: f.pool)
            let day = LocalDate(iso: "2026-11-30")!, everyone = Scope.everything(reason: "test")
            let submission = try await f.pool.query("SELECT id FROM portal_submissions WHERE receipt_code = \(mine.code)").single().decode(Int64.self, at: 0)
            let record = try await PortalStore(pool: f.pool, cases: cases).confirm(submission, by: user.actor, today: day, scope: everyone)
            let pdf = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x43, count: 1500)
            let released = try await files.add(caseID: record.id, fileName: "补偿方案.pdf", kind: .pdf, bytes: pdf, by: user.id, scope: everyone)
            let mistaken = try await files.add(caseID: record.id, fileName: "错传.png", kind: .png, bytes: Self.png, by: user.id, scope: everyone)
            _ = try await files.withdraw(mistaken.id, by: user.id, scope: everyone)

            // Before the reply the applicant sees no file, and cannot fetch one by its number.
            let (_, before, cookie) = try await trackSession(client, code: mine.code, password: mine.password)
            let session = try #require(cookie)
            #expect(before.contains("办理中") && !before.contains("/apply/files/"))
            let early = try await client.execute(uri: "/apply/files/\(released.id)", method: .get, headers: [.cookie: session]) { $0.status }
            #expect(early == .notFound)

            _ = try await cases.append(CaseEvent(.reply(ReplyDraft(disposition: .disclose, provision: .electronic)), on: day, by: user.actor),
                                       to: record.id, expectedVersion: record.snapshot.version, today: day, scope: everyone)
            let after = try await client.execute(uri: "/apply/status", method: .get, headers: [.cookie: session]) { String(buffer: $0.body) }
            #expect(after.contains("href=\"/apply/files/\(released.id)\">补偿方案.pdf</a>") && !after.contains("错传.png"))

            func deliveries() async throws -> [String] {
                try await f.pool.query("SELECT payload->>'reference' FROM case_events WHERE case_id = \(record.id) AND kind = 'record_delivery'")
                    .map { try $0.decode(String.self, at: 0) }
            }
            #expect(try await deliveries().isEmpty)
            let download = try await client.execute(uri: "/apply/files/\(released.id)", method: .get, headers: [.cookie: session]) { response in
                (response.status, response.headers[.contentType], response.headers[.contentDisposition], [UInt8](buffer: response.body))
            }
            #expect(download.0 == .ok && download.1 == "application/pdf" && download.2?.hasPrefix("attachment;") == true && download.3 == pdf)
            let recorded = try await deliveries()
            #expect(recorded.count == 1 && recorded[0].contains("在网上平台下载公开的信息“补偿方案.pdf”"))
            _ = try await client.execute(uri: "/apply/files/\(released.id)", method: .get, headers: [.cookie: session]) { $0.status }
            #expect(try await deliveries().count == 1, "only the first download is the delivery")

            // Another applicant's file at the same agency, the withdrawn file, a number that is
            // no file, and no tracking session: nothing.
            let theirs = try receipt(try await apply(client, f, change: ["name": "李四", "idNumber": "370103198002022348"]).1)
            let theirSubmission = try await f.pool.query("SELECT id FROM portal_submissions WHERE receipt_code = \(theirs.code)").single().decode(Int64.self, at: 0)
            let theirCase = try await PortalStore(pool: f.pool, cases: cases).confirm(theirSubmission, by: user.actor, today: day, scope: everyone)
            let theirFile = try await files.add(caseID: theirCase.id, fileName: "他人.pdf", kind: .pdf, bytes: pdf, by: user.id, scope: everyone)
            _ = try await cases.append(CaseEvent(.reply(ReplyDraft(disposition: .disclose, provision: .electronic)), on: day, by: user.actor),
                                       to: theirCase.id, expectedVersion: theirCase.snapshot.version, today: day, scope: everyone)
            let notMine = try await client.execute(uri: "/apply/files/\(theirFile.id)", method: .get, headers: [.cookie: session]) { $0.status }
            #expect(notMine == .notFound)
            let withdrawn = try await client.execute(uri: "/apply/files/\(mistaken.id)", method: .get, headers: [.cookie: session]) { $0.status }
            #expect(withdrawn == .notFound)
            let unknown = try await client.execute(uri: "/apply/files/999999", method: .get, headers: [.cookie: session]) { $0.status }
            #expect(unknown == .notFound)
            let anonymous = try await client.execute(uri: "/apply/files/\(released.id)", method: .get) { ($0.status, $0.headers[.location]) }
            #expect(anonymous.0 == .seeOther && anonymous.1 == "/apply/track")
        }
    }

    /// Issue 17 ¶1: the published answers most like a request, while it is written (JSON for the
    /// script) and without the script ("先查一查"); only entries a supervisor chose to show.
    @Test func publishedAnswersAreOfferedBeforeApplying() async throws {
        let f = try await PagesFixture.make("portal-answers", users: ["zjj.officer", "zjj.supervisor"])
        let library = LibraryStore(pool: f.pool)
        let entry = try await library.add(LibraryEntry(kind: .faq, title: "房屋征收补偿标准在哪里查询", body: "经七路片区征收补偿方案已在区政府网站公开。"), by: nil)
        try await f.app.test(.router) { client in
            func json() async throws -> String {
                try await client.execute(uri: "/apply/similar?text=\(encoded("征收补偿标准"))", method: .get) { String(buffer: $0.body) }
            }
            #expect(try await json() == #"{"matches":[]}"#)
            // An officer may not show it; a supervisor may.
            let officer = try await signIn(client, "zjj.officer")
            let page = try await client.execute(uri: "/library/\(entry)", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(page.contains("不在网上申请平台展示") && !page.contains("action=\"/library/\(entry)/portal\""))
            let refused = try await client.execute(uri: "/library/\(entry)/portal", method: .post, headers: form(officer),
                                                   body: ByteBuffer(string: "_csrf=\(try csrf(page))&show=yes")) { $0.status }
            #expect(refused == .forbidden)
            let supervisor = try await signIn(client, "zjj.supervisor")
            let own = try await client.execute(uri: "/library/\(entry)", method: .get, headers: [.cookie: supervisor]) { String(buffer: $0.body) }
            let shown = try await client.execute(uri: "/library/\(entry)/portal", method: .post, headers: form(supervisor),
                                                 body: ByteBuffer(string: "_csrf=\(try csrf(own))&show=yes")) { $0.status }
            #expect(shown == .seeOther)

            let found = try await json()
            #expect(found.contains("房屋征收补偿标准在哪里查询") && found.contains("/apply/answers/\(entry)"))
            let looked = try await client.execute(uri: "/apply?look=\(encoded("征收补偿"))", method: .get) { String(buffer: $0.body) }
            #expect(looked.contains("<a href=\"/apply/answers/\(entry)\">房屋征收补偿标准在哪里查询</a>") && looked.contains("value=\"征收补偿\""))
            let nothing = try await client.execute(uri: "/apply?look=\(encoded("低保名单"))", method: .get) { String(buffer: $0.body) }
            #expect(nothing.contains("没有找到相关的已公开内容"))
            let blank = try await client.execute(uri: "/apply?look=%20", method: .get) { String(buffer: $0.body) }
            #expect(!blank.contains("没有找到相关的已公开内容") && blank.contains("id=\"similar\" aria-live=\"polite\" class=\"hint\" hidden"))
            let answer = try await client.execute(uri: "/apply/answers/\(entry)", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(answer.0 == .ok && answer.1.contains("经七路片区征收补偿方案已在区政府网站公开。"))
        }
    }

    /// Issue 17 ¶1: the public case library the guide links to — only what a supervisor chose to
    /// show, newest first twenty to a page, searchable; a page number out of range is refused.
    @Test func thePublicCaseLibraryListsOnlyWhatIsShown() async throws {
        let f = try await PagesFixture.make("portal-library", users: [])
        let library = LibraryStore(pool: f.pool)
        var added: [Int64] = []
        for n in 1...23 {
            added.append(try await library.add(LibraryEntry(kind: .typicalCase, title: "典型案例第\(n)号：征收补偿", body: "第\(n)号案例的答复要点。"), by: nil))
        }
        let shown = added
        let hidden = try await library.add(LibraryEntry(kind: .faq, title: "内部掌握的口径", body: "不对外。"), by: nil)
        try await f.pool.query("UPDATE library_entries SET shown_in_portal = true WHERE id = ANY(\(shown))")
        try await f.app.test(.router) { client in
            func get(_ uri: String) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: uri, method: .get) { ($0.status, String(buffer: $0.body)) }
            }
            let form = try await get("/apply")
            #expect(form.1.contains("<a href=\"/apply/answers\">典型案例与常见问题</a>"))
            let first = try await get("/apply/answers")
            #expect(first.0 == .ok && first.1.contains("共23条") && first.1.contains("第1页，共2页") && first.1.contains("href=\"/apply/answers?page=2\""))
            #expect(first.1.components(separatedBy: "href=\"/apply/answers/").count - 1 == 20)
            #expect(first.1.contains("/apply/answers/\(shown[22])\"") && !first.1.contains("/apply/answers/\(shown[0])\""), "newest first")
            let second = try await get("/apply/answers?page=2")
            #expect(second.1.components(separatedBy: "href=\"/apply/answers/").count - 1 == 3 && second.1.contains("/apply/answers/\(shown[0])\""))
            #expect(!first.1.contains("内部掌握的口径") && !second.1.contains("内部掌握的口径"))
            let past = try await get("/apply/answers?page=9")
            #expect(past.0 == .ok && past.1.contains("暂无内容") && past.1.contains("href=\"/apply/answers?page=2\""))
            let found = try await get("/apply/answers?q=\(encoded("征收补偿"))")
            #expect(found.0 == .ok && found.1.contains("典型案例第") && found.1.contains("value=\"征收补偿\""))
            let none = try await get("/apply/answers?q=\(encoded("内部掌握的口径"))")
            #expect(none.1.contains("没有找到相关内容"))
            #expect(try await get("/apply/answers/\(hidden)").0 == .notFound)
            for bad in ["0", "-1", "abc", "1001", "99999999999999999999"] {
                #expect(try await get("/apply/answers?page=\(bad)").0 == .unprocessableContent, "page=\(bad)")
            }
        }
    }

    @Test func oneAddressMaySubmitOnlySoOften() async throws {
        var limits = PortalLimits()
        limits.submissionsPerAddress = 2
        let f = try await PagesFixture.make("portal-rate", users: [], portalLimits: limits)
        try await f.app.test(.router) { client in
            for _ in 0..<2 { #expect(try await apply(client, f).0 == .ok) }
            let (status, page) = try await apply(client, f)
            #expect(status == .tooManyRequests && page.contains("提交申请过于频繁"))
            #expect(try await count(f, "portal_submissions") == 2)
        }
    }

    @Test func anOfficerSeesOnlyTheirAgencysSubmissions() async throws {
        let f = try await PagesFixture.make("portal-scope", users: ["zjj.officer", "qls.officer"])
        try await f.app.test(.router) { client in
            let (_, page) = try await apply(client, f)
            let (code, _) = try receipt(page)
            let id = try await f.pool.query("SELECT id FROM portal_submissions").single().decode(Int64.self, at: 0)
            let other = try await signIn(client, "qls.officer")
            let queue = try await client.execute(uri: "/submissions", method: .get, headers: [.cookie: other]) { String(buffer: $0.body) }
            #expect(!queue.contains(code))
            let detail = try await client.execute(uri: "/submissions/\(id)", method: .get, headers: [.cookie: other]) { $0.status }
            #expect(detail == .notFound)
            let confirm = try await client.execute(uri: "/submissions/\(id)/confirm", method: .post, headers: form(other),
                                                   body: ByteBuffer(string: "_csrf=\(try csrf(queue))")) { $0.status }
            #expect(confirm == .notFound)
            #expect(try await count(f, "cases") == 0)
        }
    }
}
