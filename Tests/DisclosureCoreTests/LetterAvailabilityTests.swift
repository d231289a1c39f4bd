import DisclosureCore
import LifecycleTestSupport
import Testing

/// Which letters a case can have: each only once the event it reports happened.
@Suite struct LetterAvailabilityTests {
    let f = LifecycleFixtures()
    var register: EventPayload { .register(f.registration) }

    func available(_ payloads: [EventPayload]) throws -> [LetterKind] {
        LetterKind.available(for: try f.build(payloads).0)
    }

    @Test func aNewCaseHasOnlyItsReceipt() throws {
        #expect(try available([register]) == [.receipt])
    }

    @Test func anExtensionLetterOnlyAfterApproval() throws {
        let requested = [register, EventPayload.requestExtension(ExtensionRequest(workingDays: 10, reason: "需要调取档案"))]
        #expect(!(try available(requested)).contains(.extensionNotice))
        #expect(try available(requested + [.approveExtension(Note())]).contains(.extensionNotice))
        #expect(!(try available(requested + [.rejectExtension(Note("理由不充分"))])).contains(.extensionNotice))
    }

    /// 拟稿 drafts the letter with the proposal, before 核稿 and 签发.
    @Test func aReplyLetterOnceProposedOrIssued() throws {
        #expect(!(try available([register])).contains(.reply))
        let submitted = [register, EventPayload.submitForSignoff(f.partialDraft)]
        #expect(try available(submitted).contains(.reply))
        #expect(try available(submitted + [.signOff(Note())]).contains(.reply))
        #expect(try available([register, .reply(f.discloseDraft)]).contains(.reply))
        // A withdrawn application has no reply to print.
        #expect(!(try available([register, .withdraw(Note("申请人撤回"))])).contains(.reply))
    }

    @Test func eachNoticeFollowsItsEvent() throws {
        #expect(try available([register, .requestCorrection(CorrectionRequest(items: ["请明确文号"]))]) == [.receipt, .correction])
        #expect(try available([register, .issueFeeNotice(FeeNotice(method: .perApplication, ordinalInMonth: 12))]) == [.receipt, .fee])
        #expect(try available([register, .requestReasons(Note())]) == [.receipt, .reasons])
        #expect(try available([register, .assist(AssistRequest(department: "区档案馆", request: "查档"))]) == [.receipt, .assist])
        #expect(try available([register, .startConsultation(ConsultationRequest(party: .thirdParty, name: "某公司", matter: "商业秘密"))])
                == [.receipt, .consultThirdParty, .consultationNotice])
        #expect(try available([register, .startConsultation(ConsultationRequest(party: .coProducer, name: "区自然资源局", matter: "联合发文"))])
                == [.receipt, .consultCoProducer, .consultationNotice])
    }

    @Test func writingAnUnavailableLetterIsRefused() throws {
        let (snapshot, events) = try f.build([register])
        let source = LetterSource(caseNumber: "X", snapshot: snapshot, events: events, applicant: Applicant(kind: .naturalPerson, name: "张三"),
                                  agency: Agency(id: 1, code: "a", name: "某局", shortName: "某局", kind: .department, parentID: nil, reconsiderationBody: "某区政府"),
                                  calendar: f.calendar, today: f.d("2024-09-10"))
        #expect(throws: LetterError.notAvailable(.extensionNotice)) { try LetterWriter.draft(.extensionNotice, from: source) }
        #expect(throws: LetterError.notAvailable(.reply)) { try LetterWriter.draft(.reply, from: source) }
    }
}
