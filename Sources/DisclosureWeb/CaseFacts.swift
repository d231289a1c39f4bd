import DisclosureCore
import DisclosureStore

/// What an approval needs to see of the case beside what it approves: the request, how it is
/// wanted, the clock and what is pending. Shared by 拟稿, 核稿 and the approval forms.
enum CaseFacts {
    /// The registration: what was asked and how the applicant wants it.
    static func registration(_ detail: CaseDetail) -> Registration? {
        for stored in detail.events { if case .register(let r) = stored.event.payload { return r } }
        return nil
    }

    static func view(_ detail: CaseDetail, today: LocalDate, officer: String) throws -> CaseFactsView {
        let s = detail.snapshot
        let clock = try detail.clock(on: today)
        let reply = try s.clock.due.map { try DueReading(due: $0, today: today, calendar: detail.calendar, countedFrom: s.receivedOn) }
        let r = registration(detail)
        return CaseFactsView(
            id: detail.id, number: detail.caseNumber, subject: s.subject, description: detail.description, state: s.state.label, officer: officer,
            applicant: detail.applicant.name, kind: s.applicantKind.label, channel: s.channel.label, received: Show.date(s.receivedOn),
            formWanted: r?.formWanted?.label ?? "未注明", deliveryWanted: r?.deliveryWanted?.label ?? "未注明",
            replyDue: Show.date(s.clock.due), urgency: reply?.urgency.rawValue ?? "none", urgencyWord: s.state.isOpen ? reply?.chinese : nil,
            clock: Show.clockSentence(s.clock, clock, today: today, replyDueProvisional: detail.replyDueProvisional),
            pending: pending(s))
    }

    /// Requests waiting for a supervisor, in words.
    static func pending(_ s: CaseSnapshot) -> [String] {
        var items: [String] = []
        if let e = s.extensionRequest, e.decision == .pending {
            items.append("延期申请待审批：延长\(e.workingDays)个工作日（\(e.requestedOn.chinese)提出，理由：\(e.reason)）")
        }
        if s.state == .pendingSignoff, let d = s.draft { items.append("答复待审签：拟\(d.disposition.shortLabel)") }
        if s.state == .toIssue, let d = s.draft { items.append("答复已签发，待发出：\(d.disposition.shortLabel)") }
        if s.state == .awaitingReasons, let on = s.reasonsRequestedOn { items.append("已于\(on.chinese)要求申请人说明理由，可批准延迟答复") }
        return items
    }

    /// The proposal (拟办意见) as the supervisor reads it.
    static func proposal(_ draft: ReplyDraft) -> [CaseFactsView.Line] {
        var rows = [CaseFactsView.Line(label: "办理结果", value: draft.disposition.shortLabel)]
        if let basis = draft.legalBasis, !basis.isEmpty { rows.append(.init(label: "法律依据", value: basis)) }
        if let reasons = draft.reasons, !reasons.isEmpty { rows.append(.init(label: "理由", value: reasons)) }
        if let provision = draft.provision { rows.append(.init(label: "提供方式", value: provision.label)) }
        return rows
    }

    /// The latest event of `kind`, with who recorded it.
    static func latest(_ kind: EventKind, in detail: CaseDetail) -> StoredEvent? {
        detail.events.last { $0.event.kind == kind }
    }
}
