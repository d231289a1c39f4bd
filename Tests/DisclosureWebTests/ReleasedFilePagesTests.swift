import DisclosureCore
import DisclosureStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Testing

@testable import DisclosureWeb

/// 公开的信息 through the pages: an officer puts the released files up as a multipart form
/// (which passes the CSRF check only with the session's token), downloads and withdraws them;
/// bad files, other people and a replied case are refused in Chinese with nothing stored.
@Suite struct ReleasedFilePagesTests: PageTesting {
    static let pdf: [UInt8] = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x42, count: 4000)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 9, count: 500)
    static let today = "2026-11-30"

    /// A case of the housing bureau, handled by its officer.
    func openCase(_ f: PagesFixture) async throws -> (CaseStore, CaseStore.Record) {
        let store = CaseStore(pool: f.pool, calendars: CalendarStore(pool: f.pool))
        let housing = f.directory.agencies.first { $0.code == "szq-zjj" }!
        let officer = f.directory.users.first { $0.username == "zjj.officer" }!
        let day = LocalDate(iso: "2026-11-27")!
        let record = try await store.register(
            Intake(applicant: Applicant(kind: .naturalPerson, name: "张三", phone: "13800138000"), agencyID: housing.id, officerID: officer.id,
                   channel: .inPerson, arrivedOn: day, subject: "征收补偿方案", description: "请提供", deliveryWanted: .platform, registeredOn: day),
            by: officer.actor, today: LocalDate(iso: Self.today)!, scope: .everything(reason: "test"))
        return (store, record)
    }

    func upload(_ client: some TestClientProtocol, _ caseID: Int64, cookie: String, csrf: String?, _ files: [Upload]) async throws -> (HTTPResponse.Status, String) {
        var headers = multipartHeaders
        headers[.cookie] = cookie
        let fields = csrf.map { [("_csrf", $0)] } ?? []
        let (status, location, body) = try await client.execute(uri: "/cases/\(caseID)/files", method: .post, headers: headers,
                                                                body: multipart(fields, files: files, field: "file")) {
            ($0.status, $0.headers[.location], String(buffer: $0.body))
        }
        guard status == .seeOther, let location else { return (status, body) }
        return try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]) { ($0.status, String(buffer: $0.body)) }
    }

    func stored(_ f: PagesFixture) async throws -> Int {
        try await f.pool.query("SELECT count(*) FROM released_files").single().decode(Int.self, at: 0)
    }

    @Test func anOfficerPutsUpDownloadsAndWithdrawsAFile() async throws {
        let f = try await PagesFixture.make("released-pages", users: ["zjj.officer"], today: Self.today)
        let (_, record) = try await openCase(f)
        try await f.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let casePage = try await client.execute(uri: "/cases/\(record.id)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(casePage.contains("href=\"/cases/\(record.id)/files\"") && casePage.contains("请在答复前于「公开的信息」上传"))
            let list = try await client.execute(uri: "/cases/\(record.id)/files", method: .get, headers: [.cookie: cookie]) { ($0.status, String(buffer: $0.body)) }
            #expect(list.0 == .ok && list.1.contains("enctype=\"multipart/form-data\"") && list.1.contains("本案还没有上传公开的信息。"))
            #expect(list.1.contains("以公开或部分公开答复后，申请人可在网上平台下载"))
            let token = try csrf(list.1)

            // Without the session's token the upload is refused before anything is read into the database.
            let forged = try await upload(client, record.id, cookie: cookie, csrf: nil, [Upload(name: "方案.pdf", type: "application/pdf", bytes: Self.pdf)])
            #expect(forged.0 == .forbidden && forged.1.contains("CSRF"))
            let wrong = try await upload(client, record.id, cookie: cookie, csrf: "not-the-token", [Upload(name: "方案.pdf", type: "application/pdf", bytes: Self.pdf)])
            #expect(wrong.0 == .forbidden)
            #expect(try await stored(f) == 0)

            let (status, page) = try await upload(client, record.id, cookie: cookie, csrf: token, [Upload(name: "C:\\扫描\\补偿方案.pdf", type: "application/pdf", bytes: Self.pdf)])
            #expect(status == .ok && page.contains("文件已上传。") && page.contains(">补偿方案.pdf</a>") && !page.contains("本案还没有上传"))
            let fileID = try await f.pool.query("SELECT id FROM released_files").single().decode(Int64.self, at: 0)
            let reminded = try await client.execute(uri: "/cases/\(record.id)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(!reminded.contains("请在答复前于「公开的信息」上传"), "no reminder once a file is up")

            let download = try await client.execute(uri: "/cases/\(record.id)/files/\(fileID)", method: .get, headers: [.cookie: cookie]) { response in
                (response.status, response.headers[.contentType], response.headers[.contentDisposition],
                 response.headers[HTTPField.Name("X-Content-Type-Options")!], [UInt8](buffer: response.body))
            }
            #expect(download.0 == .ok && download.1 == "application/pdf" && download.3 == "nosniff" && download.4 == Self.pdf)
            #expect(download.2?.hasPrefix("attachment;") == true && download.2?.contains("UTF-8''%E8%A1%A5%E5%81%BF%E6%96%B9%E6%A1%88.pdf") == true)
            // The file is reached through its own case only.
            let elsewhere = try await client.execute(uri: "/cases/\(record.id + 1)/files/\(fileID)", method: .get, headers: [.cookie: cookie]) { $0.status }
            #expect(elsewhere == .notFound)

            // Withdrawing asks first, then keeps the file on record, marked.
            let withdrawForm = "_csrf=\(token)"
            let asked = try await client.execute(uri: "/cases/\(record.id)/files/\(fileID)/withdraw", method: .post, headers: form(cookie),
                                                 body: ByteBuffer(string: withdrawForm)) { ($0.status, String(buffer: $0.body)) }
            #expect(asked.0 == .ok && asked.1.contains("确认撤下") && asked.1.contains("补偿方案.pdf"))
            #expect(try await f.pool.query("SELECT count(*) FROM released_files WHERE withdrawn_at IS NOT NULL").single().decode(Int.self, at: 0) == 0)
            let done = try await client.execute(uri: "/cases/\(record.id)/files/\(fileID)/withdraw", method: .post, headers: form(cookie),
                                                body: ByteBuffer(string: withdrawForm + "&confirm=yes")) { ($0.status, $0.headers[.location]) }
            #expect(done.0 == .seeOther && done.1 == "/cases/\(record.id)/files?done=withdrawn")
            let after = try await client.execute(uri: try #require(done.1), method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(after.contains("文件已撤下，申请人不会看到它") && !after.contains("/files/\(fileID)/withdraw"))
            #expect(after.range(of: "于20[0-9]{2}年[0-9]+月[0-9]+日[^<]*撤下", options: .regularExpression) != nil)
            #expect(try await stored(f) == 1)
        }
    }

    @Test func badFilesAreRefusedInChineseAndNothingIsStored() async throws {
        let f = try await PagesFixture.make("released-bad", users: ["zjj.officer"], today: Self.today)
        let (_, record) = try await openCase(f)
        try await f.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let token = try csrf(try await client.execute(uri: "/cases/\(record.id)/files", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) })
            let html = try await upload(client, record.id, cookie: cookie, csrf: token, [Upload(name: "方案.pdf", type: "application/pdf", bytes: Array("<html><script>".utf8))])
            #expect(html.0 == .unprocessableContent && html.1.contains("不是PDF、JPEG或PNG文件"))
            let mislabelled = try await upload(client, record.id, cookie: cookie, csrf: token, [Upload(name: "图.pdf", type: "application/pdf", bytes: Self.png)])
            #expect(mislabelled.0 == .unprocessableContent && mislabelled.1.contains("与文件内容（PNG）不符"))
            let none = try await upload(client, record.id, cookie: cookie, csrf: token, [])
            #expect(none.0 == .unprocessableContent && none.1.contains("请选择要上传的文件。"))
            // Above the limit the body is not read whole: 413, in Chinese.
            let huge = Upload(name: "大.pdf", type: "application/pdf", bytes: Array("%PDF-".utf8) + [UInt8](repeating: 0, count: MultipartForm.maxStaffBytes))
            let tooLarge = try await upload(client, record.id, cookie: cookie, csrf: token, [huge])
            #expect(tooLarge.0 == .contentTooLarge && tooLarge.1.contains("超过20MB"))
            // A body that claims to be multipart but is not.
            var headers = multipartHeaders
            headers[.cookie] = cookie
            let garbled = try await client.execute(uri: "/cases/\(record.id)/files", method: .post, headers: headers,
                                                   body: ByteBuffer(string: "--\(multipartBoundary)\r\nnonsense")) { ($0.status, String(buffer: $0.body)) }
            #expect(garbled.0 == .badRequest && garbled.1.contains("无法读取"), "\(garbled)")
            #expect(try await stored(f) == 0)
        }
    }

    @Test func onlyThoseWhoHandleTheCasePutFilesUp() async throws {
        let f = try await PagesFixture.make("released-who", users: ["zjj.officer", "zjj.officer2", "qls.officer"], today: Self.today)
        let (_, record) = try await openCase(f)
        _ = try await ReleasedFileStore(pool: f.pool).add(caseID: record.id, fileName: "方案.pdf", kind: .pdf, bytes: Self.pdf,
                                                          by: f.directory.users.first { $0.username == "zjj.officer" }!.id, scope: .everything(reason: "test"))
        let fileID = try await f.pool.query("SELECT id FROM released_files").single().decode(Int64.self, at: 0)
        try await f.app.test(.router) { client in
            // A colleague of the agency sees and downloads, but neither puts up nor withdraws.
            let colleague = try await signIn(client, "zjj.officer2")
            let list = try await client.execute(uri: "/cases/\(record.id)/files", method: .get, headers: [.cookie: colleague]) { ($0.status, String(buffer: $0.body)) }
            #expect(list.0 == .ok && list.1.contains(">方案.pdf</a>") && !list.1.contains("type=\"file\"") && list.1.contains("只有本案承办人或本机关审核人可以上传"))
            let token = try csrf(list.1)
            let refused = try await upload(client, record.id, cookie: colleague, csrf: token, [Upload(name: "a.pdf", type: "application/pdf", bytes: Self.pdf)])
            #expect(refused.0 == .forbidden && refused.1.contains("无权上传"))
            let withdrawal = try await client.execute(uri: "/cases/\(record.id)/files/\(fileID)/withdraw", method: .post, headers: form(colleague),
                                                      body: ByteBuffer(string: "_csrf=\(token)&confirm=yes")) { $0.status }
            #expect(withdrawal == .forbidden)
            let download = try await client.execute(uri: "/cases/\(record.id)/files/\(fileID)", method: .get, headers: [.cookie: colleague]) { $0.status }
            #expect(download == .ok)
            // Another agency's officer finds no such case, and no file.
            let stranger = try await signIn(client, "qls.officer")
            for path in ["/cases/\(record.id)/files", "/cases/\(record.id)/files/\(fileID)"] {
                let status = try await client.execute(uri: path, method: .get, headers: [.cookie: stranger]) { $0.status }
                #expect(status == .notFound, "\(path)")
            }
            #expect(try await stored(f) == 1)
            #expect(try await f.pool.query("SELECT count(*) FROM released_files WHERE withdrawn_at IS NOT NULL").single().decode(Int.self, at: 0) == 0)
        }
    }

    @Test func afterTheReplyTheFilesAreFixed() async throws {
        let f = try await PagesFixture.make("released-fixed", users: ["zjj.officer"], today: Self.today)
        let (store, record) = try await openCase(f)
        let officer = f.directory.users.first { $0.username == "zjj.officer" }!
        let kept = try await ReleasedFileStore(pool: f.pool).add(caseID: record.id, fileName: "方案.pdf", kind: .pdf, bytes: Self.pdf, by: officer.id,
                                                                 scope: .everything(reason: "test"))
        _ = try await store.append(CaseEvent(.reply(ReplyDraft(disposition: .disclose, provision: .electronic)), on: LocalDate(iso: Self.today)!, by: officer.actor),
                                   to: record.id, expectedVersion: record.snapshot.version, today: LocalDate(iso: Self.today)!, scope: .everything(reason: "test"))
        try await f.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let list = try await client.execute(uri: "/cases/\(record.id)/files", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(!list.contains("type=\"file\"") && list.contains("不能再增加或撤下文件") && list.contains("已可在网上平台下载"))
            let token = try csrf(list)
            let late = try await upload(client, record.id, cookie: cookie, csrf: token, [Upload(name: "b.pdf", type: "application/pdf", bytes: Self.pdf)])
            #expect(late.0 == .unprocessableContent && late.1.contains("不能再增加文件"))
            let withdrawal = try await client.execute(uri: "/cases/\(record.id)/files/\(kept.id)/withdraw", method: .post, headers: form(cookie),
                                                      body: ByteBuffer(string: "_csrf=\(token)&confirm=yes")) { ($0.status, String(buffer: $0.body)) }
            #expect(withdrawal.0 == .conflict && withdrawal.1.contains("不能撤下"))
            #expect(try await stored(f) == 1)
        }
    }
}
