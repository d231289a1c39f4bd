import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 转为典型案例: a supervisor turns a replied or closed case into a library entry. The system
/// proposes redactions; the supervisor confirms each, looks at the result, and only then is it
/// published — the original text never reaches the library or its index.
extension LibraryPages {
    func registerCaseRoutes(on router: Router<AppRequestContext>) {
        let casesGroup = router.group("cases", context: SignedIn<Anyone>.self)
        casesGroup.get(":id/library") { request, context in
            await pages.respond { try await propose(try supervisor(request, context), caseID: try caseID(context), accepted: nil) }
        }
        casesGroup.post(":id/library") { request, context in
            await pages.respond {
                let identity = try supervisor(request, context)
                let form = context.form ?? FormData("")
                let id = try caseID(context)
                if form["step"] == "publish" {
                    let entry = LibraryEntry(kind: .typicalCase, title: form["title"] ?? "", body: form.all("body").last ?? "",
                                             topic: Topic.classify(form["title"] ?? ""), agencyID: identity.user.agencyID,
                                             year: pages.today().year, disposition: form["disposition"].flatMap(Disposition.init(rawValue:)),
                                             legalBasis: form["legalBasis"], tags: ["典型案例"])
                    let entryID = try await library.add(entry, by: identity.user)
                    return Page.redirect("/library/\(entryID)")
                }
                return try await propose(identity, caseID: id, accepted: Set(form.all("accept").compactMap { Int($0) }))
            }
        }
    }

    func supervisor(_ request: Request, _ context: some PageRequestContext) throws -> Identity {
        let identity = context.identity
        guard identity.user.role == .supervisor else { throw RedirectError(location: "/library") }
        return identity
    }

    func caseID(_ context: some PageRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw CaseStoreError.caseNotFound(0) }
        return id
    }

    /// Step 1 shows the proposals (all ticked); step 2 (`accepted` given) the redacted text to approve.
    func propose(_ identity: Identity, caseID: Int64, accepted: Set<Int>?) async throws -> Response {
        let detail = try await pages.cases.detail(caseID, viewer: identity.viewer)
        guard !detail.snapshot.state.isOpen else {
            return Page.message(status: .unprocessableContent, title: "尚未办结", text: "只有已答复或已归档的案件可以转为典型案例。")
        }
        let (title, body) = LibraryEntry.typicalCaseText(detail.snapshot, description: detail.description, caseNumber: detail.caseNumber)
        let known = try await pages.cases.redactionTerms(ofCase: caseID, scope: identity.viewer.scope)
        let proposals = Redactor.proposals(in: title + "\n" + body, known: known)
        let chosen = accepted.map { set in proposals.enumerated().filter { set.contains($0.offset) }.map(\.element) }
        return pages.page.render("case_to_library", view: CaseToLibraryView(
            id: caseID, number: detail.caseNumber, preview: chosen != nil,
            proposals: proposals.enumerated().map { .init(index: $0.offset, kind: $0.element.kind.label, original: $0.element.original, replacement: $0.element.replacement) },
            title: chosen.map { Redactor.apply($0, to: title) } ?? title,
            body: chosen.map { Redactor.apply($0, to: body) } ?? body,
            disposition: detail.snapshot.disposition?.rawValue ?? "", legalBasis: detail.snapshot.draft?.legalBasis ?? ""
        ), identity: identity)
    }
}
