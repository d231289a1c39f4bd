import DisclosureCore
import Testing

/// Which time steps a one-time code may match, and who needs one.
@Suite struct SecondFactorTests {
    /// A stand-in for the HMAC: the code of a step is the step itself plus 100000.
    func codeAt(_ step: Int64) -> Int { Int(step) + 100_000 }

    @Test func aMomentFallsInAThirtySecondStep() {
        #expect(SecondFactor.step(at: 59) == 1)
        #expect(SecondFactor.step(at: 60) == 2)
        #expect(SecondFactor.step(at: 1_111_111_109) == 37_037_036)
    }

    @Test func sixDigitsAreACodeSpacesAside() {
        #expect(SecondFactor.parse("012345") == 12345)
        #expect(SecondFactor.parse("012 345") == 12345)
        #expect(SecondFactor.parse("12345") == nil)
        #expect(SecondFactor.parse("1234567") == nil)
        #expect(SecondFactor.parse("12345a") == nil)
        #expect(SecondFactor.parse("１２３４５６") == nil)
    }

    @Test func theCodeOfNowOrOfTheStepBeforeOrAfterIsAccepted() {
        #expect(SecondFactor.acceptedStep(codeAt(500), now: 500, lastAccepted: nil, codeAt: codeAt) == 500)
        #expect(SecondFactor.acceptedStep(codeAt(499), now: 500, lastAccepted: nil, codeAt: codeAt) == 499)
        #expect(SecondFactor.acceptedStep(codeAt(501), now: 500, lastAccepted: nil, codeAt: codeAt) == 501)
        #expect(SecondFactor.acceptedStep(codeAt(498), now: 500, lastAccepted: nil, codeAt: codeAt) == nil)
        #expect(SecondFactor.acceptedStep(codeAt(502), now: 500, lastAccepted: nil, codeAt: codeAt) == nil)
    }

    @Test func aCodeIsNeverAcceptedTwiceNorAnOlderOneAfterANewer() {
        #expect(SecondFactor.acceptedStep(codeAt(500), now: 500, lastAccepted: 500, codeAt: codeAt) == nil)
        #expect(SecondFactor.acceptedStep(codeAt(499), now: 500, lastAccepted: 500, codeAt: codeAt) == nil)
        #expect(SecondFactor.acceptedStep(codeAt(501), now: 500, lastAccepted: 500, codeAt: codeAt) == 501)
        #expect(SecondFactor.acceptedStep(codeAt(500), now: 500, lastAccepted: 499, codeAt: codeAt) == 500)
    }

    @Test func everyRoleButOfficersNeedsACode() {
        #expect(Role.allCases.filter(\.needsSecondFactor) == [.supervisor, .administrator, .securityAdministrator, .auditor])
    }
}
