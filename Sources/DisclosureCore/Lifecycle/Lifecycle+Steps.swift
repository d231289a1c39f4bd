/// What each event does to a case already registered; `apply` has checked the state, the role
/// and the date order. Throws `LifecycleError.invalid` for payloads that break a rule.
extension Lifecycle {
    /// Returns a state that overrides the table's target (more consultations still open).
    static func step(_ event: CaseEvent, _ c: inout CaseSnapshot, calendar: WorkCalendar) throws -> CaseState? {
        let on = event.on
        func invalid(_ field: String, _ message: String) -> LifecycleError { .invalid([FieldProblem(field, message)]) }
        func warn(_ message: String) { c.warnings.append(.init(sequence: c.version, message: message)) }

        switch event.payload {
        case .register:
            throw LifecycleError.notAllowed(.register, in: c.state, allowed: allowedEvents(in: c.state))

        case .requestCorrection(let request):
            var problems: [FieldProblem] = []
            if request.items.isEmpty || request.items.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
                problems.append(.init("items", "List everything the applicant must correct, in one notice."))
            }
            let period = request.periodWorkingDays ?? CorrectionRequest.defaultPeriod
            if !(1...60).contains(period) { problems.append(.init("periodWorkingDays", "Give the applicant between 1 and 60 working days to correct.")) }
            if let existing = c.correction {
                problems.append(.init("kind", "One consolidated correction notice is allowed (Art. 30); it went out on \(existing.noticeOn)."))
            }
            let receivedNotice = request.noticeReceivedOn ?? on
            if receivedNotice < on { problems.append(.init("noticeReceivedOn", "The applicant cannot receive the notice before it is sent (\(on)).")) }
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
                throw invalid("on", "The applicant has until \(due) to correct; the correction lapses only after that day.")
            }
            close(&c, as: .otherCorrectionLapsed, on: on)

        case .startConsultation(let request):
            var problems: [FieldProblem] = []
            if request.name.allSatisfy(\.isWhitespace) { problems.append(.init("name", "Name the party consulted.")) }
            if request.matter.allSatisfy(\.isWhitespace) { problems.append(.init("matter", "Say what the party is asked about.")) }
            let letterReceived = request.letterReceivedOn ?? on
            if letterReceived < on { problems.append(.init("letterReceivedOn", "The party cannot receive the letter before it is sent (\(on)).")) }
            if request.party == .otherAgency, let due = request.dueOn, due <= on { problems.append(.init("dueOn", "The answer date must be after \(on).")) }
            guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
            let due: LocalDate? = request.party == .otherAgency
                ? request.dueOn
                : try calendar.workingDay(ConsultationRequest.answerPeriod, after: letterReceived)
            c.consultations.append(.init(party: request.party, name: request.name, startedOn: on, dueOn: due))
            if !c.clock.isStopped {
                try c.clock.apply(.stop(on, reason: "征求\(request.party.label)意见（\(request.name)），期间不计算在答复期限内"), calendar: calendar)
            }

        case .consultationAnswered(let answer):
            let index = try openItem(answer.number, in: c.consultations.map(\.isOpen), noun: "consultation")
            c.consultations[index].closedOn = on
            c.consultations[index].outcome = answer.outcome
            return try resumeAfterConsultations(&c, on: on, calendar: calendar)

        case .consultationLapsed(let reference):
            let index = try openItem(reference.number, in: c.consultations.map(\.isOpen), noun: "consultation")
            let consultation = c.consultations[index]
            guard let due = consultation.dueOn else {
                throw invalid("number", "This consultation has no answer date; record its answer instead.")
            }
            if on <= due { throw invalid("on", "\(consultation.name) has until \(due) to answer.") }
            c.consultations[index].closedOn = on
            c.consultations[index].lapsed = true
            // Art. 34: a co-producing agency's silence counts as consent.
            if consultation.party == .coProducer { c.consultations[index].outcome = .consent }
            return try resumeAfterConsultations(&c, on: on, calendar: calendar)

        case .assist(let request):
            var problems: [FieldProblem] = []
            if request.department.allSatisfy(\.isWhitespace) { problems.append(.init("department", "Name the department asked to assist.")) }
            if request.request.allSatisfy(\.isWhitespace) { problems.append(.init("request", "Say what the department is asked to search or supply.")) }
            if let due = request.dueOn, due <= on { problems.append(.init("dueOn", "The assist's due date must be after \(on).")) }
            guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
            let due = try request.dueOn ?? calendar.workingDay(AssistRequest.defaultPeriod, after: on)
            c.assists.append(.init(department: request.department, askedOn: on, dueOn: due))

        case .assistReturned(let reference):
            let index = try openItem(reference.number, in: c.assists.map(\.isOpen), noun: "assist")
            c.assists[index].returnedOn = on

        case .transfer(let transfer):
            if transfer.toAgencyID == c.agencyID { throw invalid("toAgencyID", "The case is already with this agency.") }
            if transfer.reason.allSatisfy(\.isWhitespace) { throw invalid("reason", "Say why the case is transferred.") }
            c.agencyID = transfer.toAgencyID
            c.officerID = transfer.toOfficerID
            c.transferredOn = on

        case .requestReasons:
            c.reasonsRequestedOn = on

        case .approveDelay(let approval):
            var problems: [FieldProblem] = []
            if approval.until <= on { problems.append(.init("until", "The delayed deadline must be after \(on).")) }
            if approval.reason.allSatisfy(\.isWhitespace) { problems.append(.init("reason", "Give the reason for the delayed deadline.")) }
            guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
            if try !calendar.isWorkingDay(approval.until) { throw invalid("until", "\(approval.until) is not a working day.") }
            try c.clock.apply(.delay(on, until: approval.until), calendar: calendar)

        case .issueFeeNotice(let notice):
            let method: FeeSchedule.Method
            switch notice.method {
            case .perApplication:
                guard let n = notice.ordinalInMonth, n >= 1 else { throw invalid("ordinalInMonth", "Give which application of the month this is (1 or more).") }
                method = .perApplication(ordinalInMonth: n)
            case .perPage:
                guard let pages = notice.pages, pages >= 1 else { throw invalid("pages", "Give the number of pages (1 or more).") }
                method = .perPage(pages: pages)
            }
            let quote = FeeSchedule.quote(method)
            if quote.amount == 0 { throw invalid(notice.method == .perPage ? "pages" : "ordinalInMonth", "Nothing is charged here: \(quote.explanation).") }
            let received = notice.noticeReceivedOn ?? on
            if received < on { throw invalid("noticeReceivedOn", "The applicant cannot receive the notice before it is sent (\(on)).") }
            c.fee = .init(amount: quote.amount, explanation: quote.explanation, noticeOn: on,
                          dueOn: try calendar.workingDay(FeeNotice.paymentPeriod, after: received))
            try c.clock.apply(.stop(on, reason: "待缴费（依国办函〔2020〕109号的通行做法，缴费期间不计算在答复期限内）"), calendar: calendar)

        case .feePaid(let payment):
            guard let fee = c.fee else { throw invalid("kind", "No fee notice was issued.") }
            if payment.amount != fee.amount { throw invalid("amount", "The notice asked for \(fee.amount) yuan, not \(payment.amount).") }
            c.fee?.paidOn = on
            try c.clock.apply(.resume(on, reason: "已缴费，继续计算"), calendar: calendar)

        case .feeLapsed:
            if let due = c.fee?.dueOn, on <= due { throw invalid("on", "The applicant has until \(due) to pay.") }
            close(&c, as: .otherFeeLapsed, on: on)

        case .requestExtension(let request):
            var problems: [FieldProblem] = []
            if let existing = c.extensionRequest, existing.decision != .rejected {
                problems.append(.init("kind", existing.decision == .pending
                    ? "An extension request from \(existing.requestedOn) is waiting for a decision."
                    : "The case was already extended on \(existing.decidedOn.map(String.init(describing:)) ?? "?"); one extension is allowed (Art. 33)."))
            }
            if !(1...ReplyClock.extensionLimit).contains(request.workingDays) {
                problems.append(.init("workingDays", "An extension is 1 to \(ReplyClock.extensionLimit) working days."))
            }
            if request.reason.allSatisfy(\.isWhitespace) { problems.append(.init("reason", "Give the reason the reply needs more time.")) }
            guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
            if let due = c.clock.due, on >= due { warn("延期申请晚于原答复期限（\(due)）之前") }
            c.extensionRequest = .init(requestedOn: on, workingDays: request.workingDays, reason: request.reason, decision: .pending)

        case .approveExtension, .rejectExtension:
            guard let request = c.extensionRequest, request.decision == .pending else {
                throw invalid("kind", "There is no extension request waiting for a decision.")
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
            if note.note.isBlank { throw invalid("note", "Say what must be revised.") }
            c.signedOff = false

        case .reply(let draft):
            var problems = draft.problems() + dispositionProblems(draft.disposition, c)
            if c.state == .pendingSignoff {
                if !c.signedOff { problems.append(.init("kind", "The reply is waiting for sign-off (审签) by a supervisor.")) }
                if let signed = c.draft?.disposition, signed != draft.disposition {
                    problems.append(.init("disposition", "The signed-off draft decided \(signed.rawValue); a different outcome needs a new sign-off."))
                }
            } else if draft.disposition.requiresSignOff {
                problems.append(.init("disposition", "A reply of \(draft.disposition.rawValue) must be signed off by a supervisor first: submit_for_signoff."))
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
            if c.deliveries.isEmpty { throw invalid("kind", "Record how the reply reached the applicant (record_delivery) before archiving.") }
            c.closedOn = on

        case .recordReview(let review):
            if review.reference.allSatisfy(\.isWhitespace) || review.body.allSatisfy(\.isWhitespace) {
                throw invalid("reference", "Give the reconsideration's reference and the reconsideration body.")
            }
            upsert(review, into: &c.reviews, key: \.reference)

        case .recordLitigation(let lawsuit):
            if lawsuit.reference.allSatisfy(\.isWhitespace) || lawsuit.court.allSatisfy(\.isWhitespace) {
                throw invalid("reference", "Give the lawsuit's case number and the court.")
            }
            upsert(lawsuit, into: &c.litigations, key: \.reference)

        case .reopen(let note):
            if note.note.isBlank { throw invalid("note", "Say why the case is handled again (e.g. a reconsideration decision ordering a new reply).") }
            c.disposition = nil
            c.repliedOn = nil
            c.repliedLate = false
            c.closedOn = nil
            c.draft = nil
            c.signedOff = false
            try c.clock.apply(.start(on, reason: "重新办理：\(note.note ?? "")"), calendar: calendar)

        case .recordCommunication(let communication):
            if communication.summary.allSatisfy(\.isWhitespace) { throw invalid("summary", "Summarise what was said.") }

        case .correctEntry(let correction):
            if !(1..<c.version).contains(correction.sequence) {
                throw invalid("sequence", "There is no entry \(correction.sequence) to correct; entries are numbered 1 to \(c.version - 1).")
            }
            if correction.note.allSatisfy(\.isWhitespace) { throw invalid("note", "Say what the entry got wrong and what is right.") }
        }
        return nil
    }

    /// Rules that depend on the case's history, not only on the reply's own fields.
    static func dispositionProblems(_ disposition: Disposition, _ c: CaseSnapshot) -> [FieldProblem] {
        switch disposition {
        case .unavailableStillUnclear where c.correction?.receivedOn == nil:
            return [.init("disposition", "“Still unclear after correction” needs a corrected application first.")]
        case .notProcessedExcessive where c.reasonsRequestedOn == nil:
            return [.init("disposition", "An excessive request is refused only after asking the applicant for reasons (request_reasons, Art. 35).")]
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
    static func openItem(_ number: Int?, in openFlags: [Bool], noun: String) throws -> Int {
        if let number {
            guard openFlags.indices.contains(number - 1) else { throw LifecycleError.invalid([.init("number", "There is no \(noun) \(number).")]) }
            guard openFlags[number - 1] else { throw LifecycleError.invalid([.init("number", "The \(noun) numbered \(number) is already closed.")]) }
            return number - 1
        }
        let open = openFlags.indices.filter { openFlags[$0] }
        guard open.count == 1 else {
            throw LifecycleError.invalid([.init("number", open.isEmpty ? "There is no open \(noun)." : "Several \(noun)s are open: give the number of the one meant.")])
        }
        return open[0]
    }

    static func upsert<T>(_ item: T, into list: inout [T], key: KeyPath<T, String>) {
        if let index = list.firstIndex(where: { $0[keyPath: key] == item[keyPath: key] }) { list[index] = item } else { list.append(item) }
    }
}
