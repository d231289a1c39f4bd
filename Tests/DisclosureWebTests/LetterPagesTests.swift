import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Logging
import PostgresTestSupport
import Testing

/// 文书 through the pages: generate, edit, finalise, and what is refused.
@Suite struct LetterPagesTests: PageTesting {
    typealias Setup = PagesFixture

    func setup(_ label: String) async throws -> Setup {
        try await PagesFixture.make(label, users: ["zjj.officer", "qls.officer", "admin"])
    }

    /// Registers a case through the intake form; returns its path.
    func registerCase(_ client: some TestClientProtocol, _ cookie: String, _ s: Setup) async throws -> String {
        let page = try await client.execute(uri: "/cases/new", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
        let agency = s.directory.agencies.first { $0.code == "szq-zjj" }!.id
        let fields = "agencyID=\(agency)&channel=registered_post&arrivedOn=2024-09-02&kind=natural_person&phone=13800138000"
            + "&subject=\(encoded("征收补偿方案"))&description=\(encoded("请提供"))&name=\(encoded("张三"))&_csrf=\(try csrf(page))"
        let location = try await client.execute(uri: "/cases/new", method: .post, headers: form(cookie), body: ByteBuffer(string: fields)) { response in
            #expect(response.status == .seeOther)
            return try #require(response.headers[.location])
        }
        return String(location.split(separator: "?")[0])
    }

    func count(_ s: Setup, _ sql: Query) async throws -> Int { try await s.pool.query(sql).single().decode(Int.self, at: 0) }

    /// A correction notice whose period runs into 2027, before 2027's notice is imported: the
    /// draft warns, before it is finalised, that the date it states is provisional.
    @Test func aDraftStatingAProvisionalDateSaysSoBeforeItIsFinalised() async throws {
        let s = try await PagesFixture.make("letters-provisional", users: ["zjj.officer"], today: "2026-11-29")
        let store = CaseStore(pool: s.pool, calendars: CalendarStore(pool: s.pool))
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        let today = LocalDate(iso: "2026-11-29")!
        let record = try await store.register(Intake(applicant: Applicant(kind: .naturalPerson, name: "张三", phone: "13800138000"), agencyID: housing.id,
                                                     officerID: officer.id, channel: .inPerson, arrivedOn: LocalDate(iso: "2026-11-27")!, subject: "征收补偿方案",
                                                     description: "请提供", registeredOn: LocalDate(iso: "2026-11-27")!), by: officer.actor, today: today, scope: .everything(reason: "tests see every agency"))
        let corrected = try await store.append(CaseEvent(.requestCorrection(CorrectionRequest(items: ["请写明文号"], periodWorkingDays: 30)), on: today, by: officer.actor),
                                               to: record.id, expectedVersion: 1, today: today, scope: .everything(reason: "tests see every agency"))
        // 30 working days after Sunday 11-29: 11-30 and 23 in December, then 2027 without its notice → 2027-01-11.
        #expect(corrected.snapshot.correction?.dueOn == LocalDate(iso: "2027-01-11")!)
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let list = try await client.execute(uri: "/cases/\(record.id)/letters", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let letterURL = try await client.execute(uri: "/cases/\(record.id)/letters", method: .post, headers: form(cookie),
                                                     body: ByteBuffer(string: "kind=correction&_csrf=\(try csrf(list))")) { response in
                #expect(response.status == .seeOther)
                return String(try #require(response.headers[.location]).split(separator: "?")[0])
            }
            let draft = try await client.execute(uri: letterURL, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(draft.contains("本文书写明的2027年1月11日是预计日期"))
            let receipt = try await client.execute(uri: "/cases/\(record.id)/letters", method: .post, headers: form(cookie),
                                                   body: ByteBuffer(string: "kind=receipt&_csrf=\(try csrf(list))")) { response in
                String(try #require(response.headers[.location]).split(separator: "?")[0])
            }
            let plain = try await client.execute(uri: receipt, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(!plain.contains("预计日期"))
        }
    }

    @Test func generateEditFinaliseAndRefuseEditsAfterwards() async throws {
        let s = try await setup("letters-pages")
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let caseURL = try await registerCase(client, cookie, s)
            let list = try await client.execute(uri: caseURL + "/letters", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(list.contains("<option value=\"receipt\">接收回执</option>"))
            #expect(!list.contains("value=\"reply\""))  // nothing to reply with yet
            let token = try csrf(list)

            // Without the CSRF token: refused, nothing made.
            try await client.execute(uri: caseURL + "/letters", method: .post, headers: form(cookie), body: ByteBuffer(string: "kind=receipt")) { response in
                #expect(response.status == .forbidden)
            }
            #expect(try await count(s, "SELECT count(*) FROM documents") == 0)
            // A letter the case cannot have yet is refused with a reason.
            try await client.execute(uri: caseURL + "/letters", method: .post, headers: form(cookie), body: ByteBuffer(string: "kind=reply&_csrf=\(token)")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("尚不能生成“答复书”"))
            }

            let letterURL = try await client.execute(uri: caseURL + "/letters", method: .post, headers: form(cookie), body: ByteBuffer(string: "kind=receipt&_csrf=\(token)")) { response in
                #expect(response.status == .seeOther)
                return String(try #require(response.headers[.location]).split(separator: "?")[0])
            }
            let draft = try await client.execute(uri: letterURL, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(draft.contains("政府信息公开申请接收回执"))
            #expect(draft.contains("张三："))
            #expect(draft.contains("本机关收到申请之日为2024年9月2日。"))
            #expect(!draft.contains("星期"))
            #expect(draft.contains("草稿（定稿时编号）"))
            #expect(draft.contains("<textarea id=\"body\" name=\"body\""))
            #expect(draft.contains("/static/letter.css"))

            let edited = "您的申请已收悉。\r\n本机关将依法答复。"
            try await client.execute(uri: letterURL, method: .post, headers: form(cookie), body: ByteBuffer(string: "body=\(encoded(edited))&_csrf=\(token)")) { response in
                #expect(response.status == .seeOther)
            }
            let after = try await client.execute(uri: letterURL, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(after.contains("<p class=\"letter-paragraph\">您的申请已收悉。</p>"))
            #expect(after.contains("<p class=\"letter-paragraph\">本机关将依法答复。</p>"))

            // Finalising is confirmed first: the first post only asks, and nothing is numbered yet.
            try await client.execute(uri: letterURL + "/finalise", method: .post, headers: form(cookie), body: ByteBuffer(string: "_csrf=\(token)")) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("确认定稿") && html.contains("文号一经使用不再收回"))
                #expect(html.contains("name=\"confirm\" value=\"yes\""))
            }
            #expect(try await s.pool.query("SELECT count(*) FROM documents WHERE number IS NULL AND status = 'draft'").single().decode(Int.self, at: 0) == 1)
            try await client.execute(uri: letterURL + "/finalise", method: .post, headers: form(cookie), body: ByteBuffer(string: "_csrf=\(token)&confirm=yes")) { response in
                #expect(response.status == .seeOther)
            }
            let final = try await client.execute(uri: letterURL, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(final.contains("市中区住建局收〔2024〕第1号"))
            #expect(final.contains("已定稿"))
            #expect(!final.contains("<textarea"))

            try await client.execute(uri: letterURL, method: .post, headers: form(cookie), body: ByteBuffer(string: "body=\(encoded("偷偷改"))&_csrf=\(token)")) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("该文书已定稿，不能再修改"))
            }
            for confirmed in ["", "&confirm=yes"] {
                try await client.execute(uri: letterURL + "/finalise", method: .post, headers: form(cookie), body: ByteBuffer(string: "_csrf=\(token)\(confirmed)")) { response in
                    #expect(response.status == .conflict)
                }
                // A final letter is never deleted, confirmed or not.
                try await client.execute(uri: letterURL + "/delete", method: .post, headers: form(cookie), body: ByteBuffer(string: "_csrf=\(token)\(confirmed)")) { response in
                    #expect(response.status == .conflict)
                    #expect(String(buffer: response.body).contains("定稿的文书不能删除"))
                }
            }
            #expect(try await s.pool.query("SELECT body FROM documents").single().decode(String.self, at: 0) == "您的申请已收悉。\n本机关将依法答复。")

            // A draft is deleted after its confirmation.
            try await client.execute(uri: caseURL + "/letters", method: .post, headers: form(cookie), body: ByteBuffer(string: "kind=receipt&_csrf=\(token)")) { response in
                #expect(response.status == .seeOther)
            }
            let draftID = try await s.pool.query("SELECT max(id) FROM documents WHERE status = 'draft'").single().decode(Int64.self, at: 0)
            try await client.execute(uri: "/letters/\(draftID)/delete", method: .post, headers: form(cookie), body: ByteBuffer(string: "_csrf=\(token)")) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("确认删除"))
            }
            #expect(try await s.pool.query("SELECT count(*) FROM documents").single().decode(Int.self, at: 0) == 2)
            try await client.execute(uri: "/letters/\(draftID)/delete", method: .post, headers: form(cookie), body: ByteBuffer(string: "_csrf=\(token)&confirm=yes")) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await s.pool.query("SELECT count(*) FROM documents").single().decode(Int.self, at: 0) == 1)
            let listed = try await client.execute(uri: caseURL + "/letters", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(listed.contains("市中区住建局收〔2024〕第1号"))
        }
    }

    @Test func anAdministratorsTemplateEndsEveryLetterOfItsKind() async throws {
        let s = try await setup("letters-template")
        try await s.app.test(.router) { client in
            let admin = try await signIn(client, "admin")
            let adminPage = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(adminPage.contains("文书模板"))
            let closing = encoded("联系人：王芳，联系电话：0531-86001234\n{机关}信息公开办公室（{案件编号}）")
            try await client.execute(uri: "/admin/templates", method: .post, headers: form(admin),
                                     body: ByteBuffer(string: "_csrf=\(try csrf(adminPage))&kind=receipt&closing=\(closing)")) { response in
                #expect(response.status == .seeOther)
            }
            let cookie = try await signIn(client, "zjj.officer")
            let caseURL = try await registerCase(client, cookie, s)
            let list = try await client.execute(uri: caseURL + "/letters", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let letterURL = try await client.execute(uri: caseURL + "/letters", method: .post, headers: form(cookie),
                                                     body: ByteBuffer(string: "kind=receipt&_csrf=\(try csrf(list))")) { try #require($0.headers[.location]) }
            let letter = try await client.execute(uri: letterURL, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(letter.contains("联系人：王芳，联系电话：0531-86001234"))
            #expect(letter.contains("济南市市中区住房和城乡建设局信息公开办公室（市中区住建局依申〔2024〕第0001号）"))
        }
    }

    @Test func anotherAgencysOfficerFindsNothing() async throws {
        let s = try await setup("letters-walls")
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let caseURL = try await registerCase(client, cookie, s)
            let token = try csrf(try await client.execute(uri: caseURL + "/letters", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) })
            let letterURL = try await client.execute(uri: caseURL + "/letters", method: .post, headers: form(cookie), body: ByteBuffer(string: "kind=receipt&_csrf=\(token)")) { response in
                String(try #require(response.headers[.location]).split(separator: "?")[0])
            }
            let other = try await signIn(client, "qls.officer")
            let otherToken = try csrf(try await client.execute(uri: "/", method: .get, headers: [.cookie: other]) { String(buffer: $0.body) })
            for uri in [caseURL + "/letters", letterURL] {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: other]) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(!String(buffer: response.body).contains("张三"))
                }
            }
            try await client.execute(uri: caseURL + "/letters", method: .post, headers: form(other), body: ByteBuffer(string: "kind=receipt&_csrf=\(otherToken)")) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: letterURL, method: .post, headers: form(other), body: ByteBuffer(string: "body=x&_csrf=\(otherToken)")) { response in
                #expect(response.status == .notFound)
            }
            for action in ["/finalise", "/delete"] {
                try await client.execute(uri: letterURL + action, method: .post, headers: form(other), body: ByteBuffer(string: "_csrf=\(otherToken)&confirm=yes")) { response in
                    #expect(response.status == .notFound)
                }
            }
            try await client.execute(uri: "/letters/987654", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .notFound)
            }
            #expect(try await count(s, "SELECT count(*) FROM documents") == 1)
            #expect(try await count(s, "SELECT count(*) FROM documents WHERE status = 'draft' AND body NOT LIKE '%x%'") == 1)
        }
    }
}
