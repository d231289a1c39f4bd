import Testing

@testable import DisclosureCore

/// The portal's question: a sum in Chinese numerals, answered in digits.
struct PortalChallengeTests {
    @Test func theAnswerIsTheSumOfTheNumeralsAsked() {
        var generator = SeededGenerator(state: 3)
        let values = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        for _ in 0..<100 {
            let challenge = PortalChallenge.make(using: &generator)
            let parts = challenge.question.split(separator: "加")
            let first = values[String(parts[0])], second = values[String(parts[1].prefix(1))]
            #expect(first != nil && second != nil && challenge.answer == first! + second!, "\(challenge.question)")
        }
    }

    @Test func typedAnswersAreDigitsOnly() {
        #expect(PortalChallenge.typed(" 12 ") == 12)
        #expect(PortalChallenge.typed("１２") == 12)
        #expect(PortalChallenge.typed("7") == 7)
        for typed in ["", "十二", "1e1", "-3", "123", String(repeating: "9", count: 1000), "9223372036854775808"] {
            #expect(PortalChallenge.typed(typed) == nil, "\(typed.prefix(20))")
        }
    }
}
