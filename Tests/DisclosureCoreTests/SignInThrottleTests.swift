import DisclosureCore
import Testing

/// The user name a failure is counted against.
@Suite struct SignInThrottleTests {
    @Test func fiveFailuresLockForFifteenMinutes() {
        #expect(SignInThrottle.failuresBeforeLockout == 5)
        #expect(SignInThrottle.lockoutSeconds == 900)
    }

    @Test func theNameIsTrimmedLowerCasedAndCut() {
        #expect(SignInThrottle.key("  Wang.Fang \t") == "wang.fang")
        #expect(SignInThrottle.key(String(repeating: "a", count: 500)).count == 64)
        #expect(SignInThrottle.key("王芳") == "王芳")
    }
}
