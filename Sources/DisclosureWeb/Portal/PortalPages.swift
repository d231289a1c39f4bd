import DisclosureCore
import DisclosureStore
import Foundation
import HTTPTypes
import Hummingbird
import LibPQ
import Logging

/// The tracking page's cookie, scoped to /apply.
public enum PortalCookie {
    public static let name = "dd_portal"
}

/// The public portal (issue 17): `/apply` to submit an application without an account, and
/// `/apply/track` to follow it with the receipt code and tracking password. Works without
/// JavaScript; every refusal is in Chinese, leaves nothing stored, and is logged.
struct PortalPages: Sendable {
    let page: Page
    let portal: PortalStore
    let today: @Sendable () -> LocalDate
    let limits: PortalLimits
    let secureCookies: Bool

    func register(on router: Router<AppRequestContext>) {
        router.get("apply") { request, context in
            await respond(context) {
                let look = request.uri.queryParameters.get("look").map { String($0.prefix(300)).trimmingCharacters(in: .whitespaces) }
                    .flatMap { $0.isEmpty ? nil : $0 }
                return try await applyForm(values: look.map { ["subject": $0] } ?? [:], errors: [:], summary: nil, look: look)
            }
        }
        router.get("apply/similar") { request, context in
            await respond(context) { try await similar(request, context) }
        }
        router.get("apply/answers") { request, context in await respond(context) { try await answers(request, context) } }
        router.get("apply/answers/:id") { request, context in
            await respond(context) {
                guard let id = context.parameters.get("id", as: Int64.self), let answer = try await portal.publicAnswer(id) else {
                    return Page.message(status: .notFound, title: "找不到该内容", text: "没有该条目，或者它不在网上公开。")
                }
                return page.render("portal_answer", view: PortalAnswerView(title: answer.title, kind: answer.kind.label,
                                                                           paragraphs: answer.body.split(whereSeparator: \.isNewline).map(String.init)), identity: nil)
            }
        }
        router.post("apply") { request, context in
            await respond(context) { try await submit(request, context) }
        }
        router.get("apply/track") { request, context in
            page.render("track", view: TrackFormView(summary: nil, code: ""), identity: nil)
        }
        router.post("apply/track") { request, context in
            await respond(context) { try await track(request, context) }
        }
        router.get("apply/status") { request, context in await respond(context) { try await status(request) } }
        router.post("apply/withdraw") { request, context in await respond(context) { try await withdraw(request, context) } }
        router.post("apply/correction") { request, context in await respond(context) { try await correct(request, context) } }
        router.post("apply/leave") { request, context in await respond(context) { try await leave(request) } }
        router.get("apply/letters/:id") { request, context in await respond(context) { try await letter(request, context) } }
        router.get("apply/files/:id") { request, context in await respond(context) { try await releasedFile(request, context) } }
    }

    /// A failure no handler foresaw becomes a page in the portal's words, never a stack trace.
    func respond(_ context: AppRequestContext, _ body: () async throws -> Response) async -> Response {
        do { return try await body() } catch {
            let api = APIError.from(error)
            context.logger.log(level: api.status.code < 500 ? .notice : .error, "portal request failed", metadata: ["error": "\(error)"])
            return Page.message(status: api.status, title: api.status.code < 500 ? "无法处理该请求" : "出错了", text: api.chinese)
        }
    }

    static func address(_ context: AppRequestContext, _ request: Request) -> String {
        ClientAddress.of(peer: context.peerAddress, forwardedFor: request.headers[HTTPField.Name("X-Forwarded-For")!]) ?? "unknown"
    }

    // MARK: Applying

    static let fields = ["agencyID", "kind", "name", "idType", "idNumber", "phone", "email", "address", "subject", "description", "formWanted", "deliveryWanted"]

    /// `GET /apply/similar?text=`: the published answers most like what is being typed, as JSON
    /// for the form's script; limited per address like every portal lookup.
    func similar(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let address = Self.address(context, request)
        guard try await portal.take("similar", for: address, limit: limits.lookupsPerAddress, window: limits.lookupWindow) else {
            return APIError(status: .tooManyRequests, code: "rate_limited", message: "Too many lookups; try again in a minute.", chinese: "查询过于频繁，请稍后再试。").response
        }
        let answers = try await portal.similarAnswers(to: request.uri.queryParameters.get("text") ?? "")
        return JSONBody.response(.ok, ["matches": answers.map(PublicAnswerJSON.init)])
    }

    /// `GET /apply/answers?q=&page=`: the public case library — the typical cases, answers and
    /// documents a supervisor chose to show, newest first twenty to a page, or those most like
    /// `q` (a lookup, limited per address as the others are).
    func answers(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = String((request.uri.queryParameters.get("q") ?? "").prefix(300)).trimmingCharacters(in: .whitespaces)
        let page = try request.uri.queryParameters.page(max: 1_000)
        let perPage = 20
        if !query.isEmpty {
            guard try await portal.take("similar", for: Self.address(context, request), limit: limits.lookupsPerAddress, window: limits.lookupWindow) else {
                return Page.message(status: .tooManyRequests, title: "查询过于频繁", text: "查询过于频繁，请稍后再试。")
            }
        }
        let (found, total) = query.isEmpty ? try await portal.publishedAnswers(offset: (page - 1) * perPage, limit: perPage)
                                           : (try await portal.similarAnswers(to: query, limit: perPage), 0)
        let pages = max(1, (total + perPage - 1) / perPage)
        return self.page.render("portal_answers", view: PortalAnswersView(
            query: query, searched: !query.isEmpty, total: total,
            answers: found.map { .init(title: $0.title, kind: $0.kind.label, excerpt: $0.body, url: "/apply/answers/\($0.id)") },
            previous: query.isEmpty && page > 1 ? "/apply/answers?page=\(min(page - 1, pages))" : nil,
            next: query.isEmpty && page < pages ? "/apply/answers?page=\(page + 1)" : nil,
            pageText: query.isEmpty && pages > 1 ? "第\(page)页，共\(pages)页" : nil), identity: nil)
    }

    func applyForm(values: [String: String], errors: [String: String], summary: String?, look: String? = nil) async throws -> Response {
        var generator = SystemRandomNumberGenerator()
        let challenge = PortalChallenge.make(using: &generator)
        let token = PortalLimits.token(using: &generator)
        try await portal.ask(challenge, token: token)
        let agencies = try await portal.agencies()
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ field: String, _ label: (T) -> String) -> [SelectOption] where T.RawValue == String {
            SelectOption.all(type, label: label) { values[field] == $0.rawValue }
        }
        func input(_ field: String) -> FormInput { FormInput(values[field], error: errors[field]) }
        // Without the script, "先查一查" asks for the same list by reloading the form.
        var found: [PortalStore.PublicAnswer] = []
        if let look { found = try await portal.similarAnswers(to: look) }
        return page.render("apply", view: ApplyView(
            summary: summary,
            agencies: agencies.map { SelectOption(value: String($0.id), label: $0.name, selected: values["agencyID"] == String($0.id)) },
            agencyError: errors["agencyID"],
            guides: agencies.map { .init(id: $0.id, name: $0.name, guide: $0.guide.isEmpty ? $0.kind.portalGuide : $0.guide, publishedURL: $0.publishedURL) },
            kinds: options(ApplicantKind.self, "kind", \.label), kindError: errors["applicant.kind"] ?? errors["kind"],
            name: FormInput(values["name"], error: errors["applicant.name"]),
            idTypes: Applicant.documentTypes.map { SelectOption(value: $0, label: $0, selected: (values["idType"] ?? "身份证") == $0) },
            idType: FormInput(values["idType"], error: errors["applicant.idType"]),
            idNumber: FormInput(values["idNumber"], error: errors["applicant.idNumber"]),
            phone: FormInput(values["phone"], error: errors["applicant.phone"]),
            email: FormInput(values["email"], error: errors["applicant.email"]),
            address: FormInput(values["address"], error: errors["applicant.address"]),
            subject: input("subject"), description: input("description"),
            forms: options(ProvisionForm.self, "formWanted", \.label), formError: errors["formWanted"],
            deliveries: options(DeliveryMethod.self, "deliveryWanted", \.label), deliveryError: errors["deliveryWanted"],
            attachmentsError: errors["attachments"], maxFiles: AttachmentKind.maxFiles,
            challengeToken: token, challengeQuestion: challenge.question, challengeError: errors["challenge"],
            look: look ?? "", looked: look != nil,
            answers: found.map(PublicAnswerJSON.init)
        ), identity: nil, status: summary == nil ? .ok : .unprocessableContent)
    }

    func submit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let address = Self.address(context, request)
        guard try await portal.take("submit", for: address, limit: limits.submissionsPerAddress, window: limits.submissionWindow) else {
            context.logger.notice("portal submission refused: too many from one address", metadata: ["address": "\(address)"])
            return Page.message(status: .tooManyRequests, title: "提交过于频繁", text: "同一网络地址提交申请过于频繁，请一小时后再试。如确有需要，可通过信函或当面提交申请。")
        }
        let form: MultipartForm
        do { form = try await MultipartForm.read(request) } catch let failure as MultipartForm.Failure {
            context.logger.notice("portal submission refused: unreadable form", metadata: ["address": "\(address)", "reason": "\(failure)"])
            return Page.message(status: failure == .tooLarge ? .contentTooLarge : .badRequest, title: "申请未提交",
                                text: failure == .tooLarge ? "提交的内容过大：附件最多\(AttachmentKind.maxFiles)个，每个不超过5MB。" : "提交的表单无法读取，请返回重新填写。")
        }
        var values: [String: String] = [:]
        for name in Self.fields { values[name] = form[name].map { String($0.prefix(20_000)) } }
        var problems: [FieldProblem] = []

        let answered = try await portal.answer(token: form["challengeToken"] ?? "", with: form["challengeAnswer"].flatMap(PortalChallenge.typed))
        if !answered { problems.append(FieldProblem("challenge", "The answer to the question is wrong or has expired.", "验证问题回答错误或已过期，请回答新的问题。")) }

        let agencyID = values["agencyID"].flatMap { Int64($0) }.flatMap { (1...Int64(Int32.max)).contains($0) ? $0 : nil }
        if agencyID == nil { problems.append(FieldProblem("agencyID", "Choose the agency.", "请选择申请机关。")) }
        let kind = values["kind"].flatMap(ApplicantKind.init(rawValue:))
        if kind == nil { problems.append(FieldProblem("kind", "Choose the kind of applicant.", "请选择申请人类型。")) }
        let application = PortalApplication(
            agencyID: agencyID ?? 0,
            applicant: Applicant(kind: kind ?? .naturalPerson, name: values["name"] ?? "", idType: values["idType"], idNumber: values["idNumber"],
                                 phone: values["phone"], email: values["email"], address: values["address"]),
            subject: values["subject"] ?? "", description: values["description"] ?? "",
            formWanted: values["formWanted"].flatMap(ProvisionForm.init(rawValue:)), deliveryWanted: values["deliveryWanted"].flatMap(DeliveryMethod.init(rawValue:)))
        problems += application.problems()

        var attachments: [PortalStore.NewAttachment] = []
        let files = form.files.filter { $0.field == "attachments" }
        if files.count > AttachmentKind.maxFiles {
            problems.append(FieldProblem("attachments", "At most \(AttachmentKind.maxFiles) files.", "最多上传\(AttachmentKind.maxFiles)个附件。"))
        } else {
            for file in files {
                do {
                    let kind = try AttachmentKind.check(fileName: file.fileName, declaredType: file.contentType, bytes: file.bytes)
                    attachments.append(.init(fileName: file.fileName.isEmpty ? "附件" : file.fileName, kind: kind, bytes: file.bytes))
                } catch LifecycleError.invalid(let refused) { problems += refused }
            }
        }
        guard problems.isEmpty else {
            context.logger.notice("portal submission refused", metadata: ["address": "\(address)", "fields": "\(problems.map(\.field))"])
            var errors: [String: String] = [:]
            for problem in problems { errors[problem.field, default: ""] += problem.chinese }
            return try await applyForm(values: values, errors: errors,
                                       summary: "申请未提交，请修改标出的内容" + (files.isEmpty ? "：" : "（附件需重新选择）：") + problems.map(\.chinese).joined())
        }

        var generator = SystemRandomNumberGenerator()
        let submittedOn = today()
        let password = TrackingPassword.make(using: &generator)
        let hash = await PasswordHasher.hash(password, cost: PortalLimits.trackingHashCost)
        let agencyName = try await portal.agencies().first { $0.id == application.agencyID }?.name ?? ""
        var code = ReceiptCode.make(on: submittedOn, using: &generator)
        func store() async throws {
            let receipt = ApplicantNotice.submitted(code: code.text, password: password, agency: agencyName, subject: application.subject, on: submittedOn)
            try await portal.submit(application, attachments: attachments, code: code, passwordHash: hash, submittedOn: submittedOn, address: address, notice: receipt)
        }
        do {
            try await store()
        } catch PostgresError.conflict {
            // Two submissions drew the same code the same day (one in 887 million): draw again.
            code = ReceiptCode.make(on: submittedOn, using: &generator)
            try await store()
        }
        context.logger.info("portal submission stored", metadata: ["code": "\(code)", "agency": "\(application.agencyID)", "files": "\(attachments.count)"])
        return page.render("apply_receipt", view: ApplyReceiptView(code: code.text, password: password, agency: agencyName, subject: application.subject,
                                                                   submittedOn: submittedOn.chineseDay, files: attachments.count), identity: nil)
    }

    // MARK: Tracking

    static let sessionCookie = PortalCookie.name

    func track(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        let typedCode = String((form["code"] ?? "").prefix(40))
        // 422 as for any form refused, not 401: there is no HTTP authentication to offer.
        func refuse(_ text: String, status: HTTPResponse.Status = .unprocessableContent) -> Response {
            page.render("track", view: TrackFormView(summary: text, code: typedCode), identity: nil, status: status)
        }
        let address = Self.address(context, request)
        guard try await portal.take("track", for: address, limit: limits.trackingPerAddress, window: limits.trackingWindow) else {
            context.logger.notice("portal tracking refused: too many from one address", metadata: ["address": "\(address)"])
            return refuse("查询过于频繁，请15分钟后再试。", status: .tooManyRequests)
        }
        let code = ReceiptCode(typed: typedCode)
        let password = form["password"].flatMap(TrackingPassword.typed)
        if let code, try await portal.isSpent("track-code", for: code.text, limit: limits.wrongPasswordsPerCode, window: limits.wrongPasswordWindow) {
            context.logger.notice("portal tracking refused: code locked after wrong passwords", metadata: ["code": "\(code)", "address": "\(address)"])
            return refuse("该回执编号的查询密码错误次数过多，已暂停查询，请1小时后再试。", status: .tooManyRequests)
        }
        var tracked: PortalStore.Tracked?
        if let code { tracked = try await portal.submission(code: code) }
        // The same bcrypt comparison whether or not the code exists, so that the answer's timing
        // does not tell a wrong code from a wrong password.
        let matches = await PasswordHasher.verify(password ?? "-", hash: tracked?.passwordHash ?? limits.dummyHash)
        guard let tracked, password != nil, matches else {
            if let code { _ = try await portal.take("track-code", for: code.text, limit: limits.wrongPasswordsPerCode, window: limits.wrongPasswordWindow) }
            context.logger.notice("portal tracking refused: wrong code or password", metadata: ["code": "\(code?.text ?? "malformed")", "address": "\(address)"])
            return refuse("回执编号或查询密码不正确。")
        }
        // The tracking page stays open for a while on a cookie of its own, so that it can be
        // reloaded and its forms (withdraw, correct) sent without typing the password again.
        var generator = SystemRandomNumberGenerator()
        let token = PortalLimits.token(using: &generator) + PortalLimits.token(using: &generator), csrf = PortalLimits.token(using: &generator)
        try await portal.startSession(for: tracked, token: token, csrf: csrf)
        var response = Page.redirect("/apply/status")
        response.setCookie(Cookie(name: Self.sessionCookie, value: token, path: "/apply", secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// The submission the request's tracking cookie opens, or nil.
    func session(_ request: Request) async throws -> (tracked: PortalStore.Tracked, csrf: String, token: String)? {
        guard let token = request.cookies[Self.sessionCookie]?.value, let (tracked, csrf) = try await portal.session(token) else { return nil }
        return (tracked, csrf, token)
    }

    func status(_ request: Request, notice: String? = nil, problem: String? = nil) async throws -> Response {
        guard let (tracked, csrf, _) = try await session(request) else { return Page.redirect("/apply/track") }
        let progress = try await portal.progress(of: tracked)
        let words = PortalProgress(state: progress?.state, withdrawn: tracked.withdrawnAt != nil)
        let done: String?
        switch request.uri.queryParameters.get("done") {
        case "withdrawn": done = "已撤回该申请。"
        case "corrected": done = "补正已提交，行政机关收到补正之日起重新计算答复期限。"
        default: done = nil
        }
        let today = today()
        let downloads = ElectronicDelivery.offered(deliveryWanted: try await portal.deliveryWanted(tracked))
        let correction = progress.flatMap { ApplicantAction.correctionRefusal($0.snapshot, today: today) == nil ? $0.snapshot.correction : nil }
        let canWithdraw = tracked.withdrawnAt == nil && ApplicantAction.withdrawalRefusal(state: progress?.state) == nil
        return page.render("track_result", view: TrackResultView(
            code: tracked.code.text, agency: tracked.agencyName, subject: tracked.subject, status: words.title, explanation: words.explanation,
            submittedOn: tracked.submittedOn.chineseDay, receivedOn: progress?.receivedOn.chineseDay, caseNumber: progress?.caseNumber,
            replyDue: progress.flatMap { $0.state.isOpen ? $0.replyDue?.chineseDay : nil }, stoppedBecause: progress?.stoppedBecause,
            repliedOn: progress?.disposedOn?.chineseDay,
            letters: (progress?.letters ?? []).map {
                TrackResultView.Letter(id: $0.id, title: $0.title, number: $0.number ?? "", date: $0.date.chineseDay, downloadable: downloads)
            },
            hasLetters: !(progress?.letters.isEmpty ?? true),
            files: downloads ? (progress?.releasedFiles ?? []).map {
                TrackResultView.File(id: $0.id, name: $0.fileName, kind: $0.kind.label, size: FileDownload.size($0.size))
            } : [],
            notice: notice ?? done, problem: problem, csrf: csrf, canWithdraw: canWithdraw,
            correctionDue: correction?.dueOn.chineseDay, correctionItems: correction?.items ?? []
        ), identity: nil, status: problem == nil ? .ok : .unprocessableContent)
    }

    /// An action of the applicant's: the session and its CSRF token checked, refusals shown on
    /// the tracking page in Chinese and logged.
    func act(_ request: Request, _ context: AppRequestContext, _ name: String,
             _ body: (PortalStore.Tracked, FormData) async throws -> Response) async throws -> Response {
        guard let (tracked, csrf, _) = try await session(request) else { return Page.redirect("/apply/track") }
        let form = context.form ?? FormData("")
        guard SecretComparison.equal(form["_csrf"], csrf) else {
            return Page.message(status: .forbidden, title: "请求已失效", text: "页面已过期（CSRF 校验未通过）。请重新查询后再操作。")
        }
        do {
            return try await body(tracked, form)
        } catch LifecycleError.invalid(let problems) {
            context.logger.notice("portal \(name) refused", metadata: ["code": "\(tracked.code)", "reason": "\(problems.map(\.description))"])
            return try await status(request, problem: problems.map(\.chinese).joined())
        }
    }

    func withdraw(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, "withdrawal") { tracked, form in
            guard form["confirm"] == "yes" else {
                return page.render("portal_confirm", view: PortalConfirmView(
                    heading: "确认撤回申请", text: "撤回后，\(tracked.agencyName)不再处理该申请（所需信息：\(tracked.subject)）。撤回不影响您今后重新申请。",
                    action: "/apply/withdraw", button: "确认撤回", back: "/apply/status", csrf: form["_csrf"] ?? ""), identity: nil)
            }
            try await portal.withdraw(tracked, today: today())
            context.logger.info("portal application withdrawn", metadata: ["code": "\(tracked.code)"])
            return Page.redirect("/apply/status?done=withdrawn")
        }
    }

    func correct(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, "correction") { tracked, form in
            let text = String((form["correction"] ?? "").prefix(9_000))
            try await portal.correct(tracked, text: text, today: today())
            context.logger.info("portal correction recorded", metadata: ["code": "\(tracked.code)"])
            return Page.redirect("/apply/status?done=corrected")
        }
    }

    /// A letter to the applicant, to read, print or save; the first download of the reply is
    /// its delivery (recorded before the letter is sent, so that the record never lags it).
    func letter(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let (tracked, _, _) = try await session(request) else { return Page.redirect("/apply/track") }
        guard let id = context.parameters.get("id", as: Int64.self), ElectronicDelivery.offered(deliveryWanted: try await portal.deliveryWanted(tracked)),
              let letter = try await portal.letter(id, of: tracked) else {
            return Page.message(status: .notFound, title: "找不到文书", text: "没有该文书，或者该文书不通过网上平台送达。")
        }
        try await portal.recordDownload(.letter(letter.kind), by: tracked, today: today(), at: Show.chinaTime(Date()))
        context.logger.info("portal letter downloaded", metadata: ["code": "\(tracked.code)", "letter": "\(id)"])
        var response = page.render("portal_letter", view: PortalLetterView(
            id: letter.id, title: letter.title, number: letter.number, recipient: letter.recipient,
            paragraphs: letter.paragraphs, signer: letter.signer, date: letter.date.chineseDay), identity: nil)
        if request.uri.queryParameters.get("download") == "1" {
            response.headers[.contentDisposition] = FileDownload.attachment(letter.title + ".html", fallback: "letter.html")
        }
        return response
    }

    /// A file of the information released with the reply; the first download of any of them,
    /// or of the reply, is the delivery.
    func releasedFile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let (tracked, _, _) = try await session(request) else { return Page.redirect("/apply/track") }
        guard let id = context.parameters.get("id", as: Int64.self), ElectronicDelivery.offered(deliveryWanted: try await portal.deliveryWanted(tracked)),
              let (info, content) = try await portal.releasedFile(id, of: tracked) else {
            return Page.message(status: .notFound, title: "找不到文件", text: "没有该文件，或者该文件不通过网上平台提供。")
        }
        try await portal.recordDownload(.releasedFile(info.fileName), by: tracked, today: today(), at: Show.chinaTime(Date()))
        context.logger.info("portal released file downloaded", metadata: ["code": "\(tracked.code)", "file": "\(id)"])
        return FileDownload.response(name: info.fileName, kind: info.kind, content: content)
    }

    func leave(_ request: Request) async throws -> Response {
        if let token = request.cookies[Self.sessionCookie]?.value { try await portal.endSession(token) }
        var response = Page.redirect("/apply/track")
        response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/apply", secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }
}
