import DisclosureCore
import LifecycleTestSupport
import Testing

@Suite struct TextLimitsTests {
    let f = LifecycleFixtures()

    @Test func anOverlongSubjectIsRefusedByNameBeforeTheCaseExists() throws {
        var registration = f.registration
        registration.subject = String(repeating: "征", count: 1_600_000 / 3)
        let problems = refusal { try Lifecycle.apply(f.event(.register(registration), on: f.d("2024-09-02")), to: nil, calendar: f.calendar) }
        #expect(problems.map(\.field) == ["subject"])
        #expect(problems.first?.chinese.contains("300") == true)
        registration.subject = String(repeating: "征", count: 300)
        #expect(throws: Never.self) { try Lifecycle.apply(f.event(.register(registration), on: f.d("2024-09-02")), to: nil, calendar: f.calendar) }
    }

    @Test func everyTextOfAnEventPayloadIsBoundedIncludingListItems() throws {
        let (c, _) = try f.build([.register(f.registration)])
        let long = String(repeating: "a", count: TextLimits.otherText + 1)
        let cases: [(EventPayload, String)] = [
            (.requestExtension(ExtensionRequest(workingDays: 10, reason: long)), "payload.reason"),
            (.requestCorrection(CorrectionRequest(items: ["请明确文号", long])), "payload.items[1]"),
        ]
        for (payload, field) in cases {
            #expect(refusal { try Lifecycle.apply(f.event(payload, on: f.d("2024-09-03")), to: c, calendar: f.calendar) }.map(\.field) == [field])
        }
    }

    /// The field problems an apply was refused with; none if it was accepted.
    func refusal(_ body: () throws -> CaseSnapshot) -> [FieldProblem] {
        guard case .invalid(let problems)? = #expect(throws: LifecycleError.self, performing: { _ = try body() }) else { return [] }
        return problems
    }

    @Test func replayingAnOldHistoryDoesNotApplyTodaysLimits() throws {
        var registration = f.registration
        registration.subject = String(repeating: "征", count: 400)
        let event = f.event(.register(registration), on: f.d("2024-09-02"))
        #expect(throws: Never.self) { try Lifecycle.replay([event], calendar: f.calendar) }
    }

    @Test func applicantFieldsHaveTheirOwnLimits() {
        let applicant = Applicant(kind: .naturalPerson, name: String(repeating: "张", count: 101), idType: "身份证", idNumber: nil,
                                  phone: String(repeating: "1", count: 41))
        let fields = applicant.problems().map(\.field)
        #expect(fields.contains("applicant.name"))
        #expect(fields.contains("applicant.phone"))
        #expect(TextLimits.problems(in: Applicant(kind: .naturalPerson, name: "张三", idType: "身份证")).isEmpty)
    }
}
