import DisclosureCore
import LifecycleTestSupport
import Foundation
import Testing

@Suite struct LifecycleTests {
    let f = LifecycleFixtures()

    /// The rulebook (domain.md §3) restated as the state each allowed event leads to, written
    /// out by hand; every pair not listed must be refused.
    static let expected: [CaseState: [EventKind: CaseState]] = {
        let anywhere: [EventKind: CaseState] = [:]
        func open(_ s: CaseState) -> [EventKind: CaseState] {
            [.withdraw: .closed, .assistReturned: s, .recordCommunication: s, .correctEntry: s, .flagComplex: s, .recomputeDeadlines: s]
        }
        func clockAlive(_ s: CaseState) -> [EventKind: CaseState] {
            let working = s == .registered ? CaseState.inProgress : s
            return [.assist: working, .requestExtension: working, .approveExtension: working, .rejectExtension: working]
        }
        let startWork: [EventKind: CaseState] = [
            .requestCorrection: .awaitingCorrection, .startConsultation: .consulting, .transfer: .registered,
            .requestReasons: .awaitingReasons, .issueFeeNotice: .awaitingFee, .submitForSignoff: .pendingSignoff, .reply: .replied,
        ]
        let finished: (CaseState) -> [EventKind: CaseState] = { s in
            [.recordDelivery: s, .recordReview: s, .recordLitigation: s, .reopen: .inProgress, .recordCommunication: s, .correctEntry: s,
             .recomputeDeadlines: s]
        }
        func merge(_ parts: [EventKind: CaseState]...) -> [EventKind: CaseState] {
            parts.reduce(anywhere) { $0.merging($1) { a, _ in a } }
        }
        return [
            .registered: merge(startWork, clockAlive(.registered), open(.registered)),
            .inProgress: merge(startWork, clockAlive(.inProgress), open(.inProgress)),
            .awaitingCorrection: merge([.correctionReceived: .inProgress, .correctionLapsed: .closed], open(.awaitingCorrection)),
            .consulting: merge([.startConsultation: .consulting, .consultationAnswered: .inProgress, .consultationLapsed: .inProgress],
                               clockAlive(.consulting), open(.consulting)),
            .awaitingReasons: merge([.approveDelay: .inProgress, .submitForSignoff: .pendingSignoff], clockAlive(.awaitingReasons), open(.awaitingReasons)),
            .awaitingFee: merge([.feePaid: .inProgress, .feeLapsed: .closed], clockAlive(.awaitingFee), open(.awaitingFee)),
            .pendingSignoff: merge([.signOff: .toIssue, .returnForRevision: .inProgress], clockAlive(.pendingSignoff), open(.pendingSignoff)),
            .toIssue: merge([.returnForRevision: .inProgress, .reply: .replied], clockAlive(.toIssue), open(.toIssue)),
            .replied: merge([.archive: .closed], finished(.replied)),
            .closed: finished(.closed),
        ]
    }()

    static let pairs: [(CaseState, EventKind)] = CaseState.allCases.flatMap { s in EventKind.allCases.map { (s, $0) } }

    @Test(arguments: pairs)
    func everyStateAndEvent(state: CaseState, kind: EventKind) throws {
        let (snapshot, _) = try f.build(f.path(to: state))
        #expect(snapshot.state == state)
        let events = try f.scenario(kind, for: snapshot)
        // Prerequisites (a pending request before its approval) where the state allows them.
        let before = (try? f.apply(Array(events.dropLast()), to: snapshot)) ?? snapshot
        if let target = Self.expected[state]![kind] {
            let after = try Lifecycle.apply(events.last!, to: before, calendar: f.calendar)
            #expect(after.state == target, "\(kind.rawValue) in \(state.rawValue)")
            #expect(after.version == before.version + 1)
            #expect(after.lastEventOn == events.last!.on)
        } else {
            let error = #expect(throws: LifecycleError.self) { try Lifecycle.apply(events.last!, to: before, calendar: f.calendar) }
            let allowed = Lifecycle.allowedEvents(in: before.state)
            #expect(error == .notAllowed(kind, in: before.state, allowed: allowed))
            #expect(Set(allowed) == Set(Self.expected[before.state]!.keys))
        }
    }

    @Test func theTableAndTheRulebookAgree() {
        for state in CaseState.allCases {
            #expect(Set(Lifecycle.allowedEvents(in: state)) == Set(Self.expected[state]!.keys), "\(state.rawValue)")
        }
    }

    @Test func onlyRegisterCreatesACase() throws {
        let event = f.event(.withdraw(Note()), on: f.d("2024-09-02"))
        #expect(throws: LifecycleError.notAllowed(.withdraw, in: nil, allowed: [.register])) {
            try Lifecycle.apply(event, to: nil, calendar: f.calendar)
        }
    }

    /// domain.md §5's worked example, through the events rather than the clock.
    @Test func theWorkedExampleGivesTheTwentyThirdOfOctober() throws {
        let (registered, _) = try f.build([.register(f.registration)])
        #expect(registered.clock.due == f.d("2024-09-30"))
        #expect(registered.correctionNoticeDue == f.d("2024-09-11"))
        var c = try Lifecycle.apply(f.event(.startConsultation(ConsultationRequest(party: .thirdParty, name: "某公司", matter: "商业秘密")), on: f.d("2024-09-09")), to: registered, calendar: f.calendar)
        #expect(c.clock.due == nil)
        #expect(c.openDeadlines.map(\.kind) == [.consultationAnswer])
        c = try Lifecycle.apply(f.event(.consultationAnswered(ConsultationAnswer(outcome: .consent)), on: f.d("2024-09-27")), to: c, calendar: f.calendar)
        #expect(c.state == .inProgress)
        #expect(c.clock.due == f.d("2024-10-23"))
        #expect(c.clock.segments.map(\.workingDays) == [5, 0, 0])
    }

    @Test func aCorrectedApplicationRestartsTheFullPeriod() throws {
        let (start, _) = try f.build([.register(f.registration)])
        var c = try Lifecycle.apply(f.event(.requestCorrection(CorrectionRequest(items: ["请明确文号"])), on: f.d("2024-09-05")), to: start, calendar: f.calendar)
        #expect(c.state == .awaitingCorrection)
        #expect(c.correction?.late == false)
        // 15 working days after 2024-09-05: the Mid-Autumn holiday (09-15…17) and the make-up Saturday 09-14 in between.
        #expect(c.correction?.dueOn == f.d("2024-09-27"))
        c = try Lifecycle.apply(f.event(.correctionReceived(Note()), on: f.d("2024-09-20")), to: c, calendar: f.calendar)
        // 20 working days after Friday 2024-09-20, across National Day: 09-29 and 10-12 are make-up working days.
        #expect(c.clock.due == f.d("2024-10-23"))
        #expect(c.clock.used == 0)
    }

    /// Art. 30: an extension approved before the correction belonged to the old period; the
    /// corrected application starts a full 20 working days, and a new extension may be asked for.
    @Test func aCorrectionLetsAnEarlierExtensionLapse() throws {
        var c = try f.build([.register(f.registration)]).0
        func at(_ date: String, _ payload: EventPayload) throws { c = try Lifecycle.apply(f.event(payload, on: f.d(date)), to: c, calendar: f.calendar) }
        try at("2024-09-03", .requestExtension(ExtensionRequest(workingDays: 20, reason: "档案量大")))
        try at("2024-09-04", .approveExtension(Note()))
        #expect(c.clock.allowance == 40)
        try at("2024-09-05", .requestCorrection(CorrectionRequest(items: ["请明确文号"])))
        try at("2024-09-20", .correctionReceived(Note()))
        #expect(c.clock.allowance == 20)
        #expect(c.clock.due == f.d("2024-10-23"))
        #expect(c.extensionRequest == nil)
        #expect(c.clock.segments.last?.reason.contains("延期不再适用") == true)
        #expect(Lifecycle.offeredEvents(for: c, role: .officer).contains(.requestExtension))
        try at("2024-09-23", .requestExtension(ExtensionRequest(workingDays: 10, reason: "需要征求意见")))
        try at("2024-09-24", .approveExtension(Note()))
        #expect(c.clock.allowance == 30)
    }

    /// The reply and a withdrawal end the clock on their day; reopening starts a new period.
    @Test func theReplyAndTheClosingEndTheClock() throws {
        let (replied, _) = try f.build(f.path(to: .replied))
        #expect(replied.clock.endedOn == replied.repliedOn)
        #expect(replied.clock.segments.allSatisfy { $0.through != nil })
        let (withdrawn, _) = try f.build(f.path(to: .closed))
        #expect(withdrawn.clock.endedOn == withdrawn.closedOn)
        let reopened = try Lifecycle.apply(f.event(.reopen(Note("复议决定责令重新答复")), on: replied.lastEventOn.adding(days: 1)), to: replied, calendar: f.calendar)
        #expect(reopened.clock.endedOn == nil && reopened.clock.segments.last?.through == nil && reopened.clock.allowance == 20)
    }

    /// A history recorded under one calendar replays under another (a notice imported since):
    /// a lapse recorded after the old period ended stands, with a warning, even where the new
    /// calendar's period runs longer. Recorded now, the same entry is refused.
    @Test func aHistoryReplaysUnderAChangedCalendar() throws {
        var r = f.registration
        r.arrivedOn = f.d("2026-12-14"); r.receivedOn = r.arrivedOn
        let events = [
            f.event(.register(r), on: f.d("2026-12-14")),
            f.event(.requestCorrection(CorrectionRequest(items: ["请明确文号"], periodWorkingDays: 15)), on: f.d("2026-12-15")),
        ]
        let before = try Lifecycle.replay(events, calendar: f.calendar)
        // Provisional 2027: 15 working days after 12-15 → 2027-01-06 (元旦 off).
        #expect(before.correction?.dueOn == f.d("2027-01-06"))
        let lapse = f.event(.correctionLapsed(Note()), on: f.d("2027-01-07"))
        _ = try Lifecycle.apply(lapse, to: before, calendar: f.calendar)
        // The 2027 notice, as imported later, makes 01-04…01-08 a holiday.
        var notice = StatutoryHolidays.provisionalYear(2027)
        notice.notice = "测试通知"
        notice.holidays.append(.init(name: "元旦延长", first: f.d("2027-01-04"), last: f.d("2027-01-08")))
        var imported = f.calendar
        try imported.add(notice)
        let replayed = try Lifecycle.replay(events + [lapse], calendar: imported)
        #expect(replayed.state == .closed)
        #expect(replayed.correction?.dueOn == f.d("2027-01-13"))
        #expect(replayed.warnings.contains { $0.message.contains("按现行工作日历") && $0.message.contains("2027年1月13日") })
        #expect(throws: LifecycleError.self) { try Lifecycle.apply(lapse, to: try Lifecycle.replay(events, calendar: imported), calendar: imported) }
    }

    /// 期限重新计算 is the system's entry, recorded in an administrator's name; it must say what moved.
    @Test func aRecomputationIsRecordedByAnAdministratorAndNamesItsChanges() throws {
        let (c, _) = try f.build([.register(f.registration)])
        let change = DeadlineRecomputation(year: 2024, notice: "通知", changes: [.init(kind: .reply, from: f.d("2024-09-30"), to: f.d("2024-10-08"))])
        let on = c.lastEventOn.adding(days: 1)
        #expect(throws: LifecycleError.forbidden(.recomputeDeadlines, needs: .administrator)) {
            try Lifecycle.apply(CaseEvent(.recomputeDeadlines(change), on: on, by: f.officer), to: c, calendar: f.calendar)
        }
        let after = try Lifecycle.apply(CaseEvent(.recomputeDeadlines(change), on: on, by: f.administrator), to: c, calendar: f.calendar)
        #expect(after.version == c.version + 1 && after.clock == c.clock && after.state == c.state)
        var empty = change
        empty.changes = []
        #expect(throws: LifecycleError.self) { try Lifecycle.apply(CaseEvent(.recomputeDeadlines(empty), on: on, by: f.administrator), to: c, calendar: f.calendar) }
        #expect(!Lifecycle.offeredEvents(for: c, role: .administrator).contains(.recomputeDeadlines))
        #expect(EventKind.recomputeDeadlines.isRecordedBySystem && !EventKind.reply.isRecordedBySystem)
    }

    @Test func aLateCorrectionNoticeIsAllowedButFlagged() throws {
        let (start, _) = try f.build([.register(f.registration)])
        let c = try Lifecycle.apply(f.event(.requestCorrection(CorrectionRequest(items: ["请明确文号"])), on: f.d("2024-09-12")), to: start, calendar: f.calendar)
        #expect(c.correction?.late == true)
        #expect(c.warnings.count == 1)
        #expect(c.warnings[0].sequence == 2)
    }

    @Test func onlyOneCorrectionNotice() throws {
        let (corrected, _) = try f.build([.register(f.registration), .requestCorrection(CorrectionRequest(items: ["文号"])), .correctionReceived(Note())])
        let again = f.event(.requestCorrection(CorrectionRequest(items: ["名称"])), on: corrected.lastEventOn.adding(days: 1))
        #expect(throws: LifecycleError.self) { try Lifecycle.apply(again, to: corrected, calendar: f.calendar) }
    }

    @Test func twoStoppedPeriodsAndAnExtensionOnTop() throws {
        // Receipt 2025-03-03 (Mon). Consultation 03-05…03-14 (2 days used), fee notice 03-19…03-24 (3 more), extension of 20.
        var reg = f.registration
        reg.arrivedOn = f.d("2025-03-03"); reg.receivedOn = f.d("2025-03-03")
        var c = try Lifecycle.apply(f.event(.register(reg), on: f.d("2025-03-03")), to: nil, calendar: f.calendar)
        func at(_ date: String, _ payload: EventPayload) throws { c = try Lifecycle.apply(f.event(payload, on: f.d(date)), to: c, calendar: f.calendar) }
        try at("2025-03-05", .startConsultation(ConsultationRequest(party: .thirdParty, name: "甲公司", matter: "商业秘密")))
        try at("2025-03-14", .consultationAnswered(ConsultationAnswer(outcome: .consent)))
        try at("2025-03-19", .issueFeeNotice(FeeNotice(method: .perPage, pages: 45)))
        #expect(c.fee?.amount == 150)
        try at("2025-03-24", .feePaid(FeePayment(amount: 150)))
        #expect(c.clock.used == 5)
        // 15 remaining after Monday 03-24: 04-04 is Qingming (holiday 04-04…06) → 04-15.
        #expect(c.clock.due == f.d("2025-04-15"))
        try at("2025-04-01", .requestExtension(ExtensionRequest(workingDays: 20, reason: "档案量大")))
        try at("2025-04-02", .approveExtension(Note()))
        // 20 more working days after 04-15, past Labour Day (05-01…05, make-up Sunday 04-27).
        #expect(c.clock.due == f.d("2025-05-15"))
        #expect(c.clock.segments.map(\.kind) == [.running, .stopped, .running, .stopped, .running])
    }

    @Test func anExtensionNeedsASupervisor() throws {
        let (c, _) = try f.build([.register(f.registration), .requestExtension(ExtensionRequest(workingDays: 10, reason: "需协调"))])
        let byOfficer = CaseEvent(.approveExtension(Note()), on: c.lastEventOn.adding(days: 1), by: f.officer)
        #expect(throws: LifecycleError.forbidden(.approveExtension, needs: .supervisor)) {
            try Lifecycle.apply(byOfficer, to: c, calendar: f.calendar)
        }
    }

    @Test func onlyOneExtension() throws {
        let (c, _) = try f.build([.register(f.registration), .requestExtension(ExtensionRequest(workingDays: 10, reason: "需协调")), .approveExtension(Note())])
        let again = f.event(.requestExtension(ExtensionRequest(workingDays: 5, reason: "仍需时间")), on: c.lastEventOn.adding(days: 1))
        #expect(throws: LifecycleError.self) { try Lifecycle.apply(again, to: c, calendar: f.calendar) }
    }

    @Test func aRefusalNeedsBasisAndReasons() throws {
        let (c, _) = try f.build([.register(f.registration)])
        let bare = f.event(.submitForSignoff(ReplyDraft(disposition: .withholdThirdParty)), on: c.lastEventOn.adding(days: 1))
        let error = #expect(throws: LifecycleError.self) { try Lifecycle.apply(bare, to: c, calendar: f.calendar) }
        guard case .invalid(let problems) = error else { Issue.record("expected field problems, got \(String(describing: error))"); return }
        #expect(Set(problems.map(\.field)) == ["legalBasis", "reasons"])
    }

    @Test func aReplyThatNeedsSignOffCannotSkipIt() throws {
        let (c, _) = try f.build([.register(f.registration)])
        let direct = f.event(.reply(f.partialDraft), on: c.lastEventOn.adding(days: 1))
        #expect(throws: LifecycleError.self) { try Lifecycle.apply(direct, to: c, calendar: f.calendar) }
        let (pending, _) = try f.build([.register(f.registration), .submitForSignoff(f.partialDraft)])
        let unsigned = f.event(.reply(f.partialDraft), on: pending.lastEventOn.adding(days: 1))
        #expect(throws: LifecycleError.self) { try Lifecycle.apply(unsigned, to: pending, calendar: f.calendar) }
    }

    @Test func aLateReplyIsFlagged() throws {
        let (c, _) = try f.build([.register(f.registration)])
        let late = try Lifecycle.apply(f.event(.reply(f.discloseDraft), on: f.d("2024-10-08")), to: c, calendar: f.calendar)
        #expect(late.repliedLate)
        let onTime = try Lifecycle.apply(f.event(.reply(f.discloseDraft), on: f.d("2024-09-30")), to: c, calendar: f.calendar)
        #expect(!onTime.repliedLate)
        #expect(onTime.disposedOn == f.d("2024-09-30"))
    }

    @Test func lapsesCloseWithTheirDisposition() throws {
        let (waiting, _) = try f.build(f.path(to: .awaitingFee))
        let early = f.event(.feeLapsed(Note()), on: waiting.fee!.dueOn)
        #expect(throws: LifecycleError.self) { try Lifecycle.apply(early, to: waiting, calendar: f.calendar) }
        let lapsed = try Lifecycle.apply(f.event(.feeLapsed(Note()), on: waiting.fee!.dueOn.adding(days: 1)), to: waiting, calendar: f.calendar)
        #expect(lapsed.disposition == .otherFeeLapsed)
        #expect(lapsed.state == .closed)
    }

    @Test func theSecondOfTwoConsultationsRestartsTheClock() throws {
        let (one, _) = try f.build(f.path(to: .consulting))
        var c = try f.apply(f.scenario(.startConsultation, for: one), to: one)
        #expect(c.consultations.count == 2)
        c = try Lifecycle.apply(f.event(.consultationAnswered(ConsultationAnswer(number: 1, outcome: .consent)), on: c.lastEventOn.adding(days: 1)), to: c, calendar: f.calendar)
        #expect(c.state == .consulting)
        #expect(c.clock.isStopped)
        c = try Lifecycle.apply(f.event(.consultationAnswered(ConsultationAnswer(outcome: .consent)), on: c.lastEventOn.adding(days: 1)), to: c, calendar: f.calendar)
        #expect(c.state == .inProgress)
        #expect(!c.clock.isStopped)
    }

    @Test func datesGoForward() throws {
        let (c, _) = try f.build([.register(f.registration), .assist(AssistRequest(department: "档案馆", request: "查档"))])
        let back = f.event(.recordCommunication(Communication(method: .phone, summary: "电话")), on: f.d("2024-09-02"))
        #expect(throws: LifecycleError.self) { try Lifecycle.apply(back, to: c, calendar: f.calendar) }
    }

    @Test func receiptDateFollowsTheChannel() throws {
        var reg = f.registration
        reg.channel = .inPerson
        reg.receivedOn = f.d("2024-09-03")
        #expect(throws: LifecycleError.self) { try Lifecycle.apply(f.event(.register(reg), on: f.d("2024-09-03")), to: nil, calendar: f.calendar) }
        reg.channel = .ordinaryLetter
        #expect(throws: LifecycleError.self) { try Lifecycle.apply(f.event(.register(reg), on: f.d("2024-09-03")), to: nil, calendar: f.calendar) }
        reg.receiptNote = "9月3日电话联系申请人确认"
        let c = try Lifecycle.apply(f.event(.register(reg), on: f.d("2024-09-03")), to: nil, calendar: f.calendar)
        #expect(c.clock.due == f.d("2024-10-08"))
    }

    /// domain.md §5: no refusal for lack of a notice; 2027 is counted provisionally.
    @Test func aYearWithoutANoticeIsCountedProvisionally() throws {
        var reg = f.registration
        reg.arrivedOn = f.d("2026-12-20"); reg.receivedOn = f.d("2026-12-20")
        let c = try Lifecycle.apply(f.event(.register(reg), on: f.d("2026-12-20")), to: nil, calendar: f.calendar)
        #expect(c.clock.due == f.d("2027-01-18"))
        #expect(c.deadlines(calendar: f.calendar).first { $0.kind == .reply }?.provisional?.years == [2027])
        // The correction notice's 7th working day, 12-29, waits on 2027's notice too.
        #expect(c.deadlines(calendar: f.calendar).first { $0.kind == .correctionNotice }?.provisional?.years == [2027])
    }

    /// 三员分立: the system administrator, the security administrator and the auditor record
    /// no case event, in any state, and are offered none; officers and supervisors still do.
    @Test(arguments: [Role.administrator, .securityAdministrator, .auditor])
    func theAdministrativeRolesWorkNoCases(role: Role) throws {
        let register = CaseEvent(.register(f.registration), on: f.d("2024-09-02"), by: Actor(userID: 1, role: role))
        #expect(throws: LifecycleError.self) { try Lifecycle.apply(register, to: nil, calendar: f.calendar) }
        for state in CaseState.allCases {
            let (snapshot, _) = try f.build(f.path(to: state))
            #expect(Lifecycle.offeredEvents(for: snapshot, role: role).isEmpty)
            for kind in Lifecycle.allowedEvents(in: state) where kind != .recomputeDeadlines {
                for event in try f.scenario(kind, for: snapshot).prefix(1) {
                    let theirs = CaseEvent(event.payload, on: event.on, by: Actor(userID: 1, role: role))
                    #expect(throws: LifecycleError.self, "\(role) recorded \(kind) in \(state)") { try Lifecycle.apply(theirs, to: snapshot, calendar: f.calendar) }
                }
            }
        }
        #expect(Role.officer.worksCases && Role.supervisor.worksCases)
    }

    /// An administrator's entry from before the roles were separated still replays.
    @Test func anAdministratorsOldEntryStillReplays() throws {
        let (_, history) = try f.build([.register(f.registration)])
        let old = CaseEvent(.flagComplex(Note("涉及多个部门")), on: f.d("2024-09-03"), by: f.administrator)
        #expect(try Lifecycle.replay(history + [old], calendar: f.calendar).complex != nil)
    }

    @Test func eventsSurviveJSON() throws {
        for state in CaseState.allCases {
            let (snapshot, history) = try f.build(f.path(to: state))
            for kind in Lifecycle.allowedEvents(in: state) {
                let events = history + (try f.scenario(kind, for: snapshot))
                let data = try JSONEncoder().encode(events)
                #expect(try JSONDecoder().decode([CaseEvent].self, from: data) == events)
                let replayed = try Lifecycle.replay(events, calendar: f.calendar)
                #expect(try JSONDecoder().decode(CaseSnapshot.self, from: JSONEncoder().encode(replayed)) == replayed)
            }
        }
    }

    @Test func theDiagramHasEveryStateAndEvent() {
        let diagram = Lifecycle.mermaid()
        #expect(diagram.hasPrefix("stateDiagram-v2\n"))
        for state in CaseState.allCases { #expect(diagram.contains(state.rawValue)) }
        for kind in EventKind.allCases { #expect(diagram.contains(kind.rawValue), "\(kind.rawValue)") }
        #expect(diagram.contains("awaiting_correction --> in_progress : correction_received"))
    }
}
