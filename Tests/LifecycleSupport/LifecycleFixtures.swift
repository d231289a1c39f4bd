import DisclosureCore

/// Builds cases in every state and valid events of every kind for them, for the lifecycle tests.
public struct LifecycleFixtures: Sendable {
    public let calendar = try! WorkCalendar(CalendarYear.official)
    public let officer: Actor
    public let supervisor: Actor
    public let administrator = Actor(userID: 1, role: .administrator)
    /// Agencies a case may be registered with and transferred between (the first registers).
    public let agencies: [Int64]

    public init(officer: Actor = Actor(userID: 7, role: .officer), supervisor: Actor = Actor(userID: 9, role: .supervisor),
                agencies: [Int64] = [1, 2, 3]) {
        self.officer = officer
        self.supervisor = supervisor
        self.agencies = agencies
    }

    public func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    public var registration: Registration {
        Registration(agencyID: agencies[0], officerID: officer.userID, applicantID: 3, applicantKind: .naturalPerson, channel: .registeredPost,
                     arrivedOn: d("2024-09-02"), receivedOn: d("2024-09-02"),
                     subject: "某小区旧城改造项目征收补偿方案", description: "申请公开市中区某片区房屋征收补偿安置方案及其批准文件")
    }

    public func event(_ payload: EventPayload, on: LocalDate) -> CaseEvent {
        let supervisorOnly: Set<EventKind> = [.approveDelay, .approveExtension, .rejectExtension, .signOff, .returnForRevision]
        if payload.kind == .recomputeDeadlines { return CaseEvent(payload, on: on, by: administrator) }
        return CaseEvent(payload, on: on, by: supervisorOnly.contains(payload.kind) ? supervisor : officer)
    }

    /// The events that bring a new case into `state`, each valid.
    public func path(to state: CaseState) -> [EventPayload] {
        let start: [EventPayload] = [.register(registration), .assist(AssistRequest(department: "区档案馆", request: "查找1998年征收档案"))]
        switch state {
        case .registered: return start + [.transfer(Transfer(toAgencyID: agencies[1], reason: "该信息由区住建局制作"))]
        case .inProgress: return start
        case .awaitingCorrection: return start + [.requestCorrection(CorrectionRequest(items: ["请明确所需文件的名称或文号"]))]
        case .consulting: return start + [.startConsultation(ConsultationRequest(party: .thirdParty, name: "某房地产开发有限公司", matter: "补偿协议是否涉及商业秘密"))]
        case .awaitingReasons: return start + [.requestReasons(Note("一个月内提交同类申请120件"))]
        case .awaitingFee: return start + [.issueFeeNotice(FeeNotice(method: .perPage, pages: 100))]
        case .pendingSignoff: return start + [.submitForSignoff(partialDraft)]
        case .toIssue: return start + [.submitForSignoff(partialDraft), .signOff(Note("同意"))]
        case .replied: return [.register(registration), .reply(discloseDraft)]
        case .closed: return [.register(registration), .withdraw(Note("申请人撤回"))]
        }
    }

    public var discloseDraft: ReplyDraft { ReplyDraft(disposition: .disclose, provision: .paper) }
    public var partialDraft: ReplyDraft {
        ReplyDraft(disposition: .partial, legalBasis: "条例第十五条、第三十七条", reasons: "补偿协议中的个人信息不予公开", provision: .paper)
    }

    /// Replays payloads one day apart from the registration date.
    /// A case replied to with `disposition`, signed off first where the outcome needs it.
    public func replied(_ disposition: Disposition) throws -> CaseSnapshot {
        let draft = ReplyDraft(disposition: disposition, legalBasis: "《中华人民共和国政府信息公开条例》第十五条", reasons: "涉及第三方合法权益",
                               provision: disposition == .disclose || disposition == .partial ? .electronic : nil)
        let steps: [EventPayload] = disposition == .disclose ? [.reply(draft)] : [.submitForSignoff(draft), .signOff(Note("同意")), .reply(draft)]
        return try build(path(to: .inProgress) + steps).0
    }

    public func build(_ payloads: [EventPayload], after start: CaseSnapshot? = nil) throws -> (CaseSnapshot, [CaseEvent]) {
        var snapshot = start
        var events: [CaseEvent] = []
        for payload in payloads {
            let on = snapshot.map { $0.lastEventOn.adding(days: 1) } ?? d("2024-09-02")
            let e = event(payload, on: on)
            snapshot = try Lifecycle.apply(e, to: snapshot, calendar: calendar)
            events.append(e)
        }
        return (snapshot!, events)
    }

    /// A valid event of `kind` for `c`, preceded by the events it needs (a pending extension
    /// before its approval, a delivery before archiving).
    public func scenario(_ kind: EventKind, for c: CaseSnapshot) throws -> [CaseEvent] {
        var on = c.lastEventOn.adding(days: 1)
        var prefix: [CaseEvent] = []
        func next(_ payload: EventPayload) -> CaseEvent {
            defer { on = on.adding(days: 1) }
            return event(payload, on: on)
        }
        let payload: EventPayload
        switch kind {
        case .register: payload = .register(registration)
        case .requestCorrection: payload = .requestCorrection(CorrectionRequest(items: ["请补充身份证明"], periodWorkingDays: 10))
        case .correctionReceived: payload = .correctionReceived(Note("收到补正后的申请"))
        case .correctionLapsed:
            on = max(on, (c.correction?.dueOn ?? on).adding(days: 1))
            payload = .correctionLapsed(Note())
        case .startConsultation: payload = .startConsultation(ConsultationRequest(party: .coProducer, name: "区自然资源局", matter: "联合发文是否同意公开"))
        case .consultationAnswered: payload = .consultationAnswered(ConsultationAnswer(outcome: .objection, summary: "涉及商业秘密"))
        case .consultationLapsed:
            on = max(on, (c.consultations.last(where: \.isOpen)?.dueOn ?? on).adding(days: 1))
            payload = .consultationLapsed(ItemReference())
        case .assist: payload = .assist(AssistRequest(department: "区财政局", request: "提供资金拨付凭证"))
        case .assistReturned: payload = .assistReturned(ItemReference(note: "已提供"))
        case .transfer: payload = .transfer(Transfer(toAgencyID: agencies.first { $0 != c.agencyID }!, reason: "由该机关负责公开"))
        case .requestReasons: payload = .requestReasons(Note("申请数量明显超出合理范围"))
        case .approveDelay: payload = .approveDelay(DelayApproval(until: try calendar.workingDay(40, after: on), reason: "申请数量较大"))
        case .issueFeeNotice: payload = .issueFeeNotice(FeeNotice(method: .perApplication, ordinalInMonth: 12))
        case .feePaid: payload = .feePaid(FeePayment(amount: c.fee?.amount ?? 0))
        case .feeLapsed:
            on = max(on, (c.fee?.dueOn ?? on).adding(days: 1))
            payload = .feeLapsed(Note())
        case .requestExtension: payload = .requestExtension(ExtensionRequest(workingDays: 15, reason: "需要调取档案"))
        case .approveExtension, .rejectExtension:
            if c.extensionRequest?.decision != .pending {
                prefix.append(next(.requestExtension(ExtensionRequest(workingDays: 15, reason: "需要调取档案"))))
            }
            payload = kind == .approveExtension ? .approveExtension(Note("同意")) : .rejectExtension(Note("理由不充分"))
        case .submitForSignoff:
            payload = .submitForSignoff(c.state == .awaitingReasons
                ? ReplyDraft(disposition: .notProcessedExcessive, legalBasis: "条例第三十五条", reasons: "未说明理由")
                : partialDraft)
        case .signOff: payload = .signOff(Note("同意"))
        case .returnForRevision: payload = .returnForRevision(Note("请补充不予公开的理由"))
        case .reply:
            if c.state == .pendingSignoff || c.state == .toIssue {
                payload = .reply(c.draft!)
            } else {
                payload = .reply(discloseDraft)
            }
        case .recordDelivery: payload = .recordDelivery(DeliveryRecord(method: .post, reference: "EMS1234567890"))
        case .withdraw: payload = .withdraw(Note("申请人书面撤回"))
        case .archive:
            if c.deliveries.isEmpty { prefix.append(next(.recordDelivery(DeliveryRecord(method: .inPerson)))) }
            payload = .archive(Note())
        case .recordReview: payload = .recordReview(ReviewRecord(reference: "济市中复〔2024〕12号", body: "济南市市中区人民政府", filedOn: on, result: .pending))
        case .recordLitigation: payload = .recordLitigation(LitigationRecord(reference: "（2024）鲁0103行初45号", court: "济南市市中区人民法院", filedOn: on, afterReview: false, result: .pending))
        case .reopen: payload = .reopen(Note("复议决定责令重新答复"))
        case .recordCommunication: payload = .recordCommunication(Communication(method: .phone, summary: "电话确认申请内容"))
        case .flagComplex: payload = .flagComplex(Note("涉及多个部门且时间跨度大"))
        case .correctEntry: payload = .correctEntry(EntryCorrection(sequence: 1, note: "收到日期应为9月2日"))
        case .recomputeDeadlines:
            payload = .recomputeDeadlines(DeadlineRecomputation(year: 2025, notice: "国务院办公厅关于2025年部分节假日安排的通知",
                                                                changes: [DeadlineChange(kind: .reply, from: d("2025-01-24"), to: d("2025-02-06"))]))
        }
        return prefix + [next(payload)]
    }

    public func apply(_ events: [CaseEvent], to c: CaseSnapshot) throws -> CaseSnapshot {
        try events.reduce(c) { try Lifecycle.apply($1, to: $0, calendar: calendar) }
    }
}
