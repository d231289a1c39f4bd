import LifecycleTestSupport
import Testing

@testable import DisclosureCore

/// What an applicant may do from the tracking page, decided without a database.
struct ApplicantActionTests {
    let fixtures = LifecycleFixtures()

    @Test func anOpenApplicationCanBeWithdrawnAndAnAnsweredOneCannot() {
        #expect(ApplicantAction.withdrawalRefusal(state: nil) == nil, "before confirmation")
        for state in CaseState.allCases where state.isOpen { #expect(ApplicantAction.withdrawalRefusal(state: state) == nil, "\(state)") }
        #expect(ApplicantAction.withdrawalRefusal(state: .replied)?.chinese.contains("已经答复，不能撤回") == true)
        #expect(ApplicantAction.withdrawalRefusal(state: .closed)?.chinese.contains("已经办结") == true)
    }

    @Test func aCorrectionIsTakenUntilTheLastDayOfItsPeriod() throws {
        let (waiting, _) = try fixtures.build(fixtures.path(to: .awaitingCorrection))
        let due = try #require(waiting.correction?.dueOn)
        #expect(ApplicantAction.correctionRefusal(waiting, today: due) == nil)
        #expect(ApplicantAction.correctionRefusal(waiting, today: due.adding(days: 1))?.chinese.contains("补正期限已于\(due.chineseDay)届满") == true)
        let (underway, _) = try fixtures.build(fixtures.path(to: .inProgress))
        #expect(ApplicantAction.correctionRefusal(underway, today: due)?.chinese == "该申请目前没有需要补正的内容。")
        #expect(ApplicantAction.correctionRefusal(nil, today: due) != nil)
    }

    @Test func theEventsAreTheOnesAnOfficerWouldRecordInTheApplicantsWords() throws {
        let (waiting, _) = try fixtures.build(fixtures.path(to: .awaitingCorrection))
        let day = try #require(waiting.correction?.dueOn)
        let corrected = ApplicantAction.correction(code: "20261130-7KQ4MX", text: "文号为市中建发〔2024〕12号", on: day, by: fixtures.officer)
        let after = try Lifecycle.apply(corrected, to: waiting, calendar: fixtures.calendar)
        #expect(after.state == .inProgress && after.correction?.receivedOn == day)
        guard case .correctionReceived(let note) = corrected.payload else { Issue.record("not a correction"); return }
        #expect(note.note?.contains("20261130-7KQ4MX") == true && note.note?.contains("市中建发〔2024〕12号") == true)
        let withdrawn = try Lifecycle.apply(ApplicantAction.withdrawal(code: "20261130-7KQ4MX", on: day, by: fixtures.officer), to: after, calendar: fixtures.calendar)
        #expect(withdrawn.state == .closed && withdrawn.disposition == .otherOther)
    }
}
