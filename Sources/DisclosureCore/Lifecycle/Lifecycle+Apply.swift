extension Lifecycle {
    /// Whether an event is being recorded now or replayed from the history.
    public enum Mode: Sendable {
        /// Every rule holds.
        case record
        /// The history is replayed, perhaps under a calendar that changed since (a notice
        /// imported): a rule on timing that the calendar decides becomes a warning, since the
        /// entry was right when it was recorded.
        case replay
    }

    /// Applies one event to a case (nil for a case not yet registered) and returns the case as
    /// it is afterwards. Pure: the same history and calendar always give the same snapshot.
    public static func apply(_ event: CaseEvent, to snapshot: CaseSnapshot?, calendar: WorkCalendar, mode: Mode = .record) throws(LifecycleError) -> CaseSnapshot {
        let kind = event.kind
        let transition = transition(kind)
        if mode == .record {
            let tooLong = TextLimits.problems(in: event.payload, path: kind == .register ? "" : "payload")
            if !tooLong.isEmpty { throw .invalid(tooLong) }
        }
        guard let snapshot else {
            guard case .register(let registration) = event.payload else {
                throw .notAllowed(kind, in: nil, allowed: [.register])
            }
            try permit(event, transition, mode)
            return try calendarStep { try register(registration, event, calendar: calendar) }
        }
        guard transition.from.contains(snapshot.state) else {
            throw .notAllowed(kind, in: snapshot.state, allowed: allowedEvents(in: snapshot.state))
        }
        try permit(event, transition, mode)
        if event.on < snapshot.lastEventOn {
            throw .invalid([FieldProblem("on", "\(event.on) is before the case's latest entry (\(snapshot.lastEventOn)); entries are recorded in date order. To fix an earlier entry, record correct_entry.",
                                               "\(event.on.chineseDay)早于本案最近一条记录的日期（\(snapshot.lastEventOn.chineseDay)）；记录须按日期先后登记。如需修改之前的记录，请使用「\(EventKind.correctEntry.label)」。")])
        }
        var next = snapshot
        next.version += 1
        next.lastEventOn = event.on
        let override = try calendarStep { try step(event, &next, calendar: calendar, mode: mode) }
        next.state = override ?? state(after: kind, from: snapshot.state)
        return next
    }

    /// Replays a whole history from the beginning.
    public static func replay(_ events: [CaseEvent], calendar: WorkCalendar) throws(LifecycleError) -> CaseSnapshot {
        var snapshot: CaseSnapshot?
        for event in events { snapshot = try apply(event, to: snapshot, calendar: calendar, mode: .replay) }
        guard let snapshot else { throw .notAllowed(.register, in: nil, allowed: [.register]) }
        return snapshot
    }

    private static func permit(_ event: CaseEvent, _ transition: Transition, _ mode: Mode) throws(LifecycleError) {
        // An administrator recorded case events before the roles were separated; their entries stand.
        if mode == .record, !event.actor.role.worksCases, transition.requires != event.actor.role {
            throw .forbidden(event.kind, needs: transition.requires ?? .officer)
        }
        if let role = transition.requires, event.actor.role != role { throw .forbidden(event.kind, needs: role) }
    }

    /// Turns calendar and clock failures into lifecycle errors.
    private static func calendarStep<T>(_ body: () throws -> T) throws(LifecycleError) -> T {
        do { return try body() }
        catch let error as LifecycleError { throw error }
        catch let error as WorkCalendar.Failure { throw .calendar(error) }
        catch let error as ReplyClock.Failure { throw .invalid([FieldProblem("on", error.description, error.chineseDescription)]) }
        catch { throw .invalid([FieldProblem("payload", "\(error)", "无法处理该事项：\(error)")]) }
    }

    private static func register(_ r: Registration, _ event: CaseEvent, calendar: WorkCalendar) throws -> CaseSnapshot {
        var problems: [FieldProblem] = []
        if r.subject.allSatisfy(\.isWhitespace) {
            problems.append(.init("subject", "Say briefly what information is asked for.", "请简要写明申请公开的政府信息。"))
        }
        if r.description.allSatisfy(\.isWhitespace) {
            problems.append(.init("description", "Describe the information sought (title, document number or other features, Art. 29).",
                                                 "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（条例第二十九条）。"))
        }
        if r.receivedOn < r.arrivedOn {
            problems.append(.init("receivedOn", "The date of receipt (\(r.receivedOn)) cannot be before the application arrived (\(r.arrivedOn)).",
                                                "收到申请之日（\(r.receivedOn.chineseDay)）不能早于申请到达之日（\(r.arrivedOn.chineseDay)）。"))
        } else if r.receivedOn != r.arrivedOn {
            if r.channel.receiptIsArrival {
                problems.append(.init("receivedOn", "For \(r.channel.rawValue) (\(r.channel.label)) the date of receipt is the day it arrived (\(r.arrivedOn)): \(r.channel.receiptRule).",
                                                    "以「\(r.channel.label)」方式提交的，收到申请之日即申请到达之日（\(r.arrivedOn.chineseDay)）：\(r.channel.receiptRule)。"))
            } else if r.receiptNote.isBlank {
                problems.append(.init("receiptNote", "The date of receipt differs from the day of arrival: say why (e.g. the day the applicant confirmed).",
                                                     "收到申请之日与申请到达之日不同，请说明原因（如与申请人确认之日）。"))
            }
        }
        if event.on < r.arrivedOn {
            problems.append(.init("on", "The case cannot be registered (\(event.on)) before the application arrived (\(r.arrivedOn)).",
                                        "登记日期（\(event.on.chineseDay)）不能早于申请到达之日（\(r.arrivedOn.chineseDay)）。"))
        }
        guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
        var clock = ReplyClock()
        try clock.apply(.start(r.receivedOn, reason: "收到申请之日（\(r.channel.label)）"), calendar: calendar)
        return CaseSnapshot(
            state: .registered, version: 1, agencyID: r.agencyID, officerID: r.officerID, applicantID: r.applicantID,
            applicantKind: r.applicantKind, channel: r.channel, arrivedOn: r.arrivedOn, receivedOn: r.receivedOn,
            subject: r.subject, clock: clock, lastEventOn: max(event.on, r.receivedOn),
            correctionNoticeDue: try calendar.workingDay(7, after: r.receivedOn))
    }

}

extension Lifecycle {
    /// The reason `apply` would refuse the event, or nil if it would accept it.
    public static func refusal(of event: CaseEvent, to snapshot: CaseSnapshot?, calendar: WorkCalendar) -> LifecycleError? {
        do {
            _ = try apply(event, to: snapshot, calendar: calendar)
            return nil
        } catch {
            return error
        }
    }
}
