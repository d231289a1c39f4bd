import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 拟稿–核稿–签发: the officer proposes the outcome and the reply letter together (拟稿); the
/// supervisor reads the letter beside the case, edits it if need be, and signs it off, which
/// numbers it (签发), or returns it with comments (退回修改). Without JavaScript: each step is a
/// form, the sign-off is confirmed first.
struct ReplyReviewPages: Sendable {
    let pages: Pages
    let documents: DocumentStore
    let templates: LetterTemplateStore
    let review: ReplyReview

    func register(on router: Router<AppRequestContext>) {
        let casesGroup = router.group("cases", context: SignedIn<Anyone>.self)
        casesGroup.get(":id/proposal") { request, context in
            await pages.respond {
                let identity = context.identity
                return try await proposalForm(identity, caseID: try id(context), values: [:], errors: [:], summary: nil)
            }
        }
        casesGroup.post(":id/proposal") { request, context in
            await pages.respond { try await propose(context.identity, context, caseID: try id(context)) }
        }
        casesGroup.get(":id/signoff") { request, context in
            await pages.respond {
                let identity = context.identity
                let notice = request.uri.queryParameters.get("done") == "saved" ? "答复书修改已保存。" : nil
                return try await signOffPage(identity, caseID: try id(context), body: nil, note: nil, notice: notice, error: nil)
            }
        }
        casesGroup.post(":id/signoff") { request, context in
            await pages.respond { try await decide(context.identity, context, caseID: try id(context)) }
        }
    }

    func id(_ context: some PageRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw CaseStoreError.caseNotFound(0) }
        return id
    }

    static let proposalFields = ["disposition", "legalBasis", "reasons", "provision"]

    func officerName(_ detail: CaseDetail) async throws -> String {
        guard let officer = detail.snapshot.officerID else { return "未指定" }
        return try await pages.directory.users().first { $0.id == officer }?.name ?? "未指定"
    }

    func names() async throws -> [Int64: String] {
        Dictionary(uniqueKeysWithValues: try await pages.directory.users().map { ($0.id, $0.name) })
    }

    /// The supervisor's latest comments, shown to the officer revising.
    func returned(_ detail: CaseDetail, names: [Int64: String]) -> String {
        guard detail.snapshot.state == .inProgress, let back = CaseFacts.latest(.returnForRevision, in: detail),
              detail.events.last(where: { $0.event.kind == .submitForSignoff }).map({ $0.sequence < back.sequence }) ?? false,
              case .returnForRevision(let note) = back.event.payload else { return "" }
        return "\(names[back.event.actor.userID] ?? "审核人")于\(back.event.on.chinese)退回修改：\(note.note ?? "")"
    }

    // MARK: 拟稿

    func proposalForm(_ identity: Identity, caseID: Int64, values: [String: String], errors: [String: String], summary: String?,
                      letter: (body: String, regenerated: Bool)? = nil, status: HTTPResponse.Status? = nil) async throws -> Response {
        let detail = try await pages.cases.detail(caseID, viewer: identity.viewer)
        let s = detail.snapshot
        var values = values
        if values.isEmpty, let draft = s.draft {
            values = ["disposition": draft.disposition.rawValue, "legalBasis": draft.legalBasis ?? "", "reasons": draft.reasons ?? "",
                      "provision": draft.provision?.rawValue ?? ""]
        }
        let fields = EventForm.view(.submitForSignoff, agencies: [], values: values, errors: errors).filter { $0.name != "text" }
        let allowed = detail.allowedEvents.contains(.submitForSignoff) && detail.personalDataShown
        let returned = returned(detail, names: try await names())
        return pages.page.render("proposal", view: ProposalView(
            facts: try CaseFacts.view(detail, today: pages.today(), officer: try await officerName(detail)),
            id: caseID, version: s.version, on: values["on"].flatMap { $0.isEmpty ? nil : $0 } ?? pages.today().description, onError: errors["on"],
            summary: summary, allowed: allowed, returned: returned.isEmpty ? nil : returned, fields: fields,
            letter: letter?.body, hasLetter: letter != nil, regenerated: letter?.regenerated ?? false,
            proposal: letter == nil ? [] : CaseFacts.proposal(draftFrom(values) ?? ReplyDraft(disposition: .disclose)),
            hidden: Self.proposalFields.map { .init(name: $0, value: values[$0] ?? "") }
        ), identity: identity, status: status ?? (summary == nil ? .ok : .unprocessableContent))
    }

    func draftFrom(_ values: [String: String]) -> ReplyDraft? {
        guard let disposition = values["disposition"].flatMap(Disposition.init(rawValue:)) else { return nil }
        func text(_ name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }
        return ReplyDraft(disposition: disposition, legalBasis: text("legalBasis"), reasons: text("reasons"),
                          provision: text("provision").flatMap(ProvisionForm.init(rawValue:)))
    }

    /// Three buttons on one form: 生成答复书 (check the proposal and draft the letter), 重新生成,
    /// 提交审签 (record the proposal with the letter as edited), and 返回修改.
    func propose(_ identity: Identity, _ context: some PageRequestContext, caseID: Int64) async throws -> Response {
        let form = context.form ?? FormData("")
        var values: [String: String] = [:]
        for name in Self.proposalFields + ["on"] { values[name] = form[name] ?? "" }
        let detail = try await pages.cases.detail(caseID, viewer: identity.viewer)
        guard detail.personalDataShown else {
            return Page.message(status: .forbidden, title: "无权拟稿", text: "只有本案承办人或本机关审核人可以拟写答复。")
        }
        let step = form["step"] ?? "preview"
        if step == "back" { return try await proposalForm(identity, caseID: caseID, values: values, errors: [:], summary: nil) }
        // The proposal is checked by the lifecycle itself, on the case as it stands, before any letter is drafted.
        let on: LocalDate
        switch LocalDate.input(form["on"] ?? "") {
        case .success(let day): on = day
        case .failure(let problem):
            return try await proposalForm(identity, caseID: caseID, values: values, errors: ["on": problem.chineseDescription + "。"],
                                          summary: "请修改标出的内容：" + problem.chineseDescription + "。")
        }
        guard let draft = draftFrom(values) else {
            return try await proposalForm(identity, caseID: caseID, values: values, errors: ["disposition": "请选择办理结果。"], summary: "请修改标出的内容：请选择办理结果。")
        }
        let event = CaseEvent(.submitForSignoff(draft), on: on, by: identity.user.actor)
        do {
            _ = try Lifecycle.apply(event, to: detail.snapshot, calendar: detail.calendar)
        } catch {
            let (summary, fields) = UIText.fieldErrors(error)
            return try await proposalForm(identity, caseID: caseID, values: values, errors: fields, summary: summary)
        }
        let letter = try await proposedLetter(draft, detail: detail)
        switch step {
        case "submit":
            let body = form["body"] ?? ""
            do {
                var edited = letter
                edited.paragraphs = [body]
                _ = try await review.propose(draft, letter: edited, caseID: caseID, expectedVersion: Int(form["expectedVersion"] ?? "") ?? -1,
                                             on: on, by: identity.user.actor, today: pages.today(), scope: identity.viewer.scope)
                return Page.redirect("/cases/\(caseID)?done=\(EventKind.submitForSignoff.rawValue)")
            } catch LifecycleError.staleVersion {
                return try await proposalForm(identity, caseID: caseID, values: values, errors: [:],
                                              summary: "您提交时本案已被他人更新，答复未提交。请核对案件最新情况后重新提交。", letter: (body, false), status: .conflict)
            } catch let error as DocumentError {
                return try await proposalForm(identity, caseID: caseID, values: values, errors: [:], summary: error.chineseDescription,
                                              letter: (body, false))
            } catch let error as LifecycleError {
                let (summary, fields) = UIText.fieldErrors(error)
                return try await proposalForm(identity, caseID: caseID, values: values, errors: fields, summary: summary)
            }
        default:
            // The letter a return sent back keeps its edits while the outcome stays the same.
            let kept = try await documents.replyLetter(caseID: caseID).flatMap { letter -> String? in
                guard letter.status == .draft, step != "regenerate", detail.snapshot.draft?.disposition == draft.disposition else { return nil }
                return letter.body
            }
            return try await proposalForm(identity, caseID: caseID, values: values, errors: [:], summary: nil,
                                          letter: (kept ?? letter.body, kept == nil && step == "regenerate"))
        }
    }

    func proposedLetter(_ draft: ReplyDraft, detail: CaseDetail) async throws -> LetterDraft {
        guard let agency = try await pages.directory.agency(id: detail.snapshot.agencyID) else { throw CaseStoreError.caseNotFound(detail.id) }
        let source = LetterSource(caseNumber: detail.caseNumber, snapshot: detail.snapshot, events: detail.events.map(\.event),
                                  applicant: detail.applicant, agency: agency, calendar: detail.calendar, today: pages.today())
        var letter = try LetterWriter.proposedReply(draft, from: source)
        if let template = try await templates.templates()[.reply] { letter = template.apply(to: letter, caseNumber: detail.caseNumber) }
        return letter
    }

    // MARK: 核稿、签发

    func signOffPage(_ identity: Identity, caseID: Int64, body: String?, note: String?, notice: String?, error: String?,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let detail = try await pages.cases.detail(caseID, viewer: identity.viewer)
        let s = detail.snapshot
        let names = try await names()
        let letter = try await documents.replyLetter(caseID: caseID)
        let submitted = CaseFacts.latest(.submitForSignoff, in: detail)
        let canDecide = identity.user.role == .supervisor && detail.personalDataShown && s.state == .pendingSignoff
        return pages.page.render("signoff", view: SignOffView(
            facts: try CaseFacts.view(detail, today: pages.today(), officer: try await officerName(detail)),
            id: caseID, version: s.version, proposal: s.draft.map(CaseFacts.proposal) ?? [],
            submitted: submitted.map { "\(names[$0.event.actor.userID] ?? "承办人")于\($0.event.on.chinese)提交审签" },
            hasLetter: letter != nil, letterTitle: letter?.title,
            recipient: letter.map { detail.personalDataShown ? $0.recipient : detail.applicant.name },
            letterNumber: letter?.number, body: body ?? letter?.body ?? "", note: note ?? "", canDecide: canDecide,
            stateNote: s.state == .pendingSignoff ? nil : "本案当前状态为「\(s.state.label)」，不在待审签状态。",
            notice: notice, error: error
        ), identity: identity, status: status)
    }

    func decide(_ identity: Identity, _ context: some PageRequestContext, caseID: Int64) async throws -> Response {
        let form = context.form ?? FormData("")
        let detail = try await pages.cases.detail(caseID, viewer: identity.viewer)
        guard identity.user.role == .supervisor, detail.personalDataShown else {
            return Page.message(status: .forbidden, title: "无权审签", text: "只有本机关的审核人可以审签答复。")
        }
        let body = form["body"] ?? ""
        let note = form["note"].flatMap { $0.isEmpty ? nil : $0 }
        let version = Int(form["expectedVersion"] ?? "") ?? -1
        func again(_ error: String, _ status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
            try await signOffPage(identity, caseID: caseID, body: body, note: note, notice: nil, error: error, status: status)
        }
        guard let letter = try await documents.replyLetter(caseID: caseID), !letter.isFinal else {
            return try await again("本案没有待签发的答复书草稿，请退回承办人拟稿。", .conflict)
        }
        do {
            switch form["action"] {
            case "save":
                _ = try await documents.edit(letter.id, body: body)
                return Page.redirect("/cases/\(caseID)/signoff?done=saved")
            case "return":
                guard let note else { return try await again("退回修改时请写明需要修改的内容。") }
                _ = try await review.returnForRevision(caseID: caseID, expectedVersion: version, letterID: letter.id, body: body, note: note,
                                                       on: pages.today(), by: identity.user.actor, today: pages.today(), scope: identity.viewer.scope)
                return Page.redirect("/cases/\(caseID)?done=\(EventKind.returnForRevision.rawValue)")
            case "sign":
                guard form["confirm"] == "yes" else {
                    return pages.confirmation(identity, heading: "签发答复书", verb: "签发",
                                              text: "签发后答复书即定稿并分配文号（文号一经使用不再收回），本案转为「\(CaseState.toIssue.label)」，由承办人发出答复。请确认答复书内容无误。",
                                              action: "/cases/\(caseID)/signoff", back: "/cases/\(caseID)/signoff",
                                              fields: [("action", "sign"), ("body", body), ("note", note ?? ""), ("expectedVersion", String(version))])
                }
                _ = try await review.signOff(caseID: caseID, expectedVersion: version, letterID: letter.id, body: body, note: note,
                                             on: pages.today(), by: identity.user.actor, today: pages.today(), scope: identity.viewer.scope)
                return Page.redirect("/cases/\(caseID)?done=\(EventKind.signOff.rawValue)")
            default:
                return try await again("请选择签发、退回修改或保存修改。")
            }
        } catch LifecycleError.staleVersion {
            return try await again("本案已被他人更新，您的审签未保存。请核对后重新审签。", .conflict)
        } catch let error as DocumentError {
            return try await again(error.chineseDescription, APIError.from(error).status)
        } catch let error as LifecycleError {
            return try await again(UIText.describe(error))
        }
    }
}
