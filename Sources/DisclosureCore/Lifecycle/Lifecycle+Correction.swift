/// 补正 (Art. 30): one consolidated notice, the clock stopped, restarted in full by the
/// corrected application, or the case closed when the applicant does not correct in time.
extension Lifecycle {
    static func requestCorrection(_ request: CorrectionRequest, _ c: inout CaseSnapshot, _ s: Step) throws {
        var problems: [FieldProblem] = []
        if request.items.isEmpty || request.items.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            problems.append(.init("items", "List everything the applicant must correct, in one notice.",
                                           "请在一次补正告知中列明需要申请人补正的全部事项。"))
        }
        let period = request.periodWorkingDays ?? CorrectionRequest.defaultPeriod
        if !CorrectionRequest.periodRange.contains(period) {
            problems.append(.init("periodWorkingDays", "Give the applicant between 1 and 60 working days to correct.", "补正期限应为1至60个工作日。"))
        }
        if let existing = c.correction {
            problems.append(.init("kind", "One consolidated correction notice is allowed (Art. 30); it went out on \(existing.noticeOn).",
                                          "补正告知应当一次性发出（条例第三十条），本案已于\(existing.noticeOn.chineseDay)发出补正告知。"))
        }
        let receivedNotice = request.noticeReceivedOn ?? s.on
        if receivedNotice < s.on {
            problems.append(.init("noticeReceivedOn", "The applicant cannot receive the notice before it is sent (\(s.on)).",
                                                      "申请人收到补正告知的日期不能早于告知发出之日（\(s.on.chineseDay)）。"))
        }
        guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
        let late = s.on > c.correctionNoticeDue
        if late { c.warn("补正告知晚于收到申请后第7个工作日（\(c.correctionNoticeDue)）") }
        c.correction = .init(noticeOn: s.on, items: request.items,
                             dueOn: try s.calendar.workingDay(period, after: receivedNotice), late: late)
        try c.clock.apply(.stop(s.on, reason: "待补正（补正后重新起算）"), calendar: s.calendar)
    }

    /// Art. 30: the period counts again from the corrected application, in full. An extension
    /// approved (or requested) before the correction belonged to the old period and lapses.
    static func correctionReceived(_ c: inout CaseSnapshot, _ s: Step) throws {
        c.correction?.receivedOn = s.on
        var reason = "收到补正后的申请，重新起算20个工作日（条例第三十条）"
        if let lapsed = c.extensionRequest, lapsed.decision != .rejected {
            reason += "；此前\(lapsed.decision == .approved ? "批准" : "申请")的延期不再适用"
        }
        c.extensionRequest = nil
        try c.clock.apply(.start(s.on, reason: reason), calendar: s.calendar)
    }

    static func correctionLapsed(_ c: inout CaseSnapshot, _ s: Step) throws {
        if let due = c.correction?.dueOn {
            try s.timing(s.on > due, &c, "on", "The applicant has until \(due) to correct; the correction lapses only after that day.",
                         "申请人的补正期限至\(due.chineseDay)届满，期限届满后才能记录「逾期未补正」。")
        }
        try close(&c, as: .otherCorrectionLapsed, s)
    }
}
