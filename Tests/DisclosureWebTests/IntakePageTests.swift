import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// 登记申请 sent back refused: what was typed stays in its field and each problem stands beside
/// the field it is about, and nowhere else.
@Suite struct IntakePageTests: PageTesting {
    /// The part of a page from one marker up to the next.
    func between(_ html: String, _ start: String, _ end: String) throws -> String {
        let from = try #require(html.range(of: start)).upperBound
        let to = try #require(html.range(of: end, range: from..<html.endIndex)).lowerBound
        return String(html[from..<to])
    }

    @Test func aRefusedIntakeKeepsWhatWasTypedWithEachProblemBesideItsField() async throws {
        let s = try await PagesFixture.make("intake-page", users: ["zjj.officer"])
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let blank = try await client.execute(uri: "/cases/new", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(blank.contains("id=\"arrivedOn\" name=\"arrivedOn\" type=\"date\" required value=\"2024-09-20\""))
            #expect(!blank.contains("field-error"))
            let token = try csrf(blank)

            // No channel, no kind of applicant, a date that does not exist: refused before the lifecycle.
            let typed = "_csrf=\(token)&agencyID=\(s.directory.agencies.first { $0.code == "szq-zjj" }!.id)&arrivedOn=2024-13-01"
                + "&name=\(encoded("张三"))&email=zs%40example.cn&subject=\(encoded("征收补偿方案"))"
            let refused = try await client.execute(uri: "/cases/new", method: .post, headers: form(cookie), body: ByteBuffer(string: typed)) { response in
                #expect(response.status == .unprocessableContent)
                return String(buffer: response.body)
            }
            #expect(try between(refused, "id=\"channel\"", "id=\"arrivedOn\"").contains("<span class=\"field-error\">请选择申请渠道。</span>"))
            #expect(try between(refused, "id=\"kind\"", "id=\"name\"").contains("<span class=\"field-error\">请选择申请人类型。</span>"))
            let arrived = try between(refused, "id=\"arrivedOn\"", "id=\"receivedOn\"")
            #expect(arrived.contains("value=\"2024-13-01\""))
            #expect(arrived.contains("field-error"))
            #expect(refused.components(separatedBy: "class=\"field-error\"").count - 1 == 3)
            #expect(refused.contains("id=\"name\" name=\"name\" required value=\"张三\""))
            #expect(refused.contains("type=\"email\" value=\"zs@example.cn\""))
            #expect(refused.contains("id=\"subject\" name=\"subject\" required value=\"征收补偿方案\""))

            // Complete but with no way to reach the applicant: the lifecycle's problem, named
            // `applicant.phone`, stands beside the phone field.
            let complete = typed.replacingOccurrences(of: "arrivedOn=2024-13-01", with: "arrivedOn=2024-09-02")
                .replacingOccurrences(of: "&email=zs%40example.cn", with: "") + "&channel=in_person&kind=natural_person&description=\(encoded("请提供"))"
            let unreachable = try await client.execute(uri: "/cases/new", method: .post, headers: form(cookie), body: ByteBuffer(string: complete)) { response in
                #expect(response.status == .unprocessableContent)
                return String(buffer: response.body)
            }
            #expect(try between(unreachable, "id=\"phone\"", "id=\"email\"").contains("field-error"))
            #expect(unreachable.components(separatedBy: "class=\"field-error\"").count - 1 == 1)
            #expect(unreachable.contains("<option value=\"in_person\" selected>"))
        }
    }

    /// Issue 16: the form carries an idempotency key, so that sending it twice (a double click,
    /// a reload after a lost answer) registers one case; the key survives a refusal.
    @Test func anIntakeFormSentTwiceRegistersOneCase() async throws {
        let s = try await PagesFixture.make("intake-twice", users: ["zjj.officer"])
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            let blank = try await client.execute(uri: "/cases/new", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let key = try between(blank, "name=\"_key\" value=\"", "\"")
            #expect(UUID(uuidString: key) != nil)
            let another = try await client.execute(uri: "/cases/new", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(try between(another, "name=\"_key\" value=\"", "\"") != key)
            let filled = "_csrf=\(try csrf(blank))&_key=\(key)&agencyID=\(s.directory.agencies.first { $0.code == "szq-zjj" }!.id)&arrivedOn=2024-09-02"
                + "&channel=in_person&kind=natural_person&name=\(encoded("张三"))&phone=13800138000&subject=\(encoded("征收补偿方案"))&description=\(encoded("请提供"))"
            // Refused first (no channel): the page sent back keeps the key.
            let refused = try await client.execute(uri: "/cases/new", method: .post, headers: form(cookie),
                                                   body: ByteBuffer(string: filled.replacingOccurrences(of: "&channel=in_person", with: ""))) { String(buffer: $0.body) }
            #expect(try between(refused, "name=\"_key\" value=\"", "\"") == key)
            var locations: [String] = []
            for _ in 0..<2 {
                locations.append(try await client.execute(uri: "/cases/new", method: .post, headers: form(cookie), body: ByteBuffer(string: filled)) { response in
                    #expect(response.status == .seeOther)
                    return response.headers[.location] ?? ""
                })
            }
            #expect(locations[0].hasPrefix("/cases/") && locations[0] == locations[1])
            #expect(try await s.pool.query("SELECT count(*) FROM cases").single().decode(Int.self, at: 0) == 1)
        }
    }
}
