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

/// The HTML side: sign-in, sessions, CSRF, and the forms going through the lifecycle.
@Suite struct PagesTests: PageTesting {
    typealias Setup = PagesFixture

    func setup(_ label: String) async throws -> Setup {
        try await PagesFixture.make(label, users: ["zjj.officer", "zjj.supervisor", "qls.officer", "admin", "bgs.supervisor"])
    }

    /// Signs in (through the sign-in form) and returns the session cookie.
    func signIn(_ client: some TestClientProtocol, _ username: String) async throws -> String {
        try await signIn(client, username, next: "/cases")
    }

    @Test func signInIsRequiredAndWrongPasswordsAreRefused() async throws {
        let s = try await setup("pages-login")
        try await s.app.test(.router) { client in
            try await client.execute(uri: "/cases?state=registered", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=/cases?state%3Dregistered")
            }
            let (loginCookie, token) = try await loginForm(client)
            try await client.execute(uri: "/login", method: .post, headers: form(loginCookie),
                                     body: ByteBuffer(string: "username=zjj.officer&password=wrong&_csrf=\(token)")) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("用户名或密码不正确"))
                #expect(setCookies(response)["dd_session"] == nil)
            }
            let cookie = try await signIn(client, "zjj.officer")
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("工作台"))
                // The layout's pragma (its escaping) leaves nothing before the doctype.
                #expect(String(buffer: response.body).hasPrefix("<!DOCTYPE html>"))
            }
            let html = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            try await client.execute(uri: "/logout", method: .post, headers: form(cookie), body: ByteBuffer(string: "_csrf=\(try csrf(html))")) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .seeOther)
            }
        }
    }

    @Test func intakeAndAnEventThroughTheForms() async throws {
        let s = try await setup("pages-forms")
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let page = try await client.execute(uri: "/cases/new", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("以邮寄方式提交的，以行政机关签收之日为收到申请之日"))
            let token = try csrf(page)
            let agency = s.directory.agencies.first { $0.code == "szq-zjj" }!.id
            let fields = "agencyID=\(agency)&channel=registered_post&arrivedOn=2024-09-02&kind=natural_person&phone=13800138000"
                + "&subject=%E5%BE%81%E6%94%B6%E8%A1%A5%E5%81%BF%E6%96%B9%E6%A1%88&description=%E8%AF%B7%E6%8F%90%E4%BE%9B"
            // Without the token: refused, nothing saved.
            try await client.execute(uri: "/cases/new", method: .post, headers: form(cookie), body: ByteBuffer(string: fields + "&name=%E5%BC%A0%E4%B8%89")) { response in
                #expect(response.status == .forbidden)
            }
            // Without a name: the form comes back with the message beside the field.
            try await client.execute(uri: "/cases/new", method: .post, headers: form(cookie), body: ByteBuffer(string: fields + "&_csrf=\(token)")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("field-error"))
            }
            var location = ""
            try await client.execute(uri: "/cases/new", method: .post, headers: form(cookie), body: ByteBuffer(string: fields + "&name=%E5%BC%A0%E4%B8%89&_csrf=\(token)")) { response in
                #expect(response.status == .seeOther)
                location = try #require(response.headers[.location])
            }
            let caseURL = String(location.split(separator: "?")[0])
            let casePage = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(casePage.contains("市中区住建局依申〔2024〕第0001号"))
            #expect(casePage.contains("2024年9月30日（星期一）"))
            #expect(casePage.contains("/events/request_correction"))
            #expect(!casePage.contains("/events/approve_extension"))
            let eventForm = try await client.execute(uri: caseURL + "/events/request_correction", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let key = try #require(eventForm.range(of: "name=\"_key\" value=\"").map { String(eventForm[$0.upperBound...].prefix(36)) })
            let body = "_csrf=\(token)&_key=\(key)&expectedVersion=1&on=2024-09-20&items=%E8%AF%B7%E6%98%8E%E7%A1%AE%E6%96%87%E5%8F%B7"
            try await client.execute(uri: caseURL + "/events/request_correction", method: .post, headers: form(cookie), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .seeOther)
            }
            let after = try await client.execute(uri: caseURL, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(after.contains("待补正"))
            #expect(after.contains("补正：请明确文号"))
            // The same form sent again (a double click): recorded once, answered as the first was.
            try await client.execute(uri: caseURL + "/events/request_correction", method: .post, headers: form(cookie), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == caseURL + "?done=request_correction")
            }
            // Another form made at version 1 is stale: it says so and shows the current case; nothing recorded.
            let another = body.replacingOccurrences(of: "_key=\(key)", with: "_key=\(UUID().uuidString)")
            try await client.execute(uri: caseURL + "/events/request_correction", method: .post, headers: form(cookie), body: ByteBuffer(string: another)) { response in
                #expect(response.status == .conflict)
                let html = String(buffer: response.body)
                #expect(html.contains("已被他人更新"))
                #expect(html.contains("待补正"))
            }
            let count = try await s.pool.query("SELECT count(*) FROM case_events").single().decode(Int.self, at: 0)
            #expect(count == 2)
            // The CSV export starts with a byte-order mark and holds the case.
            try await client.execute(uri: "/cases.csv", method: .get, headers: [.cookie: cookie]) { response in
                let bytes = Array(response.body.readableBytesView)
                #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
                #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).contains("市中区住建局依申〔2024〕第0001号,待补正"))
            }
            // Another agency's officer cannot open it.
            let other = try await signIn(client, "qls.officer")
            try await client.execute(uri: caseURL, method: .get, headers: [.cookie: other]) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func htmlTypedByUsersIsShownEscaped() async throws {
        let s = try await setup("pages-escape")
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let token = try csrf(try await client.execute(uri: "/cases/new", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) })
            let agency = s.directory.agencies.first { $0.code == "szq-zjj" }!.id
            let script = "%3Cscript%3Ealert(1)%3C%2Fscript%3E"
            let fields = "_csrf=\(token)&agencyID=\(agency)&channel=in_person&arrivedOn=2024-09-02&kind=natural_person&phone=13800138000"
                + "&name=\(script)&subject=\(script)&description=%3Cb%3Ebold%3C%2Fb%3E"
            let location = try await client.execute(uri: "/cases/new", method: .post, headers: form(cookie), body: ByteBuffer(string: fields)) {
                try #require($0.headers[.location])
            }
            let html = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("&lt;b&gt;bold&lt;/b&gt;"))
        }
    }

    @Test func administratorsManageUsersAgenciesAndTheCalendar() async throws {
        let s = try await setup("pages-admin")
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            try await client.execute(uri: "/admin", method: .get, headers: [.cookie: officer]) { response in
                #expect(response.status == .forbidden)
            }
            let admin = try await signIn(client, "admin")
            let page = try await client.execute(uri: "/admin/agencies", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(page.contains("市中区住建局依申〔2024〕第0012号"))
            let token = try csrf(page)
            let agency = s.directory.agencies.first { $0.code == "szq-zjj" }!
            // A weak password is refused with the reason; nothing is added.
            try await client.execute(uri: "/admin/users", method: .post, headers: form(admin),
                                     body: ByteBuffer(string: "_csrf=\(token)&username=new.officer&name=%E5%88%98%E6%B4%8B&role=officer&agencyID=\(agency.id)&password=short")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("密码至少需要10个字符"))
            }
            try await client.execute(uri: "/admin/users", method: .post, headers: form(admin),
                                     body: ByteBuffer(string: "_csrf=\(token)&username=new.officer&name=%E5%88%98%E6%B4%8B&role=officer&agencyID=\(agency.id)&password=staple-battery-horse")) { response in
                #expect(response.status == .seeOther)
            }
            _ = try await signIn(client, "new.officer", password: "staple-battery-horse", next: "/cases")
            // A case number format without a sequence is refused.
            try await client.execute(uri: "/admin/agencies/\(agency.id)", method: .post, headers: form(admin),
                                     body: ByteBuffer(string: "_csrf=\(token)&shortName=x&body=y&format=%7Bshort%7D%7Byear%7D")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("{seq}"))
            }
            let stored = try await s.pool.query("SELECT case_number_format FROM agencies WHERE id = \(agency.id)").single().decode(String.self, at: 0)
            #expect(stored == agency.caseNumberFormat)
            // A synonym pair from the page.
            try await client.execute(uri: "/admin/synonyms", method: .post, headers: form(admin),
                                     body: ByteBuffer(string: "_csrf=\(token)&term=%E6%8B%86%E6%88%BF&synonym=%E5%BE%81%E6%94%B6")) { response in
                #expect(response.status == .seeOther)
            }
            let after = try await client.execute(uri: "/admin/words", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(after.contains("<td>拆房</td><td>征收</td>"))
        }
    }

    @Test func theAnnualReportPageDrillsDownAndLocks() async throws {
        let s = try await setup("pages-report")
        let store = CaseStore(pool: s.pool, calendars: CalendarStore(pool: s.pool))
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        for day in ["2024-03-04", "2024-05-06"] {
            _ = try await store.register(Intake(applicant: Applicant(kind: .commercial, name: "某公司", phone: "053100000000"), agencyID: housing.id,
                                                channel: .inPerson, arrivedOn: LocalDate(iso: day)!, subject: "申请公开", description: "说明"),
                                         by: officer.actor, today: LocalDate(iso: "2024-09-20")!, scope: .everything(reason: "tests see every agency"))
        }
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.supervisor")
            let page = try await client.execute(uri: "/reports?year=2024", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("济南市市中区住房和城乡建设局，2024年度"))
            #expect(page.contains("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"))
            let link = "/cases?agency=\(housing.id)&amp;reportYear=2024&amp;reportRow=received&amp;reportColumn=commercial&amp;pageSize=100"
            #expect(page.contains("<a href=\"\(link)\""))
            let cases = try await client.execute(uri: link.replacingOccurrences(of: "&amp;", with: "&"), method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(cases.contains("共 2 件"))
            // Locking asks first, carrying the year and agency to the confirmation; nothing is locked yet.
            let asked = try await client.execute(uri: "/reports/lock", method: .post, headers: form(cookie),
                                                 body: ByteBuffer(string: "_csrf=\(try csrf(page))&year=2024&agency=szq-zjj")) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(asked.contains("确认锁定") && asked.contains("name=\"agency\" value=\"szq-zjj\"") && asked.contains("name=\"year\" value=\"2024\""))
            #expect(try await s.pool.query("SELECT count(*) FROM report_locks").single().decode(Int.self, at: 0) == 0)
            try await client.execute(uri: "/reports/lock", method: .post, headers: form(cookie),
                                     body: ByteBuffer(string: "_csrf=\(try csrf(page))&year=2024&agency=szq-zjj&confirm=yes")) { response in
                #expect(response.status == .seeOther)
            }
            let locked = try await client.execute(uri: "/reports?year=2024&agency=szq-zjj", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(locked.contains("锁定发布"))
            #expect(!locked.contains("action=\"/reports/lock\""))
            try await client.execute(uri: "/reports.csv?year=2024&agency=szq-zjj", method: .get, headers: [.cookie: cookie]) { response in
                #expect(Array(response.body.readableBytesView).prefix(3) == [0xEF, 0xBB, 0xBF])
            }
        }
    }

    @Test func theProfileChangesThePasswordAndManagesTokens() async throws {
        let s = try await setup("pages-profile")
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let page = try await client.execute(uri: "/profile", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let token = try csrf(page)
            func change(_ body: String) async throws -> String {
                try await client.execute(uri: "/profile/password", method: .post, headers: form(cookie), body: ByteBuffer(string: "_csrf=\(token)&" + body)) {
                    String(buffer: $0.body)
                }
            }
            #expect(try await change("current=wrong&new=another-long-pass&repeat=another-long-pass").contains("当前密码不正确"))
            #expect(try await change("current=correct-horse-zjj.officer&new=another-long-pass&repeat=different-pass").contains("两次输入的新密码不一致"))
            #expect(try await change("current=correct-horse-zjj.officer&new=short&repeat=short").contains("密码至少需要10个字符"))
            #expect(try await change("current=correct-horse-zjj.officer&new=another-long-pass&repeat=another-long-pass").contains("密码已修改"))
            let (loginCookie, loginToken) = try await loginForm(client)
            try await client.execute(uri: "/login", method: .post, headers: form(loginCookie),
                                     body: ByteBuffer(string: "username=zjj.officer&password=correct-horse-zjj.officer&_csrf=\(loginToken)")) { response in
                #expect(response.status == .unauthorized)
            }
            // A personal token: shown once, works for the API, and stops working when revoked.
            let created = try await client.execute(uri: "/profile/tokens", method: .post, headers: form(cookie),
                                                   body: ByteBuffer(string: "_csrf=\(token)&name=%E8%84%9A%E6%9C%AC")) { String(buffer: $0.body) }
            let marker = "<code id=\"new-token\">"
            let start = try #require(created.range(of: marker)).upperBound
            let secret = String(created[start...].prefix { $0 != "<" })
            #expect(secret.hasPrefix("dd_"))
            let again = try await client.execute(uri: "/profile", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(!again.contains(secret))
            try await client.execute(uri: "/api/v1/cases", method: .get, headers: [.authorization: "Bearer " + secret]) { response in
                #expect(response.status == .ok)
            }
            let id = try await s.pool.query("SELECT id FROM api_tokens").single().decode(Int64.self, at: 0)
            try await client.execute(uri: "/profile/tokens/\(id)/revoke", method: .post, headers: form(cookie), body: ByteBuffer(string: "_csrf=\(token)")) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/api/v1/cases", method: .get, headers: [.authorization: "Bearer " + secret]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func theLibraryIsSearchedByAllAndFilledBySupervisors() async throws {
        let s = try await setup("pages-library")
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            try await client.execute(uri: "/library/new", method: .get, headers: [.cookie: officer]) { response in
                #expect(response.status == .seeOther)
            }
            let supervisor = try await signIn(client, "zjj.supervisor")
            let page = try await client.execute(uri: "/library/new", method: .get, headers: [.cookie: supervisor]) { String(buffer: $0.body) }
            let token = try csrf(page)
            let body = "%E5%BE%81%E6%94%B6%E8%A1%A5%E5%81%BF%E6%96%B9%E6%A1%88%E5%BA%94%E5%BD%93%E4%BA%88%E4%BB%A5%E5%85%AC%E5%BC%80"  // 征收补偿方案应当予以公开
            // Without a title: refused, what was typed kept, the message in Chinese beside the field.
            try await client.execute(uri: "/library/new", method: .post, headers: form(supervisor),
                                     body: ByteBuffer(string: "_csrf=\(token)&kind=typical_case&body=\(body)&year=2024")) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("请填写标题"))
                #expect(html.contains("征收补偿方案应当予以公开"))
            }
            try await client.execute(uri: "/library/new", method: .post, headers: form(supervisor),
                                     body: ByteBuffer(string: "_csrf=\(token)&kind=typical_case&title=%E5%85%B8%E5%9E%8B%E6%A1%88%E4%BE%8B&topic=%E5%BE%81%E5%9C%B0%E6%8B%86%E8%BF%81&body=\(body)&year=2024")) { response in
                #expect(response.status == .seeOther)
            }
            let results = try await client.execute(uri: "/library?q=%E8%A1%A5%E5%81%BF", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(results.contains("找到 1 条"))
            #expect(results.contains("<mark>补偿</mark>"))
            #expect(results.contains("征地拆迁"))
            try await client.execute(uri: "/api/v1/library/search?q=%E8%A1%A5%E5%81%BF%E6%96%B9%E6%A1%88", method: .get, headers: [.cookie: officer]) { response in
                let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(json["total"] as? Int == 1)
                #expect(json["totalIsExact"] as? Bool == true)
            }
            // 方案补偿 is in no entry in that order: its words are looked for apart.
            let apart = try await client.execute(uri: "/library?q=%E6%96%B9%E6%A1%88%E8%A1%A5%E5%81%BF", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(apart.contains("找到 1 条（按词语查找：方案 补偿）"))
            let none = try await client.execute(uri: "/library?q=\(encoded("公租房"))", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(none.contains("没有找到"))
            #expect(none.contains("未找到：公租房"))
            // Twenty-one entries: two pages, each linking to the other.
            for n in 1...21 {
                try await LibraryStore(pool: s.pool).add(LibraryEntry(kind: .faq, title: "燃气问答\(n)", body: "燃气安全"), by: nil)
            }
            let first = try await client.execute(uri: "/library?q=%E7%87%83%E6%B0%94", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(first.contains("找到 21 条"))
            #expect(first.components(separatedBy: "<li><h3>").count - 1 == 20)
            #expect(first.contains("href=\"/library?q=%E7%87%83%E6%B0%94&amp;page=2\">下一页"))
            let second = try await client.execute(uri: "/library?q=%E7%87%83%E6%B0%94&page=2", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(second.components(separatedBy: "<li><h3>").count - 1 == 1)
            #expect(second.contains("上一页"))
            #expect(!second.contains("下一页"))
        }
    }

    /// Nothing found: the nearest terms are offered as links; found: none are.
    @Test func aSearchWithoutHitsOffersTheNearestTerms() async throws {
        let s = try await setup("pages-library-suggestions")
        let library = LibraryStore(pool: s.pool)
        try await library.refreshTerms()
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            let none = try await client.execute(uri: "/library?q=\(encoded("征地"))", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(none.contains("没有找到与“征地”有关的条目"))
            #expect(none.contains("您是不是要找：<a href=\"/library?q=\(encoded("征地拆迁"))\">征地拆迁</a>"))
            _ = try await library.add(LibraryEntry(kind: .faq, title: "征地问答", body: "征地补偿"), by: nil)
            let found = try await client.execute(uri: "/library?q=\(encoded("征地"))", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(found.contains("找到 1 条"))
            #expect(!found.contains("您是不是要找"))
        }
    }

    /// Pinyin or a homophone typo: the page and the API say what was searched instead
    /// (您是不是要找) and show its hits; with nothing found at all, the API gives suggestions too.
    @Test func pinyinAndTyposAreAnsweredWithWhatWasMeant() async throws {
        let s = try await setup("pages-library-respell")
        let library = LibraryStore(pool: s.pool)
        _ = try await library.add(LibraryEntry(kind: .policy, title: "政府信息公开条例 第四十二条", body: "申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。"), by: nil)
        try await library.refreshTerms()
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            for typed in ["xinxichulifei", "xxclf", "信息处里费"] {
                let page = try await client.execute(uri: "/library?q=\(encoded(typed))", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
                #expect(page.contains("您是不是要找：<a href=\"/library?q=\(encoded("信息处理费"))\">信息处理费</a>"), "\(typed)")
                #expect(page.contains("<mark>信息处理费</mark>"), "\(typed)")
                #expect(page.contains("找到 1 条"), "\(typed)")
            }
            try await client.execute(uri: "/api/v1/library/search?q=\(encoded("xinxichulifei"))", method: .get, headers: [.cookie: officer]) { response in
                let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(json["didYouMean"] as? String == "信息处理费")
                #expect(json["total"] as? Int == 1)
            }
            // Found as typed: nothing is said.
            let exact = try await client.execute(uri: "/library?q=\(encoded("信息处理费"))", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(!exact.contains("您是不是要找"))
            // Nothing at all: the API offers the nearest terms, as the page does.
            try await client.execute(uri: "/api/v1/library/search?q=\(encoded("征地"))", method: .get, headers: [.cookie: officer]) { response in
                let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(json["total"] as? Int == 0)
                #expect((json["suggestions"] as? [String])?.contains("征地拆迁") == true)
                #expect(json["didYouMean"] == nil)
            }
        }
    }

    /// A question is searched as its words: the page says which words it looked for, which no
    /// entry holds (未找到), and what each hit lacks.
    @Test func aQuestionShowsTheWordsItDidNotFind() async throws {
        let s = try await setup("pages-library-words")
        let library = LibraryStore(pool: s.pool)
        _ = try await library.add(LibraryEntry(kind: .faq, title: "房屋征收补偿标准如何确定", body: "补偿标准由评估机构按市场价格评估确定。"), by: nil)
        _ = try await library.add(LibraryEntry(kind: .policy, title: "城乡低保标准", body: "每人每月1000元。"), by: nil)
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            let page = try await client.execute(uri: "/library?q=\(encoded("我想查一下我家房子拆迁的补偿标准"))", method: .get, headers: [.cookie: officer]) { String(buffer: $0.body) }
            #expect(page.contains("找到 2 条（按词语查找：房子 拆迁 补偿 标准）"))
            #expect(page.contains("<p class=\"hint\">未找到：房子</p>"))
            #expect(page.contains("缺少：拆迁、补偿"))
            #expect(page.components(separatedBy: "<li><h3>").count - 1 == 2)
            #expect(!page.contains("没有找到"))
        }
    }

    @Test func aSupervisorTurnsACaseIntoATypicalCaseWithoutThePersonalData() async throws {
        let s = try await setup("pages-redaction")
        let store = CaseStore(pool: s.pool, calendars: CalendarStore(pool: s.pool))
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        let supervisor = s.directory.users.first { $0.username == "zjj.supervisor" }!
        var registered = try await store.register(Intake(
            applicant: Applicant(kind: .naturalPerson, name: "欧阳明", idType: "身份证", idNumber: "370103198001011233", phone: "13912345678",
                                 address: "济南市市中区经七路88号"),
            agencyID: housing.id, channel: .inPerson, arrivedOn: LocalDate(iso: "2024-09-02")!,
            subject: "申请公开经七路片区征收补偿方案", description: "欧阳明（电话13912345678）申请公开其位于济南市市中区经七路88号房屋所在片区的征收补偿方案。"),
            by: officer.actor, today: LocalDate(iso: "2024-09-20")!, scope: .everything(reason: "tests see every agency"))
        registered = try await store.append(CaseEvent(.reply(ReplyDraft(disposition: .disclose, provision: .paper)), on: LocalDate(iso: "2024-09-20")!, by: officer.actor),
                                            to: registered.id, expectedVersion: 1, today: LocalDate(iso: "2024-09-20")!, scope: .everything(reason: "tests see every agency"))
        _ = supervisor
        let record = registered
        try await s.app.test(.router) { client in
            // The district office's supervisor, who does not handle the case and sees its applicant
            // masked, is still offered the applicant's real name and address to redact.
            let office = try await signIn(client, "bgs.supervisor")
            let page = try await client.execute(uri: "/cases/\(record.id)/library", method: .get, headers: [.cookie: office]) { String(buffer: $0.body) }
            let offered = try await client.execute(uri: "/cases/\(record.id)/library", method: .post, headers: form(office),
                                                   body: ByteBuffer(string: "_csrf=\(try csrf(page))&" + (0..<8).map { "accept=\($0)" }.joined(separator: "&"))) {
                String(buffer: $0.body)
            }
            #expect(offered.contains("批准发布"))
            #expect(!offered.contains("欧阳明") && !offered.contains("经七路88号"))
            let cookie = try await signIn(client, "zjj.supervisor")
            let proposals = try await client.execute(uri: "/cases/\(record.id)/library", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            for original in ["欧阳明", "13912345678", "济南市市中区经七路88号", record.caseNumber] { #expect(proposals.contains(original)) }
            let token = try csrf(proposals)
            let count = proposals.components(separatedBy: "name=\"accept\"").count - 1
            let accept = (0..<count).map { "accept=\($0)" }.joined(separator: "&")
            let preview = try await client.execute(uri: "/cases/\(record.id)/library", method: .post, headers: form(cookie),
                                                   body: ByteBuffer(string: "_csrf=\(token)&\(accept)")) { String(buffer: $0.body) }
            #expect(preview.contains("批准发布"))
            #expect(!preview.contains("欧阳明"))
            #expect(!preview.contains("13912345678"))
            // Nothing is in the library until the approval.
            #expect(try await s.pool.query("SELECT count(*) FROM library_entries").single().decode(Int.self, at: 0) == 0)
            func field(_ name: String) throws -> String {
                let marker = name == "body" ? "name=\"body\" rows=\"10\" required>" : "name=\"\(name)\" value=\""
                let start = try #require(preview.range(of: marker)).upperBound
                let end = name == "body" ? "</textarea>" : "\""
                return String(preview[start...].prefix { String($0) != end.prefix(1) })
            }
            let title = try field("title"), body = try field("body")
            let publish = "_csrf=\(token)&step=publish&title=\(title.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&body=\(body.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            try await client.execute(uri: "/cases/\(record.id)/library", method: .post, headers: form(cookie), body: ByteBuffer(string: publish)) { response in
                #expect(response.status == .seeOther)
            }
            let stored = try await s.pool.query("SELECT title || body FROM library_entries").single().decode(String.self, at: 0)
            #expect(stored.contains("征收补偿方案"))
            for original in ["欧阳明", "13912345678", "经七路88号", "370103198001011233", record.caseNumber] { #expect(!stored.contains(original), "\(original)") }
            let library = LibraryStore(pool: s.pool)
            #expect(try await library.search("欧阳明").total == 0)
            #expect(try await library.search("13912345678").total == 0)
            #expect(try await library.search("征收补偿").total == 1)
        }
    }

    /// Issue 12: on Sunday 2026-11-29 a case received Monday 11-02 has used 19 working days and
    /// is due tomorrow; a replied case's clock stopped on the reply day; a list reaching 2027
    /// answers, its provisional date marked 预计.
    @Test func theClockLedgerTellsTheTruthToday() async throws {
        let s = try await PagesFixture.make("pages-clock", users: ["zjj.officer"], today: "2026-11-29")
        let store = CaseStore(pool: s.pool, calendars: CalendarStore(pool: s.pool))
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let officer = s.directory.users.first { $0.username == "zjj.officer" }!
        let supervisor = s.directory.supervisor(of: housing.id)!
        let today = LocalDate(iso: "2026-11-29")!
        func register(_ day: String, _ subject: String) async throws -> CaseStore.Record {
            try await store.register(Intake(applicant: Applicant(kind: .naturalPerson, name: "张三", phone: "13800138000"), agencyID: housing.id,
                                            officerID: officer.id, channel: .inPerson, arrivedOn: LocalDate(iso: day)!, subject: subject,
                                            description: "说明", registeredOn: LocalDate(iso: day)!), by: officer.actor, today: today, scope: .everything(reason: "tests see every agency"))
        }
        let running = try await register("2026-11-02", "申请公开经七路拆迁补偿方案")
        let replied = try await store.append(CaseEvent(.reply(ReplyDraft(disposition: .disclose, provision: .paper)), on: LocalDate(iso: "2026-11-20")!, by: officer.actor),
                                         to: try await register("2026-11-02", "申请公开低保名单").id, expectedVersion: 1, today: today, scope: .everything(reason: "tests see every agency"))
        let extended = try await register("2026-11-27", "申请公开旧城改造档案")
        _ = try await store.append(CaseEvent(.requestExtension(ExtensionRequest(workingDays: 20, reason: "档案量大")), on: LocalDate(iso: "2026-11-28")!, by: officer.actor),
                                   to: extended.id, expectedVersion: 1, today: today, scope: .everything(reason: "tests see every agency"))
        _ = try await store.append(CaseEvent(.approveExtension(Note()), on: today, by: supervisor.actor), to: extended.id, expectedVersion: 2, today: today, scope: .everything(reason: "tests see every agency"))

        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let page = try await client.execute(uri: "/cases/\(running.id)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("截至今天（2026年11月29日）已用19个，剩余1个"))
            #expect(page.contains("明天到期"))
            #expect(page.contains("至 今天（2026年11月29日）（仍在计算），用时 19 个工作日"))
            #expect(!page.contains("用时 0 个工作日"))

            let done = try await client.execute(uri: "/cases/\(replied.id)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(done.contains("至2026年11月20日计时结束，用时14个工作日"))
            #expect(done.contains("2026年11月20日（星期五）计时结束"))
            #expect(!done.contains("仍在计算") && !done.contains("今天（"))

            let late = try await client.execute(uri: "/cases/\(extended.id)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(late.contains("预计：2027年的放假安排尚未公布"))
            #expect(late.contains("答复期限为预计日期"))

            for window in ["30", "40"] {
                let list = try await client.execute(uri: "/cases?dueWithin=\(window)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
                #expect(list.contains("明天到期"))
                #expect(list.contains("剩余") || window == "30")
            }
            let wide = try await client.execute(uri: "/cases?dueWithin=40", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(wide.contains("（预计）"))
            let dashboard = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(dashboard.contains("明天到期"))
            try await client.execute(uri: "/cases?receivedFrom=0000-01-01", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("1949年至2100年"))
            }
        }
    }

    @Test func theReviewQueueIsForSupervisors() async throws {
        let s = try await setup("pages-review")
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            try await client.execute(uri: "/review", method: .get, headers: [.cookie: officer]) { response in
                #expect(response.status == .forbidden)
            }
            let supervisor = try await signIn(client, "zjj.supervisor")
            try await client.execute(uri: "/review", method: .get, headers: [.cookie: supervisor]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("待批准的延期申请"))
            }
            try await client.execute(uri: "/statistics", method: .get, headers: [.cookie: officer]) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/statistics?year=2024", method: .get, headers: [.cookie: supervisor]) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<svg"))
                #expect(html.contains("热点（主题 × 月份）"))
            }
        }
    }
}
