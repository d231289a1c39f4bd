/// 延长答复期限 (Art. 33 ¶2): once, at most 20 working days, approved by a supervisor; and the
/// reasonable period for excessive requests (Art. 35).
extension Lifecycle {
    static func requestExtension(_ request: ExtensionRequest, _ c: inout CaseSnapshot, _ s: Step) throws {
        var problems: [FieldProblem] = []
        if let existing = c.extensionRequest, existing.decision != .rejected {
            problems.append(existing.decision == .pending
                ? .init("kind", "An extension request from \(existing.requestedOn) is waiting for a decision.",
                                "\(existing.requestedOn.chineseDay)提出的延期申请尚待审批。")
                : .init("kind", "The case was already extended on \(existing.decidedOn.map(String.init(describing:)) ?? "?"); one extension is allowed (Art. 33).",
                                "本案已于\(existing.decidedOn?.chineseDay ?? "此前")批准延期，答复期限只能延长一次（条例第三十三条）。"))
        }
        if !(1...ReplyClock.extensionLimit).contains(request.workingDays) {
            problems.append(.init("workingDays", "An extension is 1 to \(ReplyClock.extensionLimit) working days.",
                                                 "延长答复期限应为1至\(ReplyClock.extensionLimit)个工作日。"))
        }
        if request.reason.allSatisfy(\.isWhitespace) {
            problems.append(.init("reason", "Give the reason the reply needs more time.", "请说明需要延长答复期限的理由。"))
        }
        guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
        if let due = c.clock.due, s.on >= due { c.warn("延期申请晚于原答复期限（\(due)）之前") }
        c.extensionRequest = .init(requestedOn: s.on, workingDays: request.workingDays, reason: request.reason, decision: .pending)
    }

    static func decideExtension(approved: Bool, _ c: inout CaseSnapshot, _ s: Step) throws {
        guard let request = c.extensionRequest, request.decision == .pending else {
            throw s.invalid("kind", "There is no extension request waiting for a decision.", "没有待审批的延期申请。")
        }
        c.extensionRequest?.decision = approved ? .approved : .rejected
        c.extensionRequest?.decidedOn = s.on
        guard approved else { return }
        if let due = c.clock.due, s.on > due { c.warn("延期批准晚于原答复期限（\(due)）") }
        try c.clock.apply(.extend(s.on, workingDays: request.workingDays), calendar: s.calendar)
    }

    static func approveDelay(_ approval: DelayApproval, _ c: inout CaseSnapshot, _ s: Step) throws {
        var problems: [FieldProblem] = []
        if approval.until <= s.on {
            problems.append(.init("until", "The delayed deadline must be after \(s.on).", "延迟答复的期限必须晚于\(s.on.chineseDay)。"))
        }
        if approval.reason.allSatisfy(\.isWhitespace) {
            problems.append(.init("reason", "Give the reason for the delayed deadline.", "请说明延迟答复的理由。"))
        }
        guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
        try s.timing(try s.calendar.isWorkingDay(approval.until), &c, "until", "\(approval.until) is not a working day.",
                     "\(approval.until.chineseDay)不是工作日，延迟答复的期限应为工作日。")
        try c.clock.apply(.delay(s.on, until: approval.until), calendar: s.calendar)
    }
}
