/// 审签 and 答复 (Art. 36): the draft signed off, the reply issued (the clock ends that day),
/// the case archived, or handled again after a reconsideration.
extension Lifecycle {
    static func submitForSignoff(_ draft: ReplyDraft, _ c: inout CaseSnapshot, _ s: Step) throws {
        let problems = draft.problems() + dispositionProblems(draft.disposition, c)
        guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
        c.draft = draft
        c.signedOff = false
    }

    static func returnForRevision(_ note: Note, _ c: inout CaseSnapshot, _ s: Step) throws {
        if note.note.isBlank {
            throw s.invalid("note", "Say what must be revised.", "请写明需要修改的内容。")
        }
        c.signedOff = false
    }

    static func reply(_ draft: ReplyDraft, _ c: inout CaseSnapshot, _ s: Step) throws {
        var problems = draft.problems() + dispositionProblems(draft.disposition, c)
        if c.state == .toIssue {
            if let signed = c.draft?.disposition, signed != draft.disposition {
                problems.append(.init("disposition", "The signed-off draft decided \(signed.rawValue); a different outcome needs a new sign-off.",
                                                     "审签通过的答复稿的办理结果是「\(signed.shortLabel)」，改为其他办理结果须重新审签。"))
            }
        } else if draft.disposition.requiresSignOff {
            problems.append(.init("disposition", "A reply of \(draft.disposition.rawValue) must be signed off by a supervisor first: submit_for_signoff.",
                                                 "办理结果为「\(draft.disposition.shortLabel)」的答复须先经审核人审签，请先「\(EventKind.submitForSignoff.label)」。"))
        }
        guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
        c.draft = draft
        c.disposition = draft.disposition
        c.repliedOn = s.on
        if let due = c.clock.due, s.on > due {
            c.repliedLate = true
            c.warn("答复晚于答复期限（\(due)）")
        }
        try c.clock.apply(.end(s.on, reason: "答复（\(draft.disposition.shortLabel)）"), calendar: s.calendar)
    }

    static func archive(_ c: inout CaseSnapshot, _ s: Step) throws {
        if c.deliveries.isEmpty {
            throw s.invalid("kind", "Record how the reply reached the applicant (record_delivery) before archiving.",
                                    "归档前请先记录答复送达申请人的情况（「\(EventKind.recordDelivery.label)」）。")
        }
        c.closedOn = s.on
    }

    /// A new reply is owed (e.g. a reconsideration decision ordered one): a new period of 20
    /// working days, as for a new application; an earlier extension does not carry over.
    static func reopen(_ note: Note, _ c: inout CaseSnapshot, _ s: Step) throws {
        if note.note.isBlank {
            throw s.invalid("note", "Say why the case is handled again (e.g. a reconsideration decision ordering a new reply).", "请说明重新办理的原因（如复议决定责令重新答复）。")
        }
        c.disposition = nil
        c.repliedOn = nil
        c.repliedLate = false
        c.closedOn = nil
        c.draft = nil
        c.signedOff = false
        c.extensionRequest = nil
        try c.clock.apply(.start(s.on, reason: "重新办理：\(note.note ?? "")"), calendar: s.calendar)
    }
}
