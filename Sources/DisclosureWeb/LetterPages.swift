import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 文书 (domain.md §8): the letters of a case, generated from it as drafts, edited, finalised
/// with a number, printed on A4 from the browser. Whoever may see the case may see its letters;
/// writing them needs the applicant's unmasked name, so only those who handle the case (its
/// officer, a supervisor of its agency) generate, edit and finalise.
struct LetterPages: Sendable {
    let pages: Pages
    let documents: DocumentStore
    let templates: LetterTemplateStore

    func register(on router: Router<AppRequestContext>) {
        let casesGroup = router.group("cases", context: SignedIn<Anyone>.self)
        let lettersGroup = router.group("letters", context: SignedIn<Anyone>.self)
        casesGroup.get(":id/letters") { request, context in
            await respond { try await list(context.identity, caseID: try id(context), error: nil) }
        }
        casesGroup.post(":id/letters") { request, context in
            await respond { try await generate(context.identity, context, caseID: try id(context)) }
        }
        lettersGroup.get(":id") { request, context in
            await respond {
                let identity = context.identity
                let notice = request.uri.queryParameters.get("done").flatMap { Self.notices[$0] }
                return try await show(identity, documentID: try id(context), notice: notice)
            }
        }
        lettersGroup.post(":id") { request, context in
            await respond { try await edit(context.identity, context, documentID: try id(context)) }
        }
        lettersGroup.post(":id/finalise") { request, context in
            await respond { try await finalise(context.identity, context, documentID: try id(context)) }
        }
        lettersGroup.post(":id/delete") { request, context in
            await respond { try await delete(context.identity, context, documentID: try id(context)) }
        }
    }

    static let notices = ["created": "已生成草稿。请核对内容，修改后保存，再定稿。", "saved": "草稿已保存。", "final": "已定稿并编号。定稿后的文书不能再修改。",
                          "deleted": "草稿已删除。"]

    /// A letter that does not exist, or whose case the user may not see, is not found.
    func respond(_ body: () async throws -> Response) async -> Response {
        await pages.respond {
            do {
                return try await body()
            } catch DocumentError.notFound(let id) {
                return Page.message(status: .notFound, title: "找不到文书", text: DocumentError.notFound(id).chineseDescription)
            }
        }
    }

    func id(_ context: some PageRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw DocumentError.notFound(0) }
        return id
    }

    func forbidden() -> Response {
        Page.message(status: .forbidden, title: "无权制作文书", text: "只有本案承办人或本机关审核人可以生成、修改和定稿文书。")
    }

    // MARK: 文书列表与生成

    func list(_ identity: Identity, caseID: Int64, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let detail = try await pages.cases.detail(caseID, viewer: identity.viewer)
        let users = Dictionary(uniqueKeysWithValues: try await pages.directory.users().map { ($0.id, $0.name) })
        let letters = try await documents.list(caseID: caseID)
        return pages.page.render("letters", view: LettersView(
            id: caseID, number: detail.caseNumber, subject: detail.snapshot.subject, error: error, canWrite: detail.personalDataShown,
            kinds: LetterKind.available(for: detail.snapshot).map { .init(value: $0.rawValue, label: $0.label) },
            letters: letters.map { d in
                .init(id: d.id, label: d.kind.label, letterNumber: d.number, date: Show.date(d.date), status: d.status.label, final: d.isFinal,
                      recipient: shownRecipient(d, detail), author: users[d.createdBy] ?? "")
            }), identity: identity, status: status)
    }

    func generate(_ identity: Identity, _ context: some PageRequestContext, caseID: Int64) async throws -> Response {
        let detail = try await pages.cases.detail(caseID, viewer: identity.viewer)
        guard detail.personalDataShown else { return forbidden() }
        guard let kind = context.form?["kind"].flatMap(LetterKind.init(rawValue:)) else {
            return try await list(identity, caseID: caseID, error: "请选择要生成的文书种类。", status: .unprocessableContent)
        }
        guard let agency = try await pages.directory.agency(id: detail.snapshot.agencyID) else { throw CaseStoreError.caseNotFound(caseID) }
        let source = LetterSource(caseNumber: detail.caseNumber, snapshot: detail.snapshot, events: detail.events.map(\.event),
                                  applicant: detail.applicant, agency: agency,
                                  calendar: try await pages.cases.calendars.calendar(), today: pages.today())
        do {
            var draft = try LetterWriter.draft(kind, from: source)
            if let template = try await templates.templates()[kind] {
                draft = template.apply(to: draft, caseNumber: detail.caseNumber)
            }
            let document = try await documents.create(draft, caseID: caseID, agencyID: agency.id, by: identity.user.id)
            return Page.redirect("/letters/\(document.id)?done=created")
        } catch let error as LetterError {
            return try await list(identity, caseID: caseID, error: error.chineseDescription, status: .unprocessableContent)
        }
    }

    // MARK: 文书

    /// The letter and its case, or not found when the user may not see the case.
    func load(_ identity: Identity, _ documentID: Int64) async throws -> (Document, CaseDetail) {
        let document = try await documents.document(documentID)
        do {
            return (document, try await pages.cases.detail(document.caseID, viewer: identity.viewer))
        } catch CaseStoreError.caseNotFound {
            throw DocumentError.notFound(documentID)
        }
    }

    /// Colleagues who do not handle the case see the applicant's name masked, as on the case page.
    func shownRecipient(_ document: Document, _ detail: CaseDetail) -> String {
        document.kind.addressedToApplicant && !detail.personalDataShown ? detail.applicant.name : document.recipient
    }

    func show(_ identity: Identity, documentID: Int64, notice: String?, error: String? = nil, body: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let (document, detail) = try await load(identity, documentID)
        let users = Dictionary(uniqueKeysWithValues: try await pages.directory.users().map { ($0.id, $0.name) })
        // A draft that states a date counted over a year without a notice says so before it is finalised.
        let text = body ?? document.body
        let provisional = document.isFinal ? [] : detail.snapshot.provisionalDates(calendar: detail.calendar)
            .filter { text.contains($0.date.chineseDay) }
        return pages.page.render("letter", view: LetterView(
            provisional: provisional.map { .init(date: $0.date.chineseDay, reason: $0.provisional.reason) },
            id: document.id, caseID: document.caseID, caseNumber: detail.caseNumber, label: document.kind.label,
            title: document.title, number: document.number, recipient: shownRecipient(document, detail),
            paragraphs: document.paragraphs, signer: document.signer, date: document.date.chineseDay,
            final: document.isFinal, status: document.status.label, body: body ?? document.body,
            canWrite: detail.personalDataShown && !document.isFinal,
            author: users[document.createdBy] ?? "", finaliser: document.finalisedBy.flatMap { users[$0] },
            notice: notice, error: error), identity: identity, status: status)
    }

    func edit(_ identity: Identity, _ context: some PageRequestContext, documentID: Int64) async throws -> Response {
        let (_, detail) = try await load(identity, documentID)
        guard detail.personalDataShown else { return forbidden() }
        let body = context.form?["body"] ?? ""
        do {
            _ = try await documents.edit(documentID, body: body)
            return Page.redirect("/letters/\(documentID)?done=saved")
        } catch let error as DocumentError {
            if case .notFound = error { throw error }
            let status = APIError.from(error).status
            return try await show(identity, documentID: documentID, notice: nil, error: error.chineseDescription, body: body, status: status)
        }
    }

    /// Finalising uses a number for good and freezes the letter: it is confirmed first.
    func finalise(_ identity: Identity, _ context: some PageRequestContext, documentID: Int64) async throws -> Response {
        let (document, detail) = try await load(identity, documentID)
        guard detail.personalDataShown else { return forbidden() }
        if !document.isFinal, document.kind.numberedBySignOff(in: detail.snapshot) {
            return try await show(identity, documentID: documentID, notice: nil,
                                  error: "答复书由审核人签发时定稿编号。请在案件页「拟稿并提交审签」，审核人签发即定稿。", status: .conflict)
        }
        guard context.form?["confirm"] == "yes" else {
            guard !document.isFinal else {
                return try await show(identity, documentID: documentID, notice: nil, error: DocumentError.alreadyFinal(documentID).chineseDescription, status: .conflict)
            }
            return pages.confirmation(identity, heading: "定稿并编号", verb: "定稿",
                                      text: "定稿后将分配文号，文号一经使用不再收回；定稿的文书不能再修改，也不能删除。请确认草稿内容无误。",
                                      action: "/letters/\(documentID)/finalise", back: "/letters/\(documentID)")
        }
        do {
            _ = try await documents.finalise(documentID, by: identity.user.id)
            return Page.redirect("/letters/\(documentID)?done=final")
        } catch let error as DocumentError {
            if case .notFound = error { throw error }
            let status = APIError.from(error).status
            return try await show(identity, documentID: documentID, notice: nil, error: error.chineseDescription, status: status)
        }
    }

    /// A draft may be deleted, after a confirmation; a final letter never.
    func delete(_ identity: Identity, _ context: some PageRequestContext, documentID: Int64) async throws -> Response {
        let (document, detail) = try await load(identity, documentID)
        guard detail.personalDataShown else { return forbidden() }
        guard !document.isFinal else {
            return try await show(identity, documentID: documentID, notice: nil, error: "定稿的文书不能删除。", status: .conflict)
        }
        guard context.form?["confirm"] == "yes" else {
            return pages.confirmation(identity, heading: "删除草稿", verb: "删除", text: "删除后，这份草稿及其修改都不再保留（未分配文号）。",
                                      action: "/letters/\(documentID)/delete", back: "/letters/\(documentID)")
        }
        try await documents.deleteDraft(documentID)
        return Page.redirect("/cases/\(document.caseID)/letters?done=deleted")
    }
}
