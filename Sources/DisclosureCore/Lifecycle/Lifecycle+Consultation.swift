/// 征求意见 (Art. 32–34), which stops the clock until every consultation has ended, and 协办,
/// which does not.
extension Lifecycle {
    static func startConsultation(_ request: ConsultationRequest, _ c: inout CaseSnapshot, _ s: Step) throws {
        var problems: [FieldProblem] = []
        if request.name.allSatisfy(\.isWhitespace) {
            problems.append(.init("name", "Name the party consulted.", "请填写被征求意见的单位或个人。"))
        }
        if request.matter.allSatisfy(\.isWhitespace) {
            problems.append(.init("matter", "Say what the party is asked about.", "请写明征求意见的事项。"))
        }
        let letterReceived = request.letterReceivedOn ?? s.on
        if letterReceived < s.on {
            problems.append(.init("letterReceivedOn", "The party cannot receive the letter before it is sent (\(s.on)).", "对方收到征求意见函的日期不能早于发函之日（\(s.on.chineseDay)）。"))
        }
        if request.party == .otherAgency, let due = request.dueOn, due <= s.on {
            problems.append(.init("dueOn", "The answer date must be after \(s.on).", "答复意见的期限必须晚于\(s.on.chineseDay)。"))
        }
        guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
        let due: LocalDate? = request.party == .otherAgency
            ? request.dueOn
            : try s.calendar.workingDay(ConsultationRequest.answerPeriod, after: letterReceived)
        c.consultations.append(.init(party: request.party, name: request.name, startedOn: s.on, dueOn: due))
        if !c.clock.isStopped {
            try c.clock.apply(.stop(s.on, reason: "征求\(request.party.label)意见（\(request.name)），期间不计算在答复期限内"), calendar: s.calendar)
        }
    }

    static func consultationAnswered(_ answer: ConsultationAnswer, _ c: inout CaseSnapshot, _ s: Step) throws -> CaseState? {
        let index = try openItem(answer.number, in: c.consultations.map(\.isOpen), noun: "consultation", chineseNoun: "征求意见")
        c.consultations[index].closedOn = s.on
        c.consultations[index].outcome = answer.outcome
        return try resumeAfterConsultations(&c, s)
    }

    static func consultationLapsed(_ reference: ItemReference, _ c: inout CaseSnapshot, _ s: Step) throws -> CaseState? {
        let index = try openItem(reference.number, in: c.consultations.map(\.isOpen), noun: "consultation", chineseNoun: "征求意见")
        let consultation = c.consultations[index]
        guard let due = consultation.dueOn else {
            throw s.invalid("number", "This consultation has no answer date; record its answer instead.",
                                      "该项征求意见没有答复期限，不能记录逾期，请记录收到的意见。")
        }
        try s.timing(s.on > due, &c, "on", "\(consultation.name) has until \(due) to answer.",
                     "\(consultation.name)的答复期限至\(due.chineseDay)届满，期限届满后才能记录「征求意见逾期」。")
        c.consultations[index].closedOn = s.on
        c.consultations[index].lapsed = true
        // Art. 34: a co-producing agency's silence counts as consent.
        if consultation.party == .coProducer { c.consultations[index].outcome = .consent }
        return try resumeAfterConsultations(&c, s)
    }

    static func resumeAfterConsultations(_ c: inout CaseSnapshot, _ s: Step) throws -> CaseState? {
        if c.consultations.contains(where: \.isOpen) { return .consulting }
        try c.clock.apply(.resume(s.on, reason: "征求意见结束，继续计算"), calendar: s.calendar)
        return nil
    }

    static func assist(_ request: AssistRequest, _ c: inout CaseSnapshot, _ s: Step) throws {
        var problems: [FieldProblem] = []
        if request.department.allSatisfy(\.isWhitespace) {
            problems.append(.init("department", "Name the department asked to assist.", "请填写协办部门。"))
        }
        if request.request.allSatisfy(\.isWhitespace) {
            problems.append(.init("request", "Say what the department is asked to search or supply.", "请写明请协办部门查找或提供的内容。"))
        }
        if let due = request.dueOn, due <= s.on {
            problems.append(.init("dueOn", "The assist's due date must be after \(s.on).", "协办期限必须晚于\(s.on.chineseDay)。"))
        }
        guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
        let due = try request.dueOn ?? s.calendar.workingDay(AssistRequest.defaultPeriod, after: s.on)
        c.assists.append(.init(department: request.department, askedOn: s.on, dueOn: due))
    }

    static func assistReturned(_ reference: ItemReference, _ c: inout CaseSnapshot, _ s: Step) throws {
        let index = try openItem(reference.number, in: c.assists.map(\.isOpen), noun: "assist", chineseNoun: "协办")
        c.assists[index].returnedOn = s.on
    }
}
