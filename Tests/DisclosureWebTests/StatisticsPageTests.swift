import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Testing

/// 统计: every count leads to the cases it counts (the case list's total is the number shown),
/// and the charts' labels stay readable.
@Suite struct StatisticsPageTests: PageTesting {
    static let today = LocalDate(iso: "2024-09-20")!

    /// A housing-bureau year: three cases received in 2024 by three channels and kinds, on
    /// three topics, one replied in May, one left open past its deadline; and one case of
    /// another agency, which the bureau's supervisor does not see.
    func setup() async throws -> PagesFixture {
        let s = try await PagesFixture.make("statistics-links", users: ["zjj.supervisor"])
        let store = CaseStore(pool: s.pool, calendars: CalendarStore(pool: s.pool))
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let street = s.directory.agencies.first { $0.code == "szq-qls" }!
        let officers = Dictionary(s.directory.users.filter { $0.role == .officer }.map { ($0.agencyID, $0) }) { first, _ in first }
        let everyone = Scope.everything(reason: "tests see every agency")
        func register(_ day: String, _ channel: Channel, _ kind: ApplicantKind, _ subject: String, agency: Int64) async throws -> CaseStore.Record {
            try await store.register(Intake(applicant: Applicant(kind: kind, name: kind == .naturalPerson ? "张三" : "某公司", phone: "053100000000"),
                                            agencyID: agency, channel: channel, arrivedOn: LocalDate(iso: day)!, subject: subject, description: "说明",
                                            registeredOn: LocalDate(iso: day)!),
                                     by: officers[agency]!.actor, today: Self.today, scope: everyone)
        }
        let replied = try await register("2024-03-04", .inPerson, .naturalPerson, "申请公开经七路片区房屋征收补偿方案", agency: housing.id)
        _ = try await store.append(CaseEvent(.reply(ReplyDraft(disposition: .disclose, provision: .paper)), on: LocalDate(iso: "2024-03-20")!, by: officers[housing.id]!.actor),
                                   to: replied.id, expectedVersion: 1, today: Self.today, scope: everyone)
        _ = try await register("2024-05-06", .email, .commercial, "2024年学校招生计划", agency: housing.id)
        _ = try await register("2024-09-19", .registeredPost, .naturalPerson, "会议纪要", agency: housing.id)
        _ = try await register("2024-05-06", .email, .commercial, "2024年学校招生计划", agency: street.id)
        return s
    }

    @Test func everyCountLeadsToTheCasesItCounts() async throws {
        let s = try await setup()
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.supervisor")
            let html = try await client.execute(uri: "/statistics?year=2024", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let range = "receivedFrom=2024-01-01&amp;receivedTo=2024-12-31"
            for expected in [
                "<a class=\"count\" href=\"/cases?\(range)\">3</a><br>本年收到",
                "<a class=\"count\" href=\"/cases?disposedFrom=2024-01-01&amp;disposedTo=2024-12-31\">1</a><br>本年办结",
                "<a class=\"count\" href=\"/cases?reportYear=2024&amp;reportRow=carried_over\">0</a><br>上年结转",
                "<a class=\"count\" href=\"/cases?overdue=true\">1</a><br>目前逾期",
                "<a class=\"count\" href=\"/cases?disposedFrom=2024-01-01&amp;disposedTo=2024-12-31&amp;repliedLate=true\">0</a><br>逾期答复",
                "<a href=\"/cases?\(range)&amp;channel=email\">1</a>",
                "<a href=\"/cases?\(range)&amp;applicantKind=natural_person\">2</a>",
                "<a href=\"/cases?disposedFrom=2024-01-01&amp;disposedTo=2024-12-31&amp;disposition=disclose\">1</a>",
                // The topic × month cell of May's school admissions.
                "<a href=\"/cases?receivedFrom=2024-05-01&amp;receivedTo=2024-05-31&amp;topic=%E6%95%99%E8%82%B2\">1</a>",
                // A month's column in the chart.
                "<a href=\"/cases?receivedFrom=2024-09-01&amp;receivedTo=2024-09-30\"><title>9月：1件</title>",
            ] {
                #expect(html.contains(expected), "\(expected)")
            }
            // Every linked number, in the cards, the tables and the charts, is the linked list's total.
            var links: [(String, Int)] = []
            for pattern in [#"<a (?:class="count" )?href="(/cases\?[^"]+)">(\d+)</a>"#, #"<a href="(/cases\?[^"]+)"><title>[^<]*：(\d+)件</title>"#] {
                let regex = try NSRegularExpression(pattern: pattern)
                for match in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                    let link = String(html[Range(match.range(at: 1), in: html)!]).replacingOccurrences(of: "&amp;", with: "&")
                    links.append((link, Int(html[Range(match.range(at: 2), in: html)!])!))
                }
            }
            #expect(links.count >= 30)
            var followed = Set<String>()
            for (link, shown) in links where followed.insert("\(link) \(shown)").inserted {
                let list = try await client.execute(uri: link, method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok, "\(link)")
                    return String(buffer: response.body)
                }
                #expect(list.contains("共 \(shown) 件"), "\(link) should list \(shown) cases")
            }
            // Time to reply is not a count of cases: no link.
            #expect(html.contains("<span class=\"count\">12</span><br>答复用时中位数（工作日）"))
        }
    }

    @Test func chartLabelsAreTwelvePixelsOrMoreAndNeverScaledDown() async throws {
        let s = try await setup()
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.supervisor")
            let html = try await client.execute(uri: "/statistics?year=2024", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let regex = try NSRegularExpression(pattern: #"font-size="(\d+)""#)
            let sizes = regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { Int(html[Range($0.range(at: 1), in: html)!])! }
            #expect(sizes.count > 40)
            #expect(sizes.allSatisfy { $0 >= 12 })
            // The page must not shrink a chart to its column, which scaled 12px labels to 7px.
            let css = try await client.execute(uri: "/static/style.css", method: .get) { String(buffer: $0.body) }
            let rule = try #require(css.split(separator: "\n").first { $0.hasPrefix("svg.chart {") })
            #expect(rule.contains("max-width: none"))
            #expect(!html.contains("<div class=\"grid\">\n  <figure"))
        }
    }

    /// A list a statistics link opens shows the filters it carries, so they can be seen, kept and changed.
    @Test func theLinkedListShowsTheFiltersItCarries() async throws {
        let s = try await setup()
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.supervisor")
            let topic = try #require(Topic.all.first?.name)
            let query = "channel=email&repliedLate=true&disposedFrom=2024-01-01&disposedTo=2024-12-31&topic=\(encoded(topic))"
            let page = try await client.execute(uri: "/cases?" + query, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("<option value=\"email\" selected>"))
            #expect(page.contains("<option value=\"\(topic)\" selected>"))
            #expect(page.contains("name=\"repliedLate\" value=\"true\" checked"))
            #expect(page.contains("id=\"disposedFrom\" name=\"disposedFrom\" type=\"date\" value=\"2024-01-01\""))
            let plain = try await client.execute(uri: "/cases", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(!plain.contains("value=\"email\" selected"))
            #expect(!plain.contains("name=\"repliedLate\" value=\"true\" checked"))
        }
    }
}
