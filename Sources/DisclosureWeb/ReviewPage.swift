import DisclosureCore
import DisclosureStore
import Hummingbird

/// 审核: what waits for a supervisor — extension requests, replies to sign off — and an
/// overview per agency of open, soon due and overdue cases.
struct ReviewPage: Sendable {
    let pages: Pages
    let cases: CasePages

    func register(on router: Router<AppRequestContext>) {
        let reviewGroup = router.group("review", context: SignedIn<Supervisors>.self)
        reviewGroup.get("") { request, context in
            await pages.respond { try await render(context.identity) }
        }
    }

    func render(_ identity: Identity) async throws -> Response {
        let today = pages.today()
        let names = try await pages.agencyNames()
        let section = try await cases.sections(identity, pageSize: 100)
        let overview = try await pages.cases.overview(scope: identity.viewer.scope, today: today)
        return pages.page.render("review", view: ReviewView(
            sections: [
                try await section("待批准的延期申请") { $0.extensionPending = true },
                try await section("待审签的答复") { $0.states = [.pendingSignoff] },
                try await section("疑难复杂案件") { $0.flaggedComplex = true },
                try await section("待说明理由（条例第三十五条）") { $0.states = [.awaitingReasons] },
            ],
            overview: overview.map { .init(agency: names[$0.agencyID] ?? "", agencyID: $0.agencyID, open: $0.open, soon: $0.soon, overdue: $0.overdue) }
        ), identity: identity)
    }
}
