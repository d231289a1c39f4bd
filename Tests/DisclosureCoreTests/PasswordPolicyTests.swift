import DisclosureCore
import Testing

/// The password rules, with a small list of common passwords passed in.
@Suite struct PasswordPolicyTests {
    let policy = PasswordPolicy(commonPasswords: ["password123", "qwertyuiop", "1q2w3e4r5t"])

    @Test func aLongUncommonPasswordThatIsNotTheNameIsAccepted() {
        #expect(policy.problems("vier Pferde im Stall", username: "wang.fang").isEmpty)
        #expect(policy.problems(String(repeating: "ab12", count: 32), username: "wang.fang").isEmpty)
    }

    @Test func tenCharactersAtLeastAndAHundredAndTwentyEightAtMost() {
        #expect(policy.problems("k7#Lm2!pQ", username: "wang.fang") == [.tooShort])
        #expect(policy.problems("k7#Lm2!pQz", username: "wang.fang").isEmpty)
        #expect(policy.problems(String(repeating: "ab12", count: 32) + "x", username: "wang.fang") == [.tooLong])
    }

    @Test func notTheUserNameNorContainingItWhateverTheCase() {
        #expect(policy.problems("wang.fang.", username: "wang.fang") == [.containsUsername])
        #expect(policy.problems("WANG.FANG!", username: "wang.fang") == [.containsUsername])
        #expect(policy.problems("my-Wang.Fang-2024", username: "wang.fang") == [.containsUsername])
        #expect(policy.problems("zhang.wei.2024", username: "Zhang.Wei") == [.containsUsername])
        #expect(policy.problems("wang fang 2024", username: "wang.fang").isEmpty)
    }

    @Test func notOneOfTheCommonPasswordsWhateverTheCase() {
        #expect(policy.problems("qwertyuiop", username: "wang.fang") == [.common])
        #expect(policy.problems("Password123", username: "wang.fang") == [.common])
        #expect(PasswordPolicy(commonPasswords: []).problems("Password123", username: "wang.fang").isEmpty)
    }

    @Test func everyProblemIsSaidInChineseAndEnglish() {
        #expect(PasswordProblem.tooShort.chinese == "密码至少需要10个字符。")
        #expect(PasswordProblem.common.english.contains("10,000 most common"))
        #expect(policy.problems("aaaaaaaaaa", username: "x.y") == [.tooFewDifferentCharacters])
    }
}
