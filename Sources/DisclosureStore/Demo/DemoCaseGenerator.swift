import DisclosureCore

/// One generated application: the applicant, the history and the snapshot it leads to.
struct GeneratedCase: Sendable {
    var applicant: Applicant
    var description: String
    var events: [CaseEvent]
    var snapshot: CaseSnapshot
}

/// Realistic case histories for the demo and the benchmarks: every agency, applicant kind,
/// channel and disposition, each history built through the lifecycle function so that
/// `disclosure verify` holds for it. Events after `today` are left out, so recent cases are
/// still open, in every state.
struct DemoCaseGenerator: Sendable {
    let directory: DemoDirectory
    let calendar: WorkCalendar
    let today: LocalDate
    let start = LocalDate(year: 2023, month: 1, day: 1)!

    static let dispositions: [(Disposition, Int)] = [
        (.disclose, 34), (.partial, 10), (.withholdStateSecret, 1), (.withholdLawForbids, 1), (.withholdSecurityStability, 1),
        (.withholdThirdParty, 3), (.withholdInternalAffairs, 2), (.withholdProcessInfo, 3), (.withholdEnforcementFile, 1),
        (.withholdInquiryMatter, 2), (.unavailableNotHeld, 15), (.unavailableNeedsCreation, 5), (.unavailableStillUnclear, 2),
        (.notProcessedPetition, 4), (.notProcessedRepeat, 3), (.notProcessedPublication, 1), (.notProcessedExcessive, 1),
        (.notProcessedConfirmExisting, 2), (.otherCorrectionLapsed, 3), (.otherFeeLapsed, 1), (.otherOther, 5),
    ]
    static let kinds: [(ApplicantKind, Int)] = [(.naturalPerson, 78), (.commercial, 8), (.research, 2), (.nonprofit, 2), (.legalServices, 6), (.otherOrg, 4)]
    static let channels: [(Channel, Int)] = [(.inPerson, 20), (.registeredPost, 35), (.ordinaryLetter, 5), (.online, 30), (.fax, 2), (.email, 8)]

    var weightedAgencies: [(Agency, Int)] {
        directory.agencies.map { agency in
            let weight: Int
            switch agency.kind {
            case .government: weight = 4
            case .office: weight = 1
            case .department: weight = ["szq-zjj", "szq-rsj", "szq-mzj", "szq-cgj"].contains(agency.code) ? 8 : 3
            case .street: weight = 2
            }
            return (agency, weight)
        }
    }

    struct Builder {
        let calendar: WorkCalendar
        let today: LocalDate
        var snapshot: CaseSnapshot?
        var events: [CaseEvent] = []
        var cursor: LocalDate
        var stopped = false
        /// For cases still open today: the state the history stops in.
        var target: CaseState?

        /// Applies the event unless it would fall after today; later events are then skipped too.
        mutating func add(_ payload: EventPayload, on day: LocalDate, by actor: Actor) throws {
            guard !stopped else { return }
            let on = max(day, cursor)
            guard on <= today else { stopped = true; return }
            let event = CaseEvent(payload, on: on, by: actor)
            snapshot = try Lifecycle.apply(event, to: snapshot, calendar: calendar)
            events.append(event)
            cursor = on
            if let target, snapshot?.state == target { stopped = true }
        }

        func after(_ n: Int) throws -> LocalDate { try calendar.workingDay(n, after: cursor) }
        var state: CaseState? { snapshot?.state }
    }

    /// The first cases of every run cover each disposition and then each open state, so even a
    /// small demo shows them all; the rest follow the weights.
    static let openTargets: [CaseState] = [.registered, .inProgress, .awaitingCorrection, .consulting, .awaitingReasons, .awaitingFee, .pendingSignoff, .toIssue, .replied]

    func generate(applicantID: Int64, index: Int, _ r: inout DemoRandom) throws -> GeneratedCase {
        let forcedDisposition = index < Disposition.allCases.count ? Disposition.allCases[index] : nil
        let forcedTarget = (0..<Self.openTargets.count).contains(index - Disposition.allCases.count)
            ? Self.openTargets[index - Disposition.allCases.count] : nil
        let agency = r.weighted(weightedAgencies)
        let officers = directory.officers(of: agency.id)
        let officer = r.pick(officers).actor
        let supervisor = (directory.supervisor(of: agency.id) ?? r.pick(officers)).actor
        let kind = r.weighted(Self.kinds)
        let channel = r.weighted(Self.channels)
        // Most cases are from 2023–2025 and finished; some from this year; a few still open today.
        let period = forcedDisposition != nil ? 0 : forcedTarget != nil ? 2 : r.weighted([(0, 80), (1, 12), (2, 8)])
        let recent = period == 2
        let firstDay = [start, LocalDate(year: today.year, month: 1, day: 1)!, today.adding(days: -35)][period]
        let lastDay = max(firstDay, [LocalDate(year: 2025, month: 12, day: 31)!, today.adding(days: -60), today][period])
        var arrived = firstDay.adding(days: r.int(0...(lastDay.dayNumber - firstDay.dayNumber)))
        while try !calendar.isWorkingDay(arrived) && channel != .email && channel != .online { arrived = arrived.adding(days: 1) }
        if arrived > today { arrived = today }
        var received = arrived
        var note: String?
        if !channel.receiptIsArrival, r.chance(0.3) {
            received = min(today, try calendar.workingDay(r.int(1...2), after: arrived))
            note = channel == .ordinaryLetter ? "平信到达后电话联系申请人确认" : "与申请人核实身份后确认收到"
        }
        let topic = r.pick(DemoTexts.topics)
        let subject = DemoTexts.fill(r.pick(topic.subjects), year: received.year, &r)
        let name = DemoTexts.applicantName(kind, &r)
        let applicant = Applicant(
            id: applicantID, kind: kind, name: name, idType: kind == .naturalPerson ? "身份证" : "统一社会信用代码",
            idNumber: kind == .naturalPerson ? DemoTexts.identityNumber(&r) : "91370103MA" + String(r.int(1_000_000...9_999_999)) + "X",
            phone: DemoTexts.phone(&r), email: channel == .email || r.chance(0.2) ? "user\(r.int(1000...99999))@example.cn" : nil,
            address: DemoTexts.address(&r))
        let who = kind == .naturalPerson ? "本人" : "我单位"
        let description = "\(who)因\(topic.reason)，依据《中华人民共和国政府信息公开条例》第二十七条、第二十九条的规定，\(subject)。" +
            "获取方式：\(r.pick(["纸质文本邮寄", "电子数据发送至电子邮箱", "现场查阅"]))。"

        var b = Builder(calendar: calendar, today: today, cursor: received)
        if let forcedTarget {
            b.target = forcedTarget
        } else if recent {
            b.target = r.weighted([(CaseState.registered, 10), (.inProgress, 25), (.awaitingCorrection, 10), (.consulting, 10),
                                   (.awaitingReasons, 4), (.awaitingFee, 4), (.pendingSignoff, 12), (.toIssue, 4), (.replied, 21)])
        }
        let registration = Registration(
            agencyID: agency.id, officerID: officer.userID, applicantID: applicantID, applicantKind: kind, channel: channel,
            arrivedOn: arrived, receivedOn: received, receiptNote: note, subject: subject, description: description,
            formWanted: r.pick(ProvisionForm.allCases), deliveryWanted: r.pick(DeliveryMethod.allCases))
        try b.add(.register(registration), on: received, by: officer)
        do {
            try history(&b, &r, officer: officer, supervisor: supervisor, target: b.target, disposition: forcedDisposition)
        } catch LifecycleError.calendar, is WorkCalendar.Failure {
            // The history reaches a year whose holiday notice is not known yet: it stops there,
            // as it would in the office.
        }
        return GeneratedCase(applicant: applicant, description: description, events: b.events, snapshot: b.snapshot!)
    }

    private func history(_ b: inout Builder, _ r: inout DemoRandom, officer: Actor, supervisor: Actor, target: CaseState?,
                         disposition: Disposition?) throws {
        var d = disposition ?? r.weighted(Self.dispositions)
        if target == .pendingSignoff || target == .toIssue, !d.requiresSignOff { d = .unavailableNotHeld }
        if target != nil, d.group == .other { d = .disclose }
        let busy = target == nil ? 1.0 : 2.0
        if d == .unavailableStillUnclear || d == .otherCorrectionLapsed || target == .awaitingCorrection || r.chance(0.08 * busy) {
            try b.add(.requestCorrection(CorrectionRequest(items: r.pick([
                ["请明确所需信息的名称、文号或者其他特征性描述"], ["请提供申请人身份证明复印件", "请明确获取信息的方式"],
                ["请将申请内容具体到某一项目或某一年度"]]))), on: try b.after(r.int(1...6)), by: officer)
            if d == .otherCorrectionLapsed {
                try b.add(.correctionLapsed(Note("申请人逾期未补正")), on: (b.snapshot?.correction?.dueOn ?? b.cursor).adding(days: r.int(1...5)), by: officer)
                return
            }
            try b.add(.correctionReceived(Note("收到补正后的申请")), on: try b.after(r.int(2...12)), by: officer)
        }
        if d == .notProcessedExcessive || target == .awaitingReasons {
            try b.add(.requestReasons(Note("申请人一个月内提交同类申请\(r.int(20...80))件")), on: try b.after(r.int(1...4)), by: officer)
        }
        if d == .otherFeeLapsed || target == .awaitingFee || r.chance(0.02 * busy), b.state != .awaitingReasons {
            try b.add(.issueFeeNotice(FeeNotice(method: .perApplication, ordinalInMonth: r.int(11...45))), on: try b.after(r.int(1...5)), by: officer)
            if d == .otherFeeLapsed {
                try b.add(.feeLapsed(Note()), on: (b.snapshot?.fee?.dueOn ?? b.cursor).adding(days: r.int(1...4)), by: officer)
                return
            }
            try b.add(.feePaid(FeePayment(amount: b.snapshot?.fee?.amount ?? 0)), on: try b.after(r.int(2...12)), by: officer)
        }
        if d == .withholdThirdParty || (d == .partial && r.chance(0.5)) || target == .consulting || r.chance(0.05 * busy), b.state != .awaitingReasons {
            try b.add(.startConsultation(ConsultationRequest(party: r.chance(0.8) ? .thirdParty : .coProducer,
                                                             name: "济南\(r.pick(DemoTexts.companies))\(r.pick(DemoTexts.industries))有限公司",
                                                             matter: "拟公开信息是否涉及商业秘密或个人隐私")), on: try b.after(r.int(1...5)), by: officer)
            if r.chance(0.15), let due = b.snapshot?.consultations.last?.dueOn {
                try b.add(.consultationLapsed(ItemReference()), on: due.adding(days: r.int(1...3)), by: officer)
            } else {
                try b.add(.consultationAnswered(ConsultationAnswer(outcome: d == .withholdThirdParty ? .objection : r.pick(ConsultationOutcome.allCases),
                                                                   summary: "第三方书面回复")), on: try b.after(r.int(3...14)), by: officer)
            }
        }
        if r.chance(0.1 * busy) || target == .inProgress, b.state != .awaitingReasons {
            try b.add(.assist(AssistRequest(department: r.pick(["区档案馆", "区财政局", "区自然资源分局", "街道办事处", "区城建档案室"]),
                                            request: "协助查找与申请内容相关的原始档案")), on: try b.after(r.int(1...4)), by: officer)
            try b.add(.assistReturned(ItemReference(note: "已反馈")), on: try b.after(r.int(2...6)), by: officer)
        }
        if d == .otherOther {
            try b.add(.withdraw(Note("申请人书面撤回申请")), on: try b.after(r.int(1...8)), by: officer)
            return
        }
        if r.chance(0.07), b.state != .awaitingReasons, let due = b.snapshot?.clock.due {
            let ask = max(b.cursor, try calendar.workingDay(max(0, (b.snapshot.map { max(0, $0.clock.allowance - $0.clock.used) } ?? 5) - r.int(2...5)), after: b.cursor))
            try b.add(.requestExtension(ExtensionRequest(workingDays: r.pick([10, 15, 20]), reason: "申请内容涉及档案较多，需要调取核实")), on: min(ask, due), by: officer)
            try b.add(.approveExtension(Note("同意延期")), on: try b.after(1), by: supervisor)
        }
        if b.state == .awaitingReasons, d != .notProcessedExcessive {
            try b.add(.approveDelay(DelayApproval(until: try b.after(30), reason: "申请数量较大，延迟答复")), on: try b.after(r.int(2...6)), by: supervisor)
        }
        if b.state == .consulting || b.state == .awaitingFee || b.state == .awaitingCorrection { return }
        // The reply: mostly within the period, a few late.
        let remaining = b.snapshot.map { max(0, $0.clock.allowance - $0.clock.used) } ?? 20
        var replyOn = try b.after(r.int(1...max(1, remaining - 1)))
        if let delayed = b.snapshot?.clock.delayedUntil { replyOn = min(replyOn, delayed) }
        if r.chance(0.03) { replyOn = try calendar.workingDay(r.int(1...6), after: b.snapshot?.clock.due ?? replyOn) }
        let draft = ReplyDraft(
            disposition: d,
            legalBasis: d.chineseBasis,
            reasons: d == .disclose ? nil : r.pick(["经检索，", "经审查，", "经调查，"])
                + (d == .partial ? "部分内容涉及第三方个人信息，依法作区分处理" : String(d.label.drop { $0.isNumber || $0 == "." })),
            provision: d == .disclose || d == .partial ? r.pick(ProvisionForm.allCases) : nil)
        if d.requiresSignOff {
            try b.add(.submitForSignoff(draft), on: max(b.cursor, replyOn.adding(days: -3)), by: officer)
            if r.chance(0.08) {
                try b.add(.returnForRevision(Note("请补充理由和依据")), on: try b.after(1), by: supervisor)
                try b.add(.submitForSignoff(draft), on: try b.after(1), by: officer)
            }
            try b.add(.signOff(Note("同意")), on: max(b.cursor, replyOn.adding(days: -1)), by: supervisor)
        }
        try b.add(.reply(draft), on: replyOn, by: officer)
        let method: DeliveryMethod = r.pick(DeliveryMethod.allCases)
        try b.add(.recordDelivery(DeliveryRecord(method: method, reference: method == .post ? "EMS\(r.int(100_000_000...999_999_999))" : nil)),
                  on: b.cursor.adding(days: r.int(0...3)), by: officer)
        if d.refuses || d.group == .unavailable, r.chance(0.06) {
            let reference = "济市中复〔\(b.cursor.year)〕\(r.int(1...300))号"
            let body = directory.agencies.first { $0.id == b.snapshot?.agencyID }?.reconsiderationBody ?? "济南市市中区人民政府"
            let filed = b.cursor.adding(days: r.int(10...55))
            try b.add(.recordReview(ReviewRecord(reference: reference, body: body, filedOn: filed, result: .pending)), on: filed.adding(days: r.int(0...5)), by: officer)
            let result = r.weighted([(ReviewResult.upheld, 6), (.corrected, 2), (.other, 1)])
            try b.add(.recordReview(ReviewRecord(reference: reference, body: body, filedOn: filed, result: result)), on: b.cursor.adding(days: r.int(40...70)), by: officer)
            if result == .upheld, r.chance(0.3) {
                let court = "（\(b.cursor.year)）鲁0103行初\(r.int(1...400))号"
                let sued = b.cursor.adding(days: r.int(5...14))
                try b.add(.recordLitigation(LitigationRecord(reference: court, court: "济南市市中区人民法院", filedOn: sued, afterReview: true, result: .pending)), on: sued, by: officer)
                try b.add(.recordLitigation(LitigationRecord(reference: court, court: "济南市市中区人民法院", filedOn: sued, afterReview: true,
                                                             result: r.weighted([(ReviewResult.upheld, 5), (.corrected, 1), (.other, 1)]))),
                          on: sued.adding(days: r.int(60...150)), by: officer)
            }
        }
        if b.cursor.adding(days: 60) < today, r.chance(0.9) {
            try b.add(.archive(Note("结案归档")), on: b.cursor.adding(days: r.int(5...40)), by: officer)
        }
    }
}
