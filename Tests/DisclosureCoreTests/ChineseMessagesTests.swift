import DisclosureCore
import Foundation
import LifecycleTestSupport
import Testing

/// The web UI shows every refusal and field problem in Simplified Chinese: each one must have
/// Chinese text, and no English sentence may leak into it.
@Suite struct ChineseMessagesTests {
    let f = LifecycleFixtures()

    /// Chinese text: not empty, at least one CJK character, no English sentence.
    static func checkChinese(_ text: String, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.isEmpty, "\(context): empty", sourceLocation: sourceLocation)
        #expect(text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(context): no Chinese in \(text)", sourceLocation: sourceLocation)
        for english in [" the ", " is not ", " must ", " cannot ", "Give ", "Say "] {
            #expect(!text.contains(english), "\(context): English \"\(english)\" in \(text)", sourceLocation: sourceLocation)
        }
        #expect(text.firstMatch(of: /[A-Za-z]{2,} [A-Za-z]{2,}/) == nil, "\(context): English words in \(text)", sourceLocation: sourceLocation)
    }

    static func checkChinese(_ error: LifecycleError, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        checkChinese(error.chineseDescription, context, sourceLocation: sourceLocation)
        #expect(error.chineseDescription != error.description, "\(context)", sourceLocation: sourceLocation)
        if case .invalid(let problems) = error {
            #expect(!problems.isEmpty, "\(context)", sourceLocation: sourceLocation)
            for problem in problems { checkChinese(problem, context, sourceLocation: sourceLocation) }
        }
    }

    static func checkChinese(_ problem: FieldProblem, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        checkChinese(problem.chinese, "\(context) [\(problem.field)]", sourceLocation: sourceLocation)
        #expect(problem.chinese.hasSuffix("。"), "\(context) [\(problem.field)]: \(problem.chinese)", sourceLocation: sourceLocation)
        #expect(!problem.message.isEmpty && problem.message != problem.chinese, "\(context) [\(problem.field)]", sourceLocation: sourceLocation)
    }

    /// Applies `payload` on `on` (default: the day after the case's latest entry) and returns the refusal.
    func refusal(_ payload: EventPayload, to c: CaseSnapshot?, on: LocalDate? = nil, calendar: WorkCalendar? = nil) -> LifecycleError? {
        let day = on ?? c.map { $0.lastEventOn.adding(days: 1) } ?? f.d("2024-09-02")
        return Lifecycle.refusal(of: f.event(payload, on: day), to: c, calendar: calendar ?? f.calendar)
    }

    func invalidFields(_ error: LifecycleError?) -> Set<String> {
        guard case .invalid(let problems)? = error else { return [] }
        return Set(problems.map(\.field))
    }

    // MARK: Every state and event

    /// Walks every (state, event) pair as `LifecycleTests.everyStateAndEvent` does and collects
    /// every refusal: the pair itself when the rulebook forbids it, the event by the wrong role,
    /// and the event dated before the case's latest entry.
    @Test func everyRefusalOfEveryStateAndEventIsInChinese() throws {
        var refusals: [(String, LifecycleError)] = []
        for state in CaseState.allCases {
            let (snapshot, _) = try f.build(f.path(to: state))
            for kind in EventKind.allCases {
                let context = "\(kind.rawValue) in \(state.rawValue)"
                let events = try f.scenario(kind, for: snapshot)
                let before = (try? f.apply(Array(events.dropLast()), to: snapshot)) ?? snapshot
                let event = events.last!
                if let error = Lifecycle.refusal(of: event, to: before, calendar: f.calendar) {
                    refusals.append((context, error))
                }
                var byAuditor = event
                byAuditor.actor = Actor(userID: 11, role: .auditor)
                refusals.append(("\(context) by an auditor", try #require(Lifecycle.refusal(of: byAuditor, to: before, calendar: f.calendar))))
                if event.actor.role == .supervisor {
                    var byOfficer = event
                    byOfficer.actor = f.officer
                    refusals.append(("\(context) by an officer", try #require(Lifecycle.refusal(of: byOfficer, to: before, calendar: f.calendar))))
                }
                var early = event
                early.on = before.lastEventOn.adding(days: -1)
                refusals.append(("\(context) back-dated", try #require(Lifecycle.refusal(of: early, to: before, calendar: f.calendar))))
            }
        }
        for kind in EventKind.allCases where kind != .register {
            let events = try f.scenario(kind, for: try f.build(f.path(to: .inProgress)).0)
            refusals.append(("\(kind.rawValue) before registration", try #require(Lifecycle.refusal(of: events.last!, to: nil, calendar: f.calendar))))
        }

        var seen = Set<String>()
        for (context, error) in refusals {
            Self.checkChinese(error, context)
            switch error {
            case .notAllowed: seen.insert("notAllowed")
            case .forbidden: seen.insert("forbidden")
            case .invalid: seen.insert("invalid")
            case .staleVersion, .calendar: seen.insert("other")
            }
        }
        #expect(seen == ["notAllowed", "forbidden", "invalid"])
        #expect(refusals.count > 300)
    }

    @Test func aRefusedEventNamesTheStateAndWhatIsAllowedInChinese() {
        let allowed = Lifecycle.allowedEvents(in: .registered)
        let error = LifecycleError.notAllowed(.archive, in: .registered, allowed: allowed)
        #expect(error.chineseDescription == "「归档」不能用于状态为「已登记」的案件；现在可以：" + allowed.map(\.label).joined(separator: "、") + "。")
        #expect(LifecycleError.notAllowed(.withdraw, in: nil, allowed: [.register]).chineseDescription == "「撤回」不能用于尚未登记的案件；现在可以：登记。")
        #expect(LifecycleError.notAllowed(.reply, in: .closed, allowed: []).chineseDescription.contains("现在不能办理任何事项"))
        #expect(LifecycleError.forbidden(.signOff, needs: .supervisor).chineseDescription == "「审签通过」须由审核人办理。")
        Self.checkChinese(LifecycleError.staleVersion(expected: 3, actual: 5), "stale version")
        #expect(LifecycleError.staleVersion(expected: 3, actual: 5).chineseDescription.contains("第5版"))
    }

    // MARK: Bad payloads

    @Test func aBadRegistrationIsExplainedInChinese() {
        var r = f.registration
        r.subject = "  "
        r.description = ""
        r.receivedOn = f.d("2024-08-30")
        let error = refusal(.register(r), to: nil, on: f.d("2024-09-01"))
        #expect(invalidFields(error) == ["subject", "description", "receivedOn", "on"])
        if let error { Self.checkChinese(error, "bad registration") }
        #expect(error?.chineseDescription.contains("收到申请之日（2024年8月30日）不能早于申请到达之日（2024年9月2日）") == true)

        var posted = f.registration
        posted.receivedOn = f.d("2024-09-04")
        var letter = posted
        letter.channel = .ordinaryLetter
        for (name, registration) in [("registered post received later", posted), ("letter without a note", letter)] {
            let error = refusal(.register(registration), to: nil, on: f.d("2024-09-05"))
            #expect(invalidFields(error) == [registration.channel == .ordinaryLetter ? "receiptNote" : "receivedOn"], "\(name)")
            if let error { Self.checkChinese(error, name) }
        }
    }

    @Test func aBadApplicantIsExplainedInChinese() {
        let person = Applicant(kind: .naturalPerson, name: " ", idType: "身份证", idNumber: "110101199003071234", phone: "电话", email: "zhang.example.com")
        #expect(!ChineseIdentityNumber.isValid("110101199003071234"))
        let problems = person.problems()
        #expect(Set(problems.map(\.field)) == ["applicant.name", "applicant.idNumber", "applicant.phone", "applicant.email"])
        #expect(problems.first { $0.field == "applicant.idNumber" }?.chinese.contains("居民身份证号码") == true)
        let company = Applicant(kind: .commercial, name: "", idNumber: "91370100MA3C000000")
        let more = company.problems()
        #expect(Set(more.map(\.field)) == ["applicant.name", "applicant.idType", "applicant.phone"])
        for problem in problems + more { Self.checkChinese(problem, "applicant") }
    }

    @Test func aBadIntakeIsExplainedInChinese() {
        let today = f.d("2024-09-10")
        let both = Intake(applicant: Applicant(kind: .naturalPerson, name: "张三", phone: "13800000000"), applicantID: 3, agencyID: 1,
                          channel: .ordinaryLetter, arrivedOn: f.d("2024-09-12"), subject: "征收补偿方案", description: "2024年征收补偿方案",
                          registeredOn: f.d("2024-09-11"))
        let neither = Intake(agencyID: 1, channel: .online, arrivedOn: today, subject: "征收补偿方案", description: "2024年征收补偿方案")
        let problems = both.problems(today: today) + neither.problems(today: today)
        #expect(Set(problems.map(\.field)) == ["applicantID", "receivedOn", "arrivedOn", "registeredOn", "applicant"])
        for problem in problems { Self.checkChinese(problem, "intake") }
    }

    @Test func everyBadEventPayloadIsExplainedInChinese() throws {
        let (inProgress, _) = try f.build(f.path(to: .inProgress))
        let (correcting, _) = try f.build(f.path(to: .awaitingCorrection))
        let (consulting, _) = try f.build(f.path(to: .consulting))
        let (reasons, _) = try f.build(f.path(to: .awaitingReasons))
        let (fee, _) = try f.build(f.path(to: .awaitingFee))
        let (pending, _) = try f.build(f.path(to: .pendingSignoff))
        let (replied, _) = try f.build(f.path(to: .replied))
        let (extended, _) = try f.build([.register(f.registration), .requestExtension(ExtensionRequest(workingDays: 10, reason: "需协调")), .approveExtension(Note())])
        let (asked, _) = try f.build([.register(f.registration), .requestExtension(ExtensionRequest(workingDays: 10, reason: "需协调"))])
        let (corrected, _) = try f.build([.register(f.registration), .requestCorrection(CorrectionRequest(items: ["请明确文号"])), .correctionReceived(Note())])
        let (twoConsultations, _) = try f.build(f.path(to: .consulting) + [.startConsultation(ConsultationRequest(party: .otherAgency, name: "市档案馆", matter: "是否同意公开", dueOn: f.d("2024-12-31")))])
        let (otherAgency, _) = try f.build([.register(f.registration), .startConsultation(ConsultationRequest(party: .otherAgency, name: "市档案馆", matter: "是否同意公开"))])
        let (assistDone, _) = try f.build([.register(f.registration), .assist(AssistRequest(department: "区档案馆", request: "查档")), .assistReturned(ItemReference())])
        let day = inProgress.lastEventOn.adding(days: 1)
        let signed = try f.apply([f.event(.signOff(Note()), on: pending.lastEventOn.adding(days: 1))], to: pending)

        let cases: [(String, CaseSnapshot, EventPayload, Set<String>)] = [
            ("empty correction notice", inProgress, .requestCorrection(CorrectionRequest(items: [" "], periodWorkingDays: 90, noticeReceivedOn: inProgress.lastEventOn)),
             ["items", "periodWorkingDays", "noticeReceivedOn"]),
            ("second correction notice", corrected, .requestCorrection(CorrectionRequest(items: ["请补充身份证明"])), ["kind"]),
            ("lapse before the correction is due", correcting, .correctionLapsed(Note()), ["on"]),
            ("blank consultation", inProgress, .startConsultation(ConsultationRequest(party: .otherAgency, name: "", matter: " ", letterReceivedOn: inProgress.lastEventOn, dueOn: inProgress.lastEventOn)),
             ["name", "matter", "letterReceivedOn", "dueOn"]),
            ("consultation lapsed early", consulting, .consultationLapsed(ItemReference()), ["on"]),
            ("consultation without an answer date lapsed", otherAgency, .consultationLapsed(ItemReference()), ["number"]),
            ("no such consultation", consulting, .consultationAnswered(ConsultationAnswer(number: 5, outcome: .consent)), ["number"]),
            ("which consultation", twoConsultations, .consultationAnswered(ConsultationAnswer(outcome: .consent)), ["number"]),
            ("closed assist", assistDone, .assistReturned(ItemReference(number: 1)), ["number"]),
            ("no open assist", assistDone, .assistReturned(ItemReference()), ["number"]),
            ("blank assist", inProgress, .assist(AssistRequest(department: " ", request: "", dueOn: inProgress.lastEventOn)), ["department", "request", "dueOn"]),
            ("transfer to itself", inProgress, .transfer(Transfer(toAgencyID: inProgress.agencyID, reason: "同一机关")), ["toAgencyID"]),
            ("transfer without a reason", inProgress, .transfer(Transfer(toAgencyID: 2, reason: " ")), ["reason"]),
            ("delay to the past", reasons, .approveDelay(DelayApproval(until: reasons.lastEventOn, reason: "")), ["until", "reason"]),
            ("delay to a holiday", reasons, .approveDelay(DelayApproval(until: f.d("2024-10-01"), reason: "申请数量较大")), ["until"]),
            ("fee without an ordinal", inProgress, .issueFeeNotice(FeeNotice(method: .perApplication)), ["ordinalInMonth"]),
            ("fee without pages", inProgress, .issueFeeNotice(FeeNotice(method: .perPage, pages: 0)), ["pages"]),
            ("free fee", inProgress, .issueFeeNotice(FeeNotice(method: .perPage, pages: 12)), ["pages"]),
            ("fee notice received before it is sent", inProgress, .issueFeeNotice(FeeNotice(method: .perApplication, ordinalInMonth: 12, noticeReceivedOn: inProgress.lastEventOn)),
             ["noticeReceivedOn"]),
            ("wrong amount", fee, .feePaid(FeePayment(amount: 1)), ["amount"]),
            ("fee lapsed early", fee, .feeLapsed(Note()), ["on"]),
            ("second extension", extended, .requestExtension(ExtensionRequest(workingDays: 5, reason: "仍需时间")), ["kind"]),
            ("extension waiting", asked, .requestExtension(ExtensionRequest(workingDays: 30, reason: " ")), ["kind", "workingDays", "reason"]),
            ("nothing to approve", inProgress, .approveExtension(Note()), ["kind"]),
            ("refusal without reasons", inProgress, .submitForSignoff(ReplyDraft(disposition: .withholdThirdParty, legalBasis: "条例第十五条", reasons: "  ")), ["reasons"]),
            ("bare refusal", inProgress, .submitForSignoff(ReplyDraft(disposition: .partial)), ["legalBasis", "reasons", "provision"]),
            ("lapse as a reply", inProgress, .submitForSignoff(ReplyDraft(disposition: .otherFeeLapsed, reasons: "逾期未缴费")), ["disposition"]),
            ("still unclear without correction", inProgress, .submitForSignoff(ReplyDraft(disposition: .unavailableStillUnclear, reasons: "仍不明确")), ["disposition"]),
            ("excessive without reasons asked", inProgress, .submitForSignoff(ReplyDraft(disposition: .notProcessedExcessive, reasons: "大量申请")), ["disposition"]),
            ("revision without a note", pending, .returnForRevision(Note(" ")), ["note"]),
            ("reply unlike the signed draft", signed, .reply(ReplyDraft(disposition: .withholdInternalAffairs, legalBasis: "条例第十六条", reasons: "内部事务信息")), ["disposition"]),
            ("reply skipping sign-off", inProgress, .reply(ReplyDraft(disposition: .notProcessedRepeat, reasons: "重复申请")), ["disposition"]),
            ("archive before delivery", replied, .archive(Note()), ["kind"]),
            ("blank review", replied, .recordReview(ReviewRecord(reference: "", body: "区政府", filedOn: day, result: .pending)), ["reference"]),
            ("blank lawsuit", replied, .recordLitigation(LitigationRecord(reference: "（2024）鲁0103行初45号", court: " ", filedOn: day, afterReview: false, result: .pending)), ["reference"]),
            ("reopen without a note", replied, .reopen(Note()), ["note"]),
            ("blank communication", inProgress, .recordCommunication(Communication(method: .phone, summary: "")), ["summary"]),
            ("correcting no entry", inProgress, .correctEntry(EntryCorrection(sequence: 9, note: "日期有误")), ["sequence"]),
            ("correction without a note", inProgress, .correctEntry(EntryCorrection(sequence: 1, note: " ")), ["note"]),
        ]
        for (name, c, payload, fields) in cases {
            let error = refusal(payload, to: c)
            #expect(invalidFields(error) == fields, "\(name): \(String(describing: error))")
            if let error { Self.checkChinese(error, name) }
        }
        let unlike = refusal(.reply(ReplyDraft(disposition: .withholdInternalAffairs, legalBasis: "条例第十六条", reasons: "内部事务信息")), to: signed)
        #expect(unlike?.chineseDescription == "审签通过的答复稿的办理结果是「部分公开」，改为其他办理结果须重新审签。")
        // A reply waiting for 签发 cannot be issued: the state does not allow it, and says what it allows.
        let unsigned = refusal(.reply(f.partialDraft), to: pending)
        #expect(unsigned == .notAllowed(.reply, in: .pendingSignoff, allowed: Lifecycle.allowedEvents(in: .pendingSignoff)))
        #expect(unsigned?.chineseDescription.contains("待审签") == true)
        let skipped = refusal(.reply(ReplyDraft(disposition: .notProcessedRepeat, reasons: "重复申请")), to: inProgress)
        #expect(skipped?.chineseDescription == "办理结果为「不予处理（重复申请）」的答复须先经审核人审签，请先「提交审签」。")
    }

    // MARK: Clock, calendar and case numbers

    @Test func clockCalendarAndCaseNumberFailuresHaveChinese() {
        let clock: [ReplyClock.Failure] = [
            .notStarted, .alreadyStopped(f.d("2024-09-09")), .notStopped(f.d("2024-09-09")), .beforeLastChange(f.d("2024-09-01")),
            .extensionTooLong(requested: 25, available: 20),
        ]
        for failure in clock {
            Self.checkChinese(failure.chineseDescription, "clock \(failure)")
            let error = LifecycleError.invalid([FieldProblem("on", failure.description, failure.chineseDescription)])
            Self.checkChinese(error, "clock \(failure)")
        }
        #expect(ReplyClock.Failure.alreadyStopped(f.d("2024-09-09")).chineseDescription.contains("2024年9月9日"))
        for failure: CaseNumberFormat.Failure in [.missingSequence, .unknownPlaceholder("month")] {
            Self.checkChinese(failure.chineseDescription, "case number \(failure)")
        }
        #expect(throws: CaseNumberFormat.Failure.unknownPlaceholder("month")) { try CaseNumberFormat("{month}{seq}") }
        Self.checkChinese(WorkCalendar.Failure.yearNotKnown(2031).chineseDescription, "year not known")
        let failure = WorkCalendar.Failure.invalidYear(2024, problems: [FieldProblem("holidays", "x overlaps y", "甲与乙的日期重叠")])
        #expect(failure.chineseDescription.hasPrefix("2024年的工作日历有误") && failure.chineseDescription.contains("甲与乙的日期重叠"))
    }

    /// A year without a notice is counted provisionally; only a date beyond 2101 cannot be.
    @Test func aYearBeyondTheCalendarIsExplainedInChinese() throws {
        var r = f.registration
        r.arrivedOn = f.d("2101-12-20")
        r.receivedOn = r.arrivedOn
        let error = try #require(refusal(.register(r), to: nil, on: r.arrivedOn, calendar: f.calendar))
        #expect(error == .calendar(.yearNotKnown(2102)))
        Self.checkChinese(error, "calendar")
        #expect(error.chineseDescription.contains("2102年"))
        var near = f.registration
        near.arrivedOn = f.d("2026-12-20")
        near.receivedOn = near.arrivedOn
        #expect(refusal(.register(near), to: nil, on: near.arrivedOn, calendar: f.calendar) == nil)
    }

    /// The lifecycle's own checks keep the clock from failing, so the problem is built here the
    /// way `calendarStep` builds it; both texts are encoded and read back.
    @Test func aClockFailureBecomesAFieldProblemWithBothTexts() throws {
        let failure = ReplyClock.Failure.beforeLastChange(f.d("2024-09-01"))
        let problem = FieldProblem("on", failure.description, failure.chineseDescription)
        let data = try JSONEncoder().encode(problem)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(Set(object.keys) == ["field", "message", "chinese"])
        #expect(object["message"] == failure.description)
        #expect(object["chinese"] == failure.chineseDescription)
        #expect(try JSONDecoder().decode(FieldProblem.self, from: data) == problem)
        #expect(problem.description == "on: \(failure.description)")
    }
}
