import LifecycleTestSupport
import Testing

@testable import DisclosureCore

/// What the applicant is told, and of which events: read from the case after each event.
struct ApplicantNoticeTests {
    let fixtures = LifecycleFixtures()

    /// The case after `kind` is recorded on a case in progress, and the notice it gives rise to.
    func notice(after kind: EventKind) throws -> (ApplicantNotice?, CaseSnapshot) {
        let (start, _) = try fixtures.build(fixtures.path(to: .inProgress))
        let events = try fixtures.scenario(kind, for: start)
        let after = try fixtures.apply(events, to: start)
        let event = try #require(events.last)
        #expect(event.kind == kind)
        return (ApplicantNotice.after(event, snapshot: after, caseNumber: "市中区住建局依申〔2026〕第12号", agency: "济南市市中区住房和城乡建设局"), after)
    }

    @Test func theFourEventsOfIssue17AreToldAndNoOther() throws {
        let told: [EventKind: ApplicantNotice.Purpose] = [.requestCorrection: .correction, .approveExtension: .extensionApproved,
                                                         .issueFeeNotice: .fee, .reply: .reply]
        for kind in [EventKind.requestCorrection, .approveExtension, .issueFeeNotice, .reply, .assist, .startConsultation, .recordCommunication, .flagComplex] {
            let (notice, _) = try notice(after: kind)
            #expect(notice?.purpose == told[kind], "\(kind)")
        }
    }

    @Test func eachNoticeSaysWhatTheApplicantMustKnow() throws {
        let (correction, corrected) = try notice(after: .requestCorrection)
        #expect(correction?.body.contains(corrected.correction!.dueOn.chineseDay) == true && correction?.body.contains("条例第三十条") == true)
        let (extended, after) = try notice(after: .approveExtension)
        #expect(extended?.body.contains("延长至\(after.clock.due!.chineseDay)") == true)
        let (fee, charged) = try notice(after: .issueFeeNotice)
        #expect(fee?.sms.contains("\(charged.fee!.amount)元") == true && fee?.body.contains(charged.fee!.dueOn.chineseDay) == true)
        let (reply, replied) = try notice(after: .reply)
        #expect(reply?.body.contains("办理结果：\(replied.disposition!.plainLabel)") == true && reply?.subject.contains("第12号") == true)
    }

    @Test func theReceiptCarriesTheCodeAndPasswordAndTheConfirmationTheDueDate() throws {
        let day = LocalDate(iso: "2026-11-30")!
        let receipt = ApplicantNotice.submitted(code: "20261130-7KQ4MX", password: "ABCDEFGHJK", agency: "济南市市中区住房和城乡建设局", subject: "补偿方案", on: day)
        #expect(receipt.body.contains("回执编号：20261130-7KQ4MX") && receipt.body.contains("查询密码：ABCDEFGHJK"))
        #expect(!receipt.sms.contains("ABCDEFGHJK"), "the password is not texted")
        let (start, _) = try fixtures.build(fixtures.path(to: .registered))
        let received = ApplicantNotice.received(code: "20261130-7KQ4MX", caseNumber: "第12号", agency: "住建局", snapshot: start)
        #expect(received.body.contains("答复期限至\(start.clock.due!.chineseDay)"))
    }
}
