import DisclosureCore
@testable import DisclosureWeb
import Testing

/// The password rules with the list shipped in the resources, and the dummy hash.
@Suite struct PasswordRulesTests {
    @Test func theListHoldsTheTenThousandMostCommonPasswords() throws {
        let list = try PasswordRules.commonPasswords()
        #expect(list.count == 10_000)
        #expect(list.prefix(3) == ["123456", "password", "12345678"])
        #expect(!list.contains { $0.hasPrefix("#") || $0.isEmpty })
    }

    @Test func commonPasswordsAreRefused() throws {
        #expect(try PasswordRules.problems("qwertyuiop", username: "wang.fang") == [.common])
        #expect(try PasswordRules.problems("1qaz2wsx3edc", username: "wang.fang") == [.common])
        #expect(try PasswordRules.problems("Manchester", username: "wang.fang") == [.common])
        #expect(try PasswordRules.problems("wang.fang-2024", username: "wang.fang") == [.containsUsername])
        #expect(try PasswordRules.problems("correct-horse-battery", username: "wang.fang").isEmpty)
    }

    /// Unknown user names are verified against it: a cheaper hash would answer them faster.
    @Test func theDummyHashCostsWhatAStoredOneCosts() async {
        #expect(PasswordHasher.dummyHash.hasPrefix("$2b$\(PasswordHasher.cost)$"))
        #expect(await PasswordHasher.verify("", hash: PasswordHasher.dummyHash) == false)
        #expect(await PasswordHasher.verify("correct-horse-battery", hash: PasswordHasher.dummyHash) == false)
    }
}
