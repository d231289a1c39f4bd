import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Testing

/// 管理 as sections: each its own page with the same sub-navigation; the users found and paged
/// in the database; a refused form keeps what was typed and says beside the field what is wrong.
@Suite struct AdminPagesTests: PageTesting {
    func setup(_ label: String) async throws -> PagesFixture {
        try await PagesFixture.make(label, users: ["admin", "zjj.officer"])
    }

    func get(_ client: some TestClientProtocol, _ uri: String, _ cookie: String, status: HTTPResponse.Status = .ok) async throws -> String {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { response in
            #expect(response.status == status, "\(uri)")
            return String(buffer: response.body)
        }
    }

    func post(_ client: some TestClientProtocol, _ uri: String, _ cookie: String, _ body: String) async throws -> (HTTPResponse.Status, String, String?) {
        try await client.execute(uri: uri, method: .post, headers: form(cookie), body: ByteBuffer(string: body)) {
            ($0.status, String(buffer: $0.body), $0.headers[.location])
        }
    }

    @Test func everySectionIsAPageOfItsOwnWithTheSameSubNavigation() async throws {
        let s = try await setup("admin-sections")
        try await s.app.test(.router) { client in
            let officer = try await signIn(client, "zjj.officer")
            let admin = try await signIn(client, "admin")
            let sections = [("/admin", "概览"), ("/admin/users", "用户"), ("/admin/agencies", "机关"), ("/admin/templates", "文书模板"),
                            ("/admin/words", "案例库主题与同义词"), ("/admin/calendar", "工作日历")]
            for (path, label) in sections {
                _ = try await get(client, path, officer, status: .forbidden)
                let html = try await get(client, path, admin)
                #expect(html.contains("<nav class=\"subnav\" aria-label=\"管理\">"), "\(path)")
                // Every section is reachable from every other, and the current one is marked.
                for (other, _) in sections { #expect(html.contains("<a href=\"\(other)\""), "\(path) links \(other)") }
                #expect(html.contains("<a href=\"\(path)\" aria-current=\"page\">\(label)</a>"), "\(path)")
                #expect(html.components(separatedBy: "aria-current=\"page\"").count == 2, "\(path): one current section")
            }
            // Each list is on its own section only.
            let overview = try await get(client, "/admin", admin)
            #expect(overview.contains("共\(s.directory.users.count)个用户"))
            #expect(!overview.contains("action=\"/admin/users\""))
            #expect(try await get(client, "/admin/agencies", admin).contains("市中区住建局依申〔2024〕第0012号"))
            #expect(try await get(client, "/admin/templates", admin).contains("name=\"closing\""))
            #expect(try await get(client, "/admin/words", admin).contains("action=\"/admin/synonyms\""))
        }
    }

    @Test func theUserListIsSearchedAndPagedFiftyAtATime() async throws {
        let s = try await setup("admin-paging")
        let directory = DirectoryStore(pool: s.pool)
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        for i in 0..<120 {
            try await directory.addUser(username: String(format: "paged.user%03d", i), name: "翻页\(i)号", role: .officer, agencyID: housing.id)
        }
        let total = s.directory.users.count + 120
        try await s.app.test(.router) { client in
            let admin = try await signIn(client, "admin")
            let first = try await get(client, "/admin/users", admin)
            let pages = (total + 49) / 50
            #expect(first.contains("共 \(total) 个用户，第 1 / \(pages) 页"))
            #expect(first.components(separatedBy: "<tr>\n").count - 1 == 50)
            #expect(first.contains("<a href=\"/admin/users?page=2\">下一页</a>"))
            let last = try await get(client, "/admin/users?page=\(pages)", admin)
            #expect(last.components(separatedBy: "<tr>\n").count - 1 == total - (pages - 1) * 50)
            #expect(!last.contains("下一页"))
            // Every word must match: the 120 by their username, ten of them by "paged.user01".
            let found = try await get(client, "/admin/users?q=paged.user01", admin)
            #expect(found.contains("找到共 10 个用户"))
            for i in 10..<20 { #expect(found.contains("<td>paged.user0\(i)</td>")) }
            // By agency: its short name finds its users and no one else's.
            let byAgency = try await get(client, "/admin/users?q=" + encoded(housing.shortName) + "+paged", admin)
            #expect(byAgency.contains("找到共 120 个用户，第 1 / 3 页"))
            #expect(byAgency.contains("<a href=\"/admin/users?q=\(encoded(housing.shortName + " paged"))&amp;page=2\">下一页</a>"))
            let third = try await get(client, "/admin/users?q=" + encoded(housing.shortName + " paged") + "&page=3", admin)
            #expect(third.components(separatedBy: "<tr>\n").count - 1 == 20)
            // By name.
            #expect(try await get(client, "/admin/users?q=" + encoded("翻页7号"), admin).contains("找到共 1 个用户"))
            // A page that is not one is refused, naming it.
            _ = try await get(client, "/admin/users?page=0", admin, status: .unprocessableContent)
            #expect(try await get(client, "/admin/users?page=9", admin, status: .unprocessableContent).contains("共\(pages)页，没有第9页"))
            _ = try await get(client, "/admin/users?q=" + String(repeating: "x", count: 101), admin, status: .unprocessableContent)
        }
    }

    @Test func aRefusedNewUserKeepsWhatWasTypedAndSaysWhichFieldIsWrong() async throws {
        let s = try await setup("admin-refused")
        let street = s.directory.agencies.first { $0.code == "szq-qls" }!
        try await s.app.test(.router) { client in
            let admin = try await signIn(client, "admin")
            let page = try await get(client, "/admin/users", admin)
            // The rules are stated beside the field before anything is sent.
            #expect(page.contains(PasswordPolicy.chineseRules))
            #expect(page.contains("id=\"new-password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required minlength=\"10\""))
            #expect(page.contains("aria-describedby=\"new-password-rules\""))
            let token = try csrf(page)

            // A username already taken and a password too short: both named, beside their fields.
            let (status, html, _) = try await post(client, "/admin/users", admin,
                                                   "_csrf=\(token)&username=zjj.officer&name=\(encoded("刘洋"))&agencyID=\(street.id)&password=tiny-pw")
            #expect(status == .unprocessableContent)
            #expect(html.contains("id=\"new-username\" name=\"username\" value=\"zjj.officer\""))
            #expect(html.contains("<span class=\"field-error\" id=\"new-username-error\">用户名 zjj.officer 已被使用。</span>"))
            #expect(html.contains("id=\"new-name\" name=\"name\" value=\"刘洋\""))
            #expect(!html.contains("new-name-error"))
            #expect(html.contains("<option value=\"\(street.id)\" selected>"))
            #expect(html.contains("<span class=\"field-error\" id=\"new-password-error\">密码至少需要10个字符。</span>"))
            #expect(html.contains("aria-describedby=\"new-password-rules new-password-error\" aria-invalid=\"true\""))
            // The password itself is never sent back.
            #expect(!html.contains("tiny-pw"))
            #expect(try await s.pool.query("SELECT count(*) FROM users").single().decode(Int.self, at: 0) == s.directory.users.count)

            // A good one comes back to the list found by the new username.
            let (added, _, location) = try await post(client, "/admin/users", admin,
                                                      "_csrf=\(token)&username=liu.yang&name=\(encoded("刘洋"))&agencyID=\(street.id)&password=staple-battery-horse")
            #expect(added == .seeOther)
            #expect(location == "/admin/users?q=liu.yang&done=user")
            let user = try #require(try await DirectoryStore(pool: s.pool).user(username: "liu.yang"))

            // A refused reset marks that user's password field, and keeps the slice of the list.
            let (reset, resetHTML, _) = try await post(client, "/admin/users/\(user.id)", admin, "_csrf=\(token)&action=password&password=liu.yang-2024&q=liu")
            #expect(reset == .unprocessableContent)
            #expect(resetHTML.contains("<span class=\"field-error\" id=\"pw-\(user.id)-error\">密码不能与用户名相同，也不能包含用户名。</span>"))
            #expect(resetHTML.contains("<details open>"))
            #expect(resetHTML.contains("id=\"pw-\(user.id)\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required minlength=\"10\""))
            #expect(resetHTML.contains("id=\"q\" name=\"q\" value=\"liu\""))
            let (done, _, back) = try await post(client, "/admin/users/\(user.id)", admin, "_csrf=\(token)&action=deactivate&q=liu")
            #expect(done == .seeOther)
            #expect(back == "/admin/users?q=liu&done=active")

            // An agency's refused format keeps what was typed, the reason beside the field.
            let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
            let (agency, agencyHTML, _) = try await post(client, "/admin/agencies/\(housing.id)", admin,
                                                         "_csrf=\(token)&shortName=\(encoded("住建"))&body=\(encoded("区政府"))&format=\(encoded("{short}{year}"))")
            #expect(agency == .unprocessableContent)
            #expect(agencyHTML.contains("id=\"short-\(housing.id)\" name=\"shortName\" value=\"住建\""))
            #expect(agencyHTML.contains("id=\"format-\(housing.id)\" name=\"format\" value=\"{short}{year}\""))
            #expect(agencyHTML.contains("<span class=\"field-error\" id=\"format-\(housing.id)-error\">编号格式必须包含 {seq} 或 {seq:N}，否则编号会重复。</span>"))

            // A synonym pair of one word twice keeps both words.
            let (words, wordsHTML, _) = try await post(client, "/admin/synonyms", admin, "_csrf=\(token)&term=\(encoded("拆迁"))&synonym=\(encoded("拆迁"))")
            #expect(words == .unprocessableContent)
            #expect(wordsHTML.contains("id=\"syn-term\" name=\"term\" value=\"拆迁\""))
            #expect(wordsHTML.contains("<span class=\"field-error\" id=\"syn-synonym-error\">请填写两个不同的词。</span>"))
        }
    }
}
