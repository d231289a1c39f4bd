import DisclosureCore
import DisclosureWeb
import Testing

/// TOTP through HummingbirdOTP, as authenticator apps compute it.
@Suite struct OneTimeCodesTests {
    /// RFC 6238 appendix B (SHA-1 key "12345678901234567890"): 94287082 at 59 s and 07081804 at
    /// 1111111109 s in 8 digits, whose last 6 are the 6-digit codes.
    @Test func theCodesOfRFC6238() {
        let secret = "12345678901234567890"
        #expect(OneTimeCodes.code(secret: secret, step: SecondFactor.step(at: 59)) == 287_082)
        #expect(OneTimeCodes.code(secret: secret, step: SecondFactor.step(at: 1_111_111_109)) == 81_804)
    }

    /// RFC 4648's test vectors, without padding.
    @Test func base32AsInRFC4648() {
        #expect(OneTimeCodes.base32("f") == "MY")
        #expect(OneTimeCodes.base32("foob") == "MZXW6YQ")
        #expect(OneTimeCodes.base32("foobar") == "MZXW6YTBOI")
        #expect(OneTimeCodes.base32("12345678901234567890") == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    }

    @Test func theURIGivesAppsTheSameKey() {
        let secret = OneTimeCodes.newSecret()
        #expect(secret.count == 32)
        #expect(secret != OneTimeCodes.newSecret())
        let uri = OneTimeCodes.uri(secret: secret, username: "wang.fang")
        #expect(uri.hasPrefix("otpauth://totp/DisclosureDesk:wang.fang?secret=\(OneTimeCodes.base32(secret))"))
        #expect(uri.contains("issuer=DisclosureDesk"))
    }
}
