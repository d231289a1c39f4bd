import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 统计: for supervisors, a year's figures for the agencies they see, with charts drawn on the server.
struct StatisticsPage: Sendable {
    let pages: Pages
    let statistics: StatisticsStore

    func register(on router: Router<AppRequestContext>) {
        router.get("statistics") { request, context in
            await pages.respond {
                let identity = try pages.signedIn(request, context)
                guard identity.user.role == .supervisor else {
                    return Page.message(status: .forbidden, title: "无权访问", text: "统计页面仅供审核人使用。")
                }
                return try await render(request, identity)
            }
        }
    }

    func render(_ request: Request, _ identity: Identity) async throws -> Response {
        let today = pages.today()
        let year = request.uri.queryParameters.get("year").flatMap { Int($0) }.flatMap { (2019...today.year).contains($0) ? $0 : nil } ?? today.year
        let s = try await statistics.summary(year: year, scope: identity.viewer.scope, today: today)
        let months = (1...12).map { "\($0)月" }
        func table(_ rows: [(String, Int)]) -> [[String: Any]] { rows.map { ["label": $0.0, "count": $0.1] } }
        return pages.page.render("statistics", [
            "year": year, "years": (2019...today.year).reversed().map { ["value": $0, "selected": $0 == year] },
            "received": s.received, "finished": s.finished, "carriedOver": s.carriedOver, "overdue": s.overdueNow, "late": s.repliedLate,
            "median": s.medianWorkingDays.map(String.init) ?? "—", "p90": s.p90WorkingDays.map(String.init) ?? "—",
            "monthChart": SVGChart.columns(Array(zip(months, s.receivedByMonth)), title: "\(year)年各月收到申请数"),
            "finishedChart": SVGChart.columns(Array(zip(months, s.finishedByMonth)), title: "\(year)年各月办结数"),
            "topicChart": SVGChart.bars(s.byTopic, title: "按主题"),
            "agencyChart": SVGChart.bars(Array(s.byAgency.prefix(15)), title: "按机关（前15）"),
            "breakdowns": [
                ["title": "按渠道", "rows": table(s.byChannel)], ["title": "按申请人类型", "rows": table(s.byKind)],
                ["title": "按主题", "rows": table(s.byTopic)], ["title": "按机关", "rows": table(s.byAgency)],
                ["title": "按办理结果", "rows": table(s.byDisposition)],
            ],
            "months": months.map { ["month": $0] },
            "heat": s.topicHeat.map { t -> [String: Any] in
                let top = max(1, s.topicHeat.flatMap(\.months).max() ?? 1)
                return ["topic": t.topic, "cells": t.months.map { n -> [String: Any] in
                    ["count": n, "shade": n == 0 ? "h0" : n * 3 <= top ? "h1" : n * 3 <= top * 2 ? "h2" : "h3"]
                }]
            },
            "several": s.askedBySeveral.map { ["subject": $0.subject, "applicants": $0.applicants] },
            "frequent": s.frequentApplicants.map { ["name": $0.name, "month": $0.month, "count": $0.count] },
        ], identity: identity)
    }
}
