import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 统计: for supervisors, a year's figures for the agencies they see, with charts drawn on the server.
struct StatisticsPage: Sendable {
    let pages: Pages
    let statistics: StatisticsStore

    func register(on router: Router<AppRequestContext>) {
        let statisticsGroup = router.group("statistics", context: SignedIn<Supervisors>.self)
        statisticsGroup.get("") { request, context in
            await pages.respond { try await render(request, context.identity) }
        }
    }

    func render(_ request: Request, _ identity: Identity) async throws -> Response {
        let today = pages.today()
        let year = request.uri.queryParameters.get("year").flatMap { Int($0) }.flatMap { (2019...today.year).contains($0) ? $0 : nil } ?? today.year
        let s = try await pages.reads.read(for: identity.user.id) {
            try await statistics.reading($0).summary(year: year, scope: identity.viewer.scope, today: today)
        }
        let links = StatisticsLinks(year: year)
        let months = (1...12).map { "\($0)月" }
        /// A breakdown's rows, each count with the link to its cases (none where no filter reproduces it).
        func table(_ rows: [StatisticsStore.Breakdown], _ link: (String) -> String?) -> [StatisticsView.Count] {
            rows.map { .init(count: String($0.count), label: $0.label, link: link($0.key)) }
        }
        func items(_ rows: [StatisticsStore.Breakdown], _ link: (String) -> String?) -> [SVGChart.Item] {
            rows.map { SVGChart.Item(label: $0.label, value: $0.count, link: link($0.key)) }
        }
        let byTopic: (String) -> String? = { links.received("topic", $0) }
        let byAgency: (String) -> String? = { links.received("agency", $0) }
        let top = max(1, s.topicHeat.flatMap(\.months).max() ?? 1)
        let heat: [StatisticsView.HeatRow] = s.topicHeat.map { t in
            let cells: [StatisticsView.HeatRow.Cell] = t.months.enumerated().map { month, n in
                let shade = n == 0 ? "h0" : n * 3 <= top ? "h1" : n * 3 <= top * 2 ? "h2" : "h3"
                return .init(count: n, shade: shade, link: n == 0 ? nil : links.received("topic", t.topic, month: month + 1))
            }
            return .init(topic: t.topic, cells: cells)
        }
        let cards: [StatisticsView.Count] = [
            .init(count: String(s.received), label: "本年收到", link: links.received),
            .init(count: String(s.finished), label: "本年办结", link: links.finished),
            .init(count: String(s.carriedOver), label: "上年结转", link: links.carriedOver),
            .init(count: String(s.overdueNow), label: "目前逾期", link: links.overdueNow),
            .init(count: String(s.repliedLate), label: "逾期答复", link: links.repliedLate),
            .init(count: s.medianWorkingDays.map(String.init) ?? "—", label: "答复用时中位数（工作日）", link: nil),
            .init(count: s.p90WorkingDays.map(String.init) ?? "—", label: "答复用时90%分位（工作日）", link: nil),
        ]
        let received: [SVGChart.Item] = zip(months, s.receivedByMonth).enumerated().map {
            SVGChart.Item(label: $1.0, value: $1.1, link: links.receivedIn(month: $0 + 1))
        }
        let finished: [SVGChart.Item] = zip(months, s.finishedByMonth).enumerated().map {
            SVGChart.Item(label: $1.0, value: $1.1, link: links.finishedIn(month: $0 + 1))
        }
        let breakdowns: [StatisticsView.Breakdown] = [
            .init(title: "按渠道", rows: table(s.byChannel) { links.received("channel", $0) }),
            .init(title: "按申请人类型", rows: table(s.byKind) { links.received("applicantKind", $0) }),
            .init(title: "按主题", rows: table(s.byTopic, byTopic)), .init(title: "按机关", rows: table(s.byAgency, byAgency)),
            .init(title: "按办理结果（本年办结）", rows: table(s.byDisposition) { links.finished(disposition: $0) }),
        ]
        let view = StatisticsView(
            year: year, years: (2019...today.year).reversed().map { StatisticsView.Year(value: $0, selected: $0 == year) }, cards: cards,
            monthChart: SVGChart.columns(received, title: "\(year)年各月收到申请数"),
            finishedChart: SVGChart.columns(finished, title: "\(year)年各月办结数"),
            topicChart: SVGChart.bars(items(s.byTopic, byTopic), title: "按主题"),
            agencyChart: SVGChart.bars(items(Array(s.byAgency.prefix(15)), byAgency), title: "按机关（前15）"),
            breakdowns: breakdowns, months: months.map { StatisticsView.Month(month: $0) }, heat: heat,
            several: s.askedBySeveral.map { StatisticsView.Several(subject: $0.subject, applicants: $0.applicants) },
            frequent: s.frequentApplicants.map { StatisticsView.Frequent(name: $0.name, month: $0.month, count: $0.count) })
        return pages.page.render("statistics", view: view, identity: identity)
    }
}
