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
    static let boundary = "----portal-test-boundary"

    struct Upload {
        var name: String
        var type: String
        var bytes: [UInt8]
    }

    /// A multipart/form-data body as a browser sends it.
    func multipart(_ fields: [(String, String)], files: [Upload] = []) -> ByteBuffer {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files.isEmpty ? [Upload(name: "", type: "application/octet-stream", bytes: [])] : files {
            body += Array("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(Self.boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    var multipartHeaders: HTTPFields { [.contentType: "multipart/form-data; boundary=\(Self.boundary)"] }

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
                                        body: multipart(fields(agency: housing(f), token: token, answer: wrongAnswer ? "99" : answer, change: change), files: files)) {
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

    func track(_ client: some TestClientProtocol, code: String, password: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: "/apply/track", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: "code=\(encoded(code))&password=\(encoded(password))")) { ($0.status, String(buffer: $0.body)) }
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
            #expect(!empty.1.contains("<script"), "the portal works without JavaScript")

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
