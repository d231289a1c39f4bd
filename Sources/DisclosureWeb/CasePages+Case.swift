import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

extension CasePages {
    // MARK: 登记申请

    /// `values` are the fields as typed and `errors` their problems, both by the form's field
    /// names (an applicant's field without its `applicant.` prefix).
    func intakeForm(_ identity: Identity, values: [String: String], errors: [String: String], summary: String?) async throws -> Response {
        let agencies = try await pages.agencies().filter { identity.viewer.sees(agency: $0.id) }
        let chosenAgency = values["agencyID"] ?? String(identity.user.agencyID)
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ field: String, _ label: (T) -> String) -> [SelectOption] where T.RawValue == String {
            SelectOption.all(type, label: label) { values[field] == $0.rawValue }
        }
        func input(_ field: String) -> FormInput { FormInput(values[field], error: errors[field]) }
        return pages.page.render("intake", view: IntakeView(
            summary: summary,
            agencies: agencies.map { SelectOption(value: String($0.id), label: $0.name, selected: String($0.id) == chosenAgency) },
            agencyError: errors["agencyID"],
            channels: Channel.allCases.map { .init(value: $0.rawValue, label: $0.label, rule: $0.receiptRule, selected: values["channel"] == $0.rawValue) },
            channelError: errors["channel"],
            arrivedOn: FormInput(values["arrivedOn"] ?? pages.today().description, error: errors["arrivedOn"]),
            receivedOn: input("receivedOn"), receiptNote: input("receiptNote"),
            kinds: options(ApplicantKind.self, "kind", \.label), kindError: errors["kind"],
            name: input("name"), idType: input("idType"), idTypes: Applicant.documentTypes, idNumber: input("idNumber"), phone: input("phone"), email: input("email"),
            address: input("address"), subject: input("subject"), description: input("description"),
            forms: options(ProvisionForm.self, "formWanted", \.label),
            deliveries: options(DeliveryMethod.self, "deliveryWanted", \.label),
            key: FormKey.value(values)
        ), identity: identity, status: summary == nil ? .ok : .unprocessableContent)
    }

    func intake(_ identity: Identity, _ context: some PageRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        var values: [String: String] = [:]
        for name in ["agencyID", "channel", "arrivedOn", "receivedOn", "receiptNote", "subject", "description", "formWanted", "deliveryWanted",
                     "kind", "name", "idType", "idNumber", "phone", "email", "address", FormKey.field] {
            values[name] = form[name]
        }
        var problems: [FieldProblem] = []
        func date(_ name: String, required: Bool) -> LocalDate? {
            guard let text = form[name] else {
                if required { problems.append(FieldProblem(name, "Give a date.", "请填写日期。")) }
                return nil
            }
            switch LocalDate.input(text) {
            case .success(let date): return date
            case .failure(let problem):
                problems.append(FieldProblem(name, problem.description + ".", problem.chineseDescription + "。"))
                return nil
            }
        }
        let agencyID = form["agencyID"].flatMap { Int64($0) }
        let channel = form["channel"].flatMap(Channel.init(rawValue:))
        let kind = form["kind"].flatMap(ApplicantKind.init(rawValue:))
        if agencyID == nil { problems.append(FieldProblem("agencyID", "Choose the agency.", "请选择受理机关。")) }
        if channel == nil { problems.append(FieldProblem("channel", "Choose how the application arrived.", "请选择申请渠道。")) }
        if kind == nil { problems.append(FieldProblem("kind", "Choose the kind of applicant.", "请选择申请人类型。")) }
        let arrived = date("arrivedOn", required: true)
        let received = date("receivedOn", required: false)
        if problems.isEmpty, let agencyID, let channel, let kind, let arrived {
            let intake = Intake(
                applicant: Applicant(kind: kind, name: form["name"] ?? "", idType: form["idType"], idNumber: form["idNumber"],
                                     phone: form["phone"], email: form["email"], address: form["address"]),
                agencyID: agencyID, officerID: nil, channel: channel, arrivedOn: arrived, receivedOn: received,
                receiptNote: form["receiptNote"], subject: form["subject"] ?? "", description: form["description"] ?? "",
                formWanted: form["formWanted"].flatMap(ProvisionForm.init(rawValue:)),
                deliveryWanted: form["deliveryWanted"].flatMap(DeliveryMethod.init(rawValue:)))
            do {
                let record = try await pages.cases.register(intake, by: identity.user.actor, today: pages.today(), scope: identity.viewer.scope,
                                                            key: try FormKey.key(form, action: "/cases/new", userID: identity.user.id))
                return Page.redirect("/cases/\(record.id)?done=register")
            } catch let error as LifecycleError {
                guard case .invalid(let more) = error else { return try await intakeForm(identity, values: values, errors: [:], summary: UIText.describe(error)) }
                problems += more
            } catch let error as CaseStoreError {
                return try await intakeForm(identity, values: values, errors: [:], summary: error.chineseDescription)
            }
        }
        var errors: [String: String] = [:]
        for problem in problems { errors[problem.field.replacingOccurrences(of: "applicant.", with: ""), default: ""] += problem.chinese }
        return try await intakeForm(identity, values: values, errors: errors,
                                    summary: "登记未保存，请修改标出的内容：" + problems.map(\.chinese).joined())
    }

    // MARK: 案件

    func show(_ identity: Identity, id: Int64, notice: String?, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let detail = try await pages.cases.detail(id, viewer: identity.viewer)
        try await pages.audit.identityNumberShown(detail, to: identity.user, via: "page")
        let today = pages.today()
        let s = detail.snapshot
        let clock = try detail.clock(on: today)
        let agencies = try await pages.agencies()
        let agency = agencies.first { $0.id == s.agencyID }
        let users = Dictionary(uniqueKeysWithValues: try await pages.directory.users().map { ($0.id, $0) })
        let a = detail.applicant
        let allowed = Lifecycle.offeredEvents(for: s, role: identity.user.role)
        let next = Lifecycle.nextSteps(for: s, role: identity.user.role)
        let letters = try await documents.list(caseID: id)
        let registration = CaseFacts.registration(detail)
        // Counted only where it can matter: an open case whose applicant chose the platform.
        let platformOpen = ReleasedFile.isChangeable(in: s.state) && registration?.deliveryWanted == .platform
        let releasedFiles = platformOpen ? try await files.list(caseID: id, scope: identity.viewer.scope).filter { !$0.isWithdrawn }.count : 0
        let pending = CaseFacts.pending(s) + [ReleasedFile.reminder(s, deliveryWanted: registration?.deliveryWanted, filesSoFar: releasedFiles)].compactMap { $0 }
        let methods: [CommunicationMethod: String] = [.phone: "电话", .visit: "来访", .letter: "信函", .email: "电子邮件", .other: "其他"]
        func action(_ kind: EventKind) -> CasePageView.Action { .init(href: CaseActions.href(kind, caseID: id), label: CaseActions.label(kind, s)) }
        return pages.page.render("case", view: CasePageView(
            id: detail.id, number: detail.caseNumber, subject: s.subject, description: detail.description, state: s.state.label, version: s.version,
            notice: notice.flatMap(EventKind.init(rawValue:)).map { "已记录：\($0.label)" }, error: error,
            agency: agency?.name ?? "", officer: s.officerID.flatMap { users[$0]?.name } ?? "未指定",
            channel: s.channel.label, arrived: Show.date(s.arrivedOn), received: Show.date(s.receivedOn),
            formWanted: registration?.formWanted?.label ?? "未注明", deliveryWanted: registration?.deliveryWanted?.label ?? "未注明",
            disposition: s.disposition?.shortLabel, replied: Show.date(s.repliedOn), repliedLate: s.repliedLate,
            applicant: .init(name: a.name, kind: a.kind.label, idType: a.idType ?? "", idNumber: a.idNumber ?? "", phone: a.phone ?? "",
                             email: a.email ?? "", address: a.address ?? ""),
            masked: !detail.personalDataShown,
            deadlines: try zip(detail.deadlines, detail.dueReadings(on: today)).map { d, due in
                .init(label: d.kind.label, due: Show.date(d.due), explanation: d.explanation, urgency: due.urgency.rawValue,
                      urgencyWord: due.chinese, provisional: due.provisional?.reason)
            },
            clock: Show.clockSentence(s.clock, clock, today: today, replyDueProvisional: detail.replyDueProvisional),
            segments: clock.segments.map { seg in
                .init(kind: seg.kind.rawValue, kindLabel: seg.kind == .running ? "计算" : "暂停", after: Show.date(seg.after),
                      through: seg.through.map(Show.date) ?? "今天（\(today.chineseDay)）", open: seg.through == nil,
                      running: seg.kind == .running, days: seg.workingDays, reason: seg.reason)
            },
            ended: s.clock.endedOn.map { "\(Show.date($0))计时结束：\(s.clock.endReason ?? "")" },
            toLibrary: identity.user.role == .supervisor && !s.state.isOpen,
            complex: s.complex.map { "疑难复杂（\($0.on.chinese)）：\($0.reason)" },
            warnings: s.warnings.map { .init(message: $0.message, sequence: $0.sequence) },
            pending: pending,
            next: next.map(action),
            groups: CaseActions.groups(allowed.filter { !next.contains($0) }).map { .init(title: $0.title, actions: $0.kinds.map(action)) },
            hasActions: !allowed.isEmpty,
            letters: letters.map { .init(id: $0.id, label: $0.kind.label, number: $0.number ?? "", status: $0.status.label, date: Show.date($0.date)) },
            communications: detail.events.compactMap { e in
                guard case .recordCommunication(let c) = e.event.payload else { return nil }
                return .init(on: Show.date(e.event.on), method: methods[c.method] ?? "", summary: c.summary, who: users[e.event.actor.userID]?.name ?? "")
            },
            notifications: try await pages.notifications.notifications(ofCase: id, scope: identity.viewer.scope).map { n in
                // The address and number are personal data: in full only to those who handle the case.
                let shown = detail.personalDataShown ? n.recipient
                    : (n.channel == .email ? Applicant(kind: .naturalPerson, name: "", email: n.recipient).masked().email
                                           : Applicant(kind: .naturalPerson, name: "", phone: n.recipient).masked().phone) ?? ""
                let state = n.sentAt.map { "已发送（\(Show.chinaTime($0))）" }
                    ?? n.failedAt.map { _ in "未能送达：" + (n.lastError ?? "") }
                    ?? (n.lastError.map { "等待重试（\($0)）" } ?? "等待发送")
                return .init(purpose: ApplicantNotice.Purpose(rawValue: n.purpose)?.label ?? n.purpose, channel: n.channel == .email ? "邮件" : "短信",
                             recipient: shown, state: state, failed: n.failedAt != nil)
            },
            events: History.entries(detail.events, letters: letters) { e in
                .init(sequence: e.sequence, letterID: nil, label: e.event.kind.label, on: Show.date(e.event.on),
                      who: users[e.event.actor.userID].map { "\($0.name)（\(e.event.actor.role.label)）" } ?? e.event.actor.role.label,
                      details: EventSummary.lines(e.event.payload, agencies: agencies))
            } letter: { d in
                .init(sequence: nil, letterID: d.id, label: "文书定稿", on: Show.date(d.date), who: d.finalisedBy.flatMap { users[$0]?.name } ?? "",
                      details: ["\(d.kind.label) \(d.number ?? "")"])
            }
        ), identity: identity, status: status)
    }

    // MARK: Event forms

    func eventForm(_ identity: Identity, id: Int64, kind: EventKind, values: [String: String], errors: [String: String], summary: String?,
                   status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
        let detail = try await pages.cases.detail(id, viewer: identity.viewer)
        var values = values
        if values.isEmpty, kind == .reply || kind == .submitForSignoff, let draft = detail.snapshot.draft {
            values = ["disposition": draft.disposition.rawValue, "legalBasis": draft.legalBasis ?? "", "reasons": draft.reasons ?? "",
                      "provision": draft.provision?.rawValue ?? "", "text": draft.text ?? ""]
        }
        let agencies = try await pages.agencies().filter { $0.id != detail.snapshot.agencyID }
        let substance = ApprovalSubstance.rows(kind, detail, today: pages.today(), by: identity.user.actor)
        return pages.page.render("event", view: EventFormView(
            id: id, number: detail.caseNumber, subject: detail.snapshot.subject, kind: kind.rawValue, label: kind.label,
            version: detail.snapshot.version, on: values["on"] ?? pages.today().description, summary: summary, onError: errors["on"],
            allowed: detail.allowedEvents.contains(kind), substance: substance,
            fields: EventForm.view(kind, agencies: agencies, values: values, errors: errors),
            key: FormKey.value(values)
        ), identity: identity, status: summary == nil ? .ok : status)
    }

    func record(_ identity: Identity, _ context: some PageRequestContext, id: Int64, kind: EventKind) async throws -> Response {
        let form = context.form ?? FormData("")
        let agencies = try await pages.agencies()
        var values: [String: String] = [:]
        for field in EventForm.fields(kind, agencies: agencies) { values[field.name] = form[field.name] ?? "" }
        values["on"] = form["on"]
        values[FormKey.field] = form[FormKey.field]
        if let text = CaseActions.confirmationText(kind), form["confirm"] != "yes" {
            let fields = values.map { (name: $0.key, value: $0.value) } + [(name: "expectedVersion", value: form["expectedVersion"] ?? "")]
            return pages.confirmation(identity, heading: kind.label, verb: kind.label, text: text, action: "/cases/\(id)/events/\(kind.rawValue)",
                                      back: "/cases/\(id)", fields: fields.sorted { $0.name < $1.name })
        }
        do {
            let request = try RequestJSON.decode(EventRequest.self, from: EventForm.requestJSON(kind, form: form, agencies: agencies))
            let event = CaseEvent(request.payload, on: request.on ?? pages.today(), by: identity.user.actor)
            _ = try await pages.cases.append(event, to: id, expectedVersion: request.expectedVersion, today: pages.today(), scope: identity.viewer.scope,
                                             key: try FormKey.key(form, action: "/cases/\(id)/events/\(kind.rawValue)", userID: identity.user.id))
            return Page.redirect("/cases/\(id)?done=\(kind.rawValue)")
        } catch let error as CaseStoreError {
            throw error
        } catch LifecycleError.staleVersion {
            return try await show(identity, id: id, notice: nil,
                                  error: "您提交「\(kind.label)」时，本案已被他人更新，您的操作未保存。下面是案件的最新情况，请核对后重新办理。",
                                  status: .conflict)
        } catch {
            let (summary, fields) = UIText.fieldErrors(error)
            return try await eventForm(identity, id: id, kind: kind, values: values, errors: fields, summary: summary, status: APIError.from(error).status)
        }
    }
}

/// One or two lines per history entry, in Chinese, from its payload.
enum EventSummary {
    static func lines(_ payload: EventPayload, agencies: [Agency]) -> [String] {
        func name(_ id: Int64) -> String { agencies.first { $0.id == id }?.name ?? "机关\(id)" }
        switch payload {
        case .register(let r): return ["渠道：\(r.channel.label)；收到申请之日：\(r.receivedOn.chinese)" + (r.receiptNote.map { "（\($0)）" } ?? "")]
        case .requestCorrection(let c): return c.items.map { "补正：\($0)" }
        case .startConsultation(let c): return ["\(c.party.label)：\(c.name)；事项：\(c.matter)"]
        case .consultationAnswered(let a): return ["意见：\(a.outcome.label)" + (a.summary.map { "；\($0)" } ?? "")]
        case .assist(let a): return ["\(a.department)：\(a.request)"]
        case .transfer(let t): return ["转至\(name(t.toAgencyID))：\(t.reason)"]
        case .approveDelay(let d): return ["延迟至\(d.until.chinese)：\(d.reason)"]
        case .issueFeeNotice(let f): return ["收费方式：\(f.method == .perPage ? "按量计收" : "按件计收")"]
        case .feePaid(let p): return ["缴费\(p.amount)元"]
        case .requestExtension(let e): return ["延长\(e.workingDays)个工作日：\(e.reason)"]
        case .submitForSignoff(let d), .reply(let d):
            return ["办理结果：\(d.disposition.shortLabel)"] + (d.legalBasis.map { ["依据：\($0)"] } ?? []) + (d.reasons.map { ["理由：\($0)"] } ?? [])
        case .recordDelivery(let d): return ["\(d.method.label)" + (d.reference.map { "（\($0)）" } ?? "")]
        case .recordReview(let r): return ["\(r.body) \(r.reference)：\(r.result.label)"]
        case .recordLitigation(let l): return ["\(l.court) \(l.reference)\(l.afterReview ? "（经复议）" : "")：\(l.result.label)"]
        case .recordCommunication(let c): return [c.summary]
        case .correctEntry(let c): return ["更正第\(c.sequence)条：\(c.note)"]
        case .correctionReceived(let n), .correctionLapsed(let n), .requestReasons(let n), .feeLapsed(let n), .approveExtension(let n),
             .rejectExtension(let n), .signOff(let n), .returnForRevision(let n), .withdraw(let n), .archive(let n), .reopen(let n), .flagComplex(let n):
            return n.note.map { [$0] } ?? []
        case .consultationLapsed(let r), .assistReturned(let r): return r.note.map { [$0] } ?? []
        case .recomputeDeadlines(let r):
            return r.changes.map { "\($0.kind.label)：\(Show.date($0.from)) → \(Show.date($0.to))" } + ["依据：\(r.notice)"]
        }
    }
}
