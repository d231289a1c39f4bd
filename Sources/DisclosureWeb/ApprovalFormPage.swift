import DisclosureCore
import DisclosureStore
import Hummingbird

/// 办理呈批表 (`GET /cases/{id}/approval-form`): the case's facts, clock, the officer's proposal and
/// the supervisor's opinion on one A4 sheet for the paper file. Whoever may see the case may
/// print it; the applicant is masked for those who do not handle the case, as on the case page.
struct ApprovalFormPage: Sendable {
    let pages: Pages

    func register(on router: Router<AppRequestContext>) {
        let casesGroup = router.group("cases", context: SignedIn<Anyone>.self)
        casesGroup.get(":id/approval-form") { request, context in
            await pages.respond {
                let identity = context.identity
                guard let id = context.parameters.get("id", as: Int64.self) else { throw CaseStoreError.caseNotFound(0) }
                return try await show(identity, caseID: id)
            }
        }
    }

    func show(_ identity: Identity, caseID: Int64) async throws -> Response {
        let detail = try await pages.cases.detail(caseID, viewer: identity.viewer)
        try await pages.audit.identityNumberShown(detail, to: identity.user, via: "approval_form")
        let users = Dictionary(uniqueKeysWithValues: try await pages.directory.users().map { ($0.id, $0.name) })
        let agency = try await pages.directory.agency(id: detail.snapshot.agencyID)
        let form = try ApprovalForm.make(caseNumber: detail.caseNumber, description: detail.description, snapshot: detail.snapshot,
                                         events: detail.events.map(\.event), applicant: detail.applicant, masked: !detail.personalDataShown,
                                         agency: agency?.name ?? "", name: { users[$0] }, calendar: detail.calendar, today: pages.today())
        return pages.page.render("approval_form", view: ApprovalFormView(id: caseID, form: form), identity: identity)
    }
}
