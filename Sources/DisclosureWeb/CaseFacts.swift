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

    static func view(_ detail: CaseDetail, today: LocalDate, officer: String) throws -> [String: Any] {
        let s = detail.snapshot
        let clock = try detail.clock(on: today)
        let reply = try s.clock.due.map { try DueReading(due: $0, today: today, calendar: detail.calendar, countedFrom: s.receivedOn) }
        let r = registration(detail)
        let pending = pending(s)
        return [
            "id": detail.id, "number": detail.caseNumber, "subject": s.subject, "description": detail.description,
            "state": s.state.label, "officer": officer, "applicant": detail.applicant.name, "kind": s.applicantKind.label,
            "channel": s.channel.label, "received": Show.date(s.receivedOn),
            "formWanted": r?.formWanted?.label ?? "未注明", "deliveryWanted": r?.deliveryWanted?.label ?? "未注明",
            "replyDue": Show.date(s.clock.due), "urgency": reply?.urgency.rawValue ?? "none", "urgencyWord": s.state.isOpen ? reply?.chinese ?? "" : "",
            "clock": Show.clockSentence(s.clock, clock, today: today, replyDueProvisional: detail.replyDueProvisional),
            "pending": pending, "hasPending": !pending.isEmpty,
        ]
    }

    /// Requests waiting for a supervisor, in words.
    static func pending(_ s: CaseSnapshot) -> [[String: Any]] {
        var items: [String] = []
        if let e = s.extensionRequest, e.decision == .pending {
            items.append("延期申请待审批：延长\(e.workingDays)个工作日（\(e.requestedOn.chinese)提出，理由：\(e.reason)）")
        }
        if s.state == .pendingSignoff, let d = s.draft { items.append("答复待审签：拟\(d.disposition.shortLabel)") }
        if s.state == .toIssue, let d = s.draft { items.append("答复已签发，待发出：\(d.disposition.shortLabel)") }
        if s.state == .awaitingReasons, let on = s.reasonsRequestedOn { items.append("已于\(on.chinese)要求申请人说明理由，可批准延迟答复") }
        return items.map { ["item": $0] }
    }

    /// The proposal (拟办意见) as the supervisor reads it.
    static func proposal(_ draft: ReplyDraft) -> [[String: Any]] {
        var rows: [(String, String)] = [("办理结果", draft.disposition.shortLabel)]
        if let basis = draft.legalBasis, !basis.isEmpty { rows.append(("法律依据", basis)) }
        if let reasons = draft.reasons, !reasons.isEmpty { rows.append(("理由", reasons)) }
        if let provision = draft.provision { rows.append(("提供方式", provision.label)) }
        return rows.map { ["label": $0.0, "value": $0.1] }
    }

    /// The latest event of `kind`, with who recorded it.
    static func latest(_ kind: EventKind, in detail: CaseDetail) -> StoredEvent? {
        detail.events.last { $0.event.kind == kind }
    }
}
