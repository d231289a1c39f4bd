/// What each event does to a case already registered; `apply` has checked the state, the role
/// and the date order. One function per payload, in the files Lifecycle+<area>.swift, chosen by
/// an exhaustive switch: a new payload does not compile until it has its step.
extension Lifecycle {
    /// Returns a state that overrides the table's target (more consultations still open).
    static func step(_ event: CaseEvent, _ c: inout CaseSnapshot, calendar: WorkCalendar, mode: Mode) throws -> CaseState? {
        let s = Step(on: event.on, kind: event.kind, calendar: calendar, mode: mode)
        switch event.payload {
        case .register:
            throw LifecycleError.notAllowed(.register, in: c.state, allowed: allowedEvents(in: c.state))
        case .requestCorrection(let p): try requestCorrection(p, &c, s)
        case .correctionReceived: try correctionReceived(&c, s)
        case .correctionLapsed: try correctionLapsed(&c, s)
        case .startConsultation(let p): try startConsultation(p, &c, s)
        case .consultationAnswered(let p): return try consultationAnswered(p, &c, s)
        case .consultationLapsed(let p): return try consultationLapsed(p, &c, s)
        case .assist(let p): try assist(p, &c, s)
        case .assistReturned(let p): try assistReturned(p, &c, s)
        case .transfer(let p): try transfer(p, &c, s)
        case .requestReasons: c.reasonsRequestedOn = s.on
        case .approveDelay(let p): try approveDelay(p, &c, s)
        case .issueFeeNotice(let p): try issueFeeNotice(p, &c, s)
        case .feePaid(let p): try feePaid(p, &c, s)
        case .feeLapsed: try feeLapsed(&c, s)
        case .requestExtension(let p): try requestExtension(p, &c, s)
        case .approveExtension: try decideExtension(approved: true, &c, s)
        case .rejectExtension: try decideExtension(approved: false, &c, s)
        case .submitForSignoff(let p): try submitForSignoff(p, &c, s)
        case .signOff: c.signedOff = true
        case .returnForRevision(let p): try returnForRevision(p, &c, s)
        case .reply(let p): try reply(p, &c, s)
        case .recordDelivery(let p): c.deliveries.append(.init(method: p.method, on: s.on, reference: p.reference))
        case .withdraw: try close(&c, as: .otherOther, s)
        case .archive: try archive(&c, s)
        case .recordReview(let p): try recordReview(p, &c, s)
        case .recordLitigation(let p): try recordLitigation(p, &c, s)
        case .reopen(let p): try reopen(p, &c, s)
        case .recordCommunication(let p): try recordCommunication(p, s)
        case .flagComplex(let p): try flagComplex(p, &c, s)
        case .correctEntry(let p): try correctEntry(p, c, s)
        case .recomputeDeadlines(let p): try recomputeDeadlines(p, s)
        }
        return nil
    }

    /// What every step needs besides the case: the event's date and kind, the calendar, and
    /// whether the event is being recorded now or replayed from history.
    struct Step {
        let on: LocalDate
        let kind: EventKind
        let calendar: WorkCalendar
        let mode: Mode

        func invalid(_ field: String, _ message: String, _ chinese: String) -> LifecycleError {
            .invalid([FieldProblem(field, message, chinese)])
        }

        /// A rule on timing that the calendar decides (a period not yet over, a working day).
        /// Recording, it refuses. Replaying a history under a calendar that changed since (a
        /// notice imported), the entry was right when it was made: it stands, with a warning.
        func timing(_ holds: Bool, _ c: inout CaseSnapshot, _ field: String, _ message: String, _ chinese: String) throws {
            guard !holds else { return }
            switch mode {
            case .record: throw invalid(field, message, chinese)
            case .replay: c.warn("按现行工作日历：\(chinese)")
            }
        }
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

    /// Closes the case without a reply (a lapse or a withdrawal): the clock ends that day.
    static func close(_ c: inout CaseSnapshot, as disposition: Disposition, _ s: Step) throws {
        c.disposition = disposition
        c.closedOn = s.on
        if let due = c.clock.due, s.on > due, disposition == .otherOther { c.repliedLate = true }
        try c.clock.apply(.end(s.on, reason: "\(disposition.shortLabel)，\(s.kind.label)"), calendar: s.calendar)
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
}

extension CaseSnapshot {
    /// Keeps something done late or out of the ordinary for the supervisors, against the entry
    /// that caused it.
    mutating func warn(_ message: String) {
        warnings.append(.init(sequence: version, message: message))
    }
}
