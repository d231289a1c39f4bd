/// What each event does to a case already registered; `apply` has checked the state, the role
/// and the date order. Throws `LifecycleError.invalid` for payloads that break a rule.
extension Lifecycle {
    /// Returns a state that overrides the table's target (more consultations still open).
    static func step(_ event: CaseEvent, _ c: inout CaseSnapshot, calendar: WorkCalendar) throws -> CaseState? {
        let on = event.on
        func invalid(_ field: String, _ message: String, _ chinese: String) -> LifecycleError { .invalid([FieldProblem(field, message, chinese)]) }
        func warn(_ message: String) { c.warnings.append(.init(sequence: c.version, message: message)) }

        switch event.payload {
        case .register:
            throw LifecycleError.notAllowed(.register, in: c.state, allowed: allowedEvents(in: c.state))

        case .requestCorrection(let request):
            var problems: [FieldProblem] = []
            if request.items.isEmpty || request.items.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
                problems.append(.init("items", "List everything the applicant must correct, in one notice.",
                                               "请在一次补正告知中列明需要申请人补正的全部事项。"))
            }
            let period = request.periodWorkingDays ?? CorrectionRequest.defaultPeriod
            if !(1...60).contains(period) {
                problems.append(.init("periodWorkingDays", "Give the applicant between 1 and 60 working days to correct.", "补正期限应为1至60个工作日。"))
            }
            if let existing = c.correction {
                problems.append(.init("kind", "One consolidated correction notice is allowed (Art. 30); it went out on \(existing.noticeOn).",
                                              "补正告知应当一次性发出（条例第三十条），本案已于\(existing.noticeOn.chineseDay)发出补正告知。"))
            }
            let receivedNotice = request.noticeReceivedOn ?? on
            if receivedNotice < on {
                problems.append(.init("noticeReceivedOn", "The applicant cannot receive the notice before it is sent (\(on)).",
                                                          "申请人收到补正告知的日期不能早于告知发出之日（\(on.chineseDay)）。"))
            }
            guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
            let late = on > c.correctionNoticeDue
            if late { warn("补正告知晚于收到申请后第7个工作日（\(c.correctionNoticeDue)）") }
            c.correction = .init(noticeOn: on, items: request.items, dueOn: try calendar.workingDay(period, after: receivedNotice), late: late)
            try c.clock.apply(.stop(on, reason: "待补正（补正后重新起算）"), calendar: calendar)

        case .correctionReceived:
            c.correction?.receivedOn = on
            try c.clock.apply(.start(on, reason: "收到补正后的申请，重新起算"), calendar: calendar)

        case .correctionLapsed:
            if let due = c.correction?.dueOn, on <= due {
                throw invalid("on", "The applicant has until \(due) to correct; the correction lapses only after that day.",
                                    "申请人的补正期限至\(due.chineseDay)届满，期限届满后才能记录「逾期未补正」。")
            }
            close(&c, as: .otherCorrectionLapsed, on: on)

        case .startConsultation(let request):
            var problems: [FieldProblem] = []
            if request.name.allSatisfy(\.isWhitespace) {
                problems.append(.init("name", "Name the party consulted.", "请填写被征求意见的单位或个人。"))
            }
            if request.matter.allSatisfy(\.isWhitespace) {
                problems.append(.init("matter", "Say what the party is asked about.", "请写明征求意见的事项。"))
            }
            let letterReceived = request.letterReceivedOn ?? on
            if letterReceived < on {
                problems.append(.init("letterReceivedOn", "The party cannot receive the letter before it is sent (\(on)).", "对方收到征求意见函的日期不能早于发函之日（\(on.chineseDay)）。"))
            }
            if request.party == .otherAgency, let due = request.dueOn, due <= on {
                problems.append(.init("dueOn", "The answer date must be after \(on).", "答复意见的期限必须晚于\(on.chineseDay)。"))
            }
            guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
            let due: LocalDate? = request.party == .otherAgency
                ? request.dueOn
                : try calendar.workingDay(ConsultationRequest.answerPeriod, after: letterReceived)
            c.consultations.append(.init(party: request.party, name: request.name, startedOn: on, dueOn: due))
            if !c.clock.isStopped {
                try c.clock.apply(.stop(on, reason: "征求\(request.party.label)意见（\(request.name)），期间不计算在答复期限内"), calendar: calendar)
            }

        case .consultationAnswered(let answer):
            let index = try openItem(answer.number, in: c.consultations.map(\.isOpen), noun: "consultation", chineseNoun: "征求意见")
            c.consultations[index].closedOn = on
            c.consultations[index].outcome = answer.outcome
            return try resumeAfterConsultations(&c, on: on, calendar: calendar)

        case .consultationLapsed(let reference):
            let index = try openItem(reference.number, in: c.consultations.map(\.isOpen), noun: "consultation", chineseNoun: "征求意见")
            let consultation = c.consultations[index]
            guard let due = consultation.dueOn else {
                throw invalid("number", "This consultation has no answer date; record its answer instead.",
                                        "该项征求意见没有答复期限，不能记录逾期，请记录收到的意见。")
            }
            if on <= due {
                throw invalid("on", "\(consultation.name) has until \(due) to answer.", "\(consultation.name)的答复期限至\(due.chineseDay)届满，期限届满后才能记录「征求意见逾期」。")
            }
            c.consultations[index].closedOn = on
            c.consultations[index].lapsed = true
            // Art. 34: a co-producing agency's silence counts as consent.
            if consultation.party == .coProducer { c.consultations[index].outcome = .consent }
            return try resumeAfterConsultations(&c, on: on, calendar: calendar)

        case .assist(let request):
            var problems: [FieldProblem] = []
            if request.department.allSatisfy(\.isWhitespace) {
                problems.append(.init("department", "Name the department asked to assist.", "请填写协办部门。"))
            }
            if request.request.allSatisfy(\.isWhitespace) {
                problems.append(.init("request", "Say what the department is asked to search or supply.", "请写明请协办部门查找或提供的内容。"))
            }
            if let due = request.dueOn, due <= on {
                problems.append(.init("dueOn", "The assist's due date must be after \(on).", "协办期限必须晚于\(on.chineseDay)。"))
            }
            guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
            let due = try request.dueOn ?? calendar.workingDay(AssistRequest.defaultPeriod, after: on)
            c.assists.append(.init(department: request.department, askedOn: on, dueOn: due))

        case .assistReturned(let reference):
            let index = try openItem(reference.number, in: c.assists.map(\.isOpen), noun: "assist", chineseNoun: "协办")
            c.assists[index].returnedOn = on

        case .transfer(let transfer):
            if transfer.toAgencyID == c.agencyID {
                throw invalid("toAgencyID", "The case is already with this agency.", "案件已由该机关办理，无需转办。")
            }
            if transfer.reason.allSatisfy(\.isWhitespace) {
                throw invalid("reason", "Say why the case is transferred.", "请说明转办的理由。")
            }
            c.agencyID = transfer.toAgencyID
            c.officerID = transfer.toOfficerID
            c.transferredOn = on

        case .requestReasons:
            c.reasonsRequestedOn = on

        case .approveDelay(let approval):
            var problems: [FieldProblem] = []
            if approval.until <= on {
                problems.append(.init("until", "The delayed deadline must be after \(on).", "延迟答复的期限必须晚于\(on.chineseDay)。"))
            }
            if approval.reason.allSatisfy(\.isWhitespace) {
                problems.append(.init("reason", "Give the reason for the delayed deadline.", "请说明延迟答复的理由。"))
            }
            guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
            if try !calendar.isWorkingDay(approval.until) {
                throw invalid("until", "\(approval.until) is not a working day.", "\(approval.until.chinese)不是工作日，延迟答复的期限应为工作日。")
            }
            try c.clock.apply(.delay(on, until: approval.until), calendar: calendar)

        case .issueFeeNotice(let notice):
            let method: FeeSchedule.Method
            switch notice.method {
            case .perApplication:
                guard let n = notice.ordinalInMonth, n >= 1 else {
                    throw invalid("ordinalInMonth", "Give which application of the month this is (1 or more).", "请填写这是申请人本月提出的第几件申请（1或以上）。")
                }
                method = .perApplication(ordinalInMonth: n)
            case .perPage:
                guard let pages = notice.pages, pages >= 1 else {
                    throw invalid("pages", "Give the number of pages (1 or more).", "请填写页数（1或以上）。")
                }
                method = .perPage(pages: pages)
            }
            let quote = FeeSchedule.quote(method)
            if quote.amount == 0 {
                throw invalid(notice.method == .perPage ? "pages" : "ordinalInMonth", "Nothing is charged here: \(quote.explanation).",
                                                                                      "此情形不收取信息处理费：\(quote.explanation)。")
            }
            let received = notice.noticeReceivedOn ?? on
            if received < on {
                throw invalid("noticeReceivedOn", "The applicant cannot receive the notice before it is sent (\(on)).", "申请人收到收费通知的日期不能早于通知发出之日（\(on.chineseDay)）。")
            }
            c.fee = .init(amount: quote.amount, explanation: quote.explanation, noticeOn: on,
                          dueOn: try calendar.workingDay(FeeNotice.paymentPeriod, after: received))
            try c.clock.apply(.stop(on, reason: "待缴费（依国办函〔2020〕109号的通行做法，缴费期间不计算在答复期限内）"), calendar: calendar)

        case .feePaid(let payment):
            guard let fee = c.fee else {
                throw invalid("kind", "No fee notice was issued.", "本案没有发出收费通知。")
            }
            if payment.amount != fee.amount {
                throw invalid("amount", "The notice asked for \(fee.amount) yuan, not \(payment.amount).", "收费通知要求缴纳\(fee.amount)元，而不是\(payment.amount)元。")
            }
            c.fee?.paidOn = on
            try c.clock.apply(.resume(on, reason: "已缴费，继续计算"), calendar: calendar)

        case .feeLapsed:
            if let due = c.fee?.dueOn, on <= due {
                throw invalid("on", "The applicant has until \(due) to pay.", "申请人的缴费期限至\(due.chineseDay)届满，期限届满后才能记录「逾期未缴费」。")
            }
            close(&c, as: .otherFeeLapsed, on: on)

        case .requestExtension(let request):
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
            if let due = c.clock.due, on >= due { warn("延期申请晚于原答复期限（\(due)）之前") }
            c.extensionRequest = .init(requestedOn: on, workingDays: request.workingDays, reason: request.reason, decision: .pending)

        case .approveExtension, .rejectExtension:
            guard let request = c.extensionRequest, request.decision == .pending else {
                throw invalid("kind", "There is no extension request waiting for a decision.",
                                      "没有待审批的延期申请。")
            }
            let approved = event.kind == .approveExtension
            c.extensionRequest?.decision = approved ? .approved : .rejected
            c.extensionRequest?.decidedOn = on
            if approved {
                if let due = c.clock.due, on > due { warn("延期批准晚于原答复期限（\(due)）") }
                try c.clock.apply(.extend(on, workingDays: request.workingDays), calendar: calendar)
            }

        case .submitForSignoff(let draft):
            let problems = draft.problems() + dispositionProblems(draft.disposition, c)
            guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
            c.draft = draft
            c.signedOff = false

        case .signOff:
            c.signedOff = true

        case .returnForRevision(let note):
            if note.note.isBlank {
                throw invalid("note", "Say what must be revised.", "请写明需要修改的内容。")
            }
            c.signedOff = false

        case .reply(let draft):
            var problems = draft.problems() + dispositionProblems(draft.disposition, c)
            if c.state == .pendingSignoff {
                if !c.signedOff {
                    problems.append(.init("kind", "The reply is waiting for sign-off (审签) by a supervisor.", "答复稿尚待审核人审签。"))
                }
                if let signed = c.draft?.disposition, signed != draft.disposition {
                    problems.append(.init("disposition", "The signed-off draft decided \(signed.rawValue); a different outcome needs a new sign-off.",
                                                         "审签通过的答复稿的办理结果是「\(signed.chineseName)」，改为其他办理结果须重新审签。"))
                }
            } else if draft.disposition.requiresSignOff {
                problems.append(.init("disposition", "A reply of \(draft.disposition.rawValue) must be signed off by a supervisor first: submit_for_signoff.",
                                                     "办理结果为「\(draft.disposition.chineseName)」的答复须先经审核人审签，请先「\(EventKind.submitForSignoff.label)」。"))
            }
            guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
            c.draft = draft
            c.disposition = draft.disposition
            c.repliedOn = on
            if let due = c.clock.due, on > due {
                c.repliedLate = true
                warn("答复晚于答复期限（\(due)）")
            }

        case .recordDelivery(let delivery):
            c.deliveries.append(.init(method: delivery.method, on: on, reference: delivery.reference))

        case .withdraw:
            close(&c, as: .otherOther, on: on)

        case .archive:
            if c.deliveries.isEmpty {
                throw invalid("kind", "Record how the reply reached the applicant (record_delivery) before archiving.",
                                      "归档前请先记录答复送达申请人的情况（「\(EventKind.recordDelivery.label)」）。")
            }
            c.closedOn = on

        case .recordReview(let review):
            if review.reference.allSatisfy(\.isWhitespace) || review.body.allSatisfy(\.isWhitespace) {
                throw invalid("reference", "Give the reconsideration's reference and the reconsideration body.",
                                           "请填写行政复议的案号和复议机关。")
            }
            upsert(review, into: &c.reviews, key: \.reference)

        case .recordLitigation(let lawsuit):
            if lawsuit.reference.allSatisfy(\.isWhitespace) || lawsuit.court.allSatisfy(\.isWhitespace) {
                throw invalid("reference", "Give the lawsuit's case number and the court.",
                                           "请填写行政诉讼的案号和受理法院。")
            }
            upsert(lawsuit, into: &c.litigations, key: \.reference)

        case .reopen(let note):
            if note.note.isBlank {
                throw invalid("note", "Say why the case is handled again (e.g. a reconsideration decision ordering a new reply).", "请说明重新办理的原因（如复议决定责令重新答复）。")
            }
            c.disposition = nil
            c.repliedOn = nil
            c.repliedLate = false
            c.closedOn = nil
            c.draft = nil
            c.signedOff = false
            try c.clock.apply(.start(on, reason: "重新办理：\(note.note ?? "")"), calendar: calendar)

        case .recordCommunication(let communication):
            if communication.summary.allSatisfy(\.isWhitespace) {
                throw invalid("summary", "Summarise what was said.", "请概括沟通的内容。")
            }

        case .flagComplex(let note):
            guard let reason = note.note, !reason.allSatisfy(\.isWhitespace) else {
                throw invalid("note", "Say what makes the case complex.", "请说明案件疑难复杂的原因。")
            }
            c.complex = .init(on: on, reason: reason)

        case .correctEntry(let correction):
            if !(1..<c.version).contains(correction.sequence) {
                throw invalid("sequence", "There is no entry \(correction.sequence) to correct; entries are numbered 1 to \(c.version - 1).",
                                          "没有第\(correction.sequence)条记录可以更正；本案的记录编号为1至\(c.version - 1)。")
            }
            if correction.note.allSatisfy(\.isWhitespace) {
                throw invalid("note", "Say what the entry got wrong and what is right.", "请写明原记录哪里有误、正确的内容是什么。")
            }
        }
        return nil
    }

    /// Rules that depend on the case's history, not only on the reply's own fields.
    static func dispositionProblems(_ disposition: Disposition, _ c: CaseSnapshot) -> [FieldProblem] {
        switch disposition {
        case .unavailableStillUnclear where c.correction?.receivedOn == nil:
            return [.init("disposition", "“Still unclear after correction” needs a corrected application first.",
                                         "须在收到补正后的申请之后，才能以「补正后申请内容仍不明确」答复。")]
        case .notProcessedExcessive where c.reasonsRequestedOn == nil:
            return [.init("disposition", "An excessive request is refused only after asking the applicant for reasons (request_reasons, Art. 35).",
                                         "须先要求申请人说明理由（「\(EventKind.requestReasons.label)」，条例第三十五条），才能以无正当理由大量反复申请为由不予处理。")]
        default:
            return []
        }
    }

    static func close(_ c: inout CaseSnapshot, as disposition: Disposition, on: LocalDate) {
        c.disposition = disposition
        c.closedOn = on
        if let due = c.clock.due, on > due, disposition == .otherOther { c.repliedLate = true }
    }

    static func resumeAfterConsultations(_ c: inout CaseSnapshot, on: LocalDate, calendar: WorkCalendar) throws -> CaseState? {
        if c.consultations.contains(where: \.isOpen) { return .consulting }
        try c.clock.apply(.resume(on, reason: "征求意见结束，继续计算"), calendar: calendar)
        return nil
    }

    /// Finds the open consultation or assist an event refers to (numbered from 1).
    static func openItem(_ number: Int?, in openFlags: [Bool], noun: String, chineseNoun: String) throws -> Int {
        if let number {
            guard openFlags.indices.contains(number - 1) else {
                throw LifecycleError.invalid([.init("number", "There is no \(noun) \(number).", "没有第\(number)项\(chineseNoun)。")])
            }
            guard openFlags[number - 1] else {
                throw LifecycleError.invalid([.init("number", "The \(noun) numbered \(number) is already closed.", "第\(number)项\(chineseNoun)已经结束。")])
            }
            return number - 1
        }
        let open = openFlags.indices.filter { openFlags[$0] }
        guard open.count == 1 else {
            throw LifecycleError.invalid([open.isEmpty
                ? .init("number", "There is no open \(noun).", "没有尚未结束的\(chineseNoun)。")
                : .init("number", "Several \(noun)s are open: give the number of the one meant.", "有多项\(chineseNoun)尚未结束，请填写所指事项的编号。")])
        }
        return open[0]
    }

    static func upsert<T>(_ item: T, into list: inout [T], key: KeyPath<T, String>) {
        if let index = list.firstIndex(where: { $0[keyPath: key] == item[keyPath: key] }) { list[index] = item } else { list.append(item) }
    }
}
