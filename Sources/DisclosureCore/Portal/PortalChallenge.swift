/// The question the portal asks before it accepts a submission, answered on the server and
/// without JavaScript: a sum of two numbers written in Chinese, answered in digits. It keeps
/// out scripts that post the form blindly; the per-address limits keep out the rest.
public struct PortalChallenge: Sendable, Equatable {
    public let question: String
    public let answer: Int

    public init(question: String, answer: Int) {
        self.question = question
        self.answer = answer
    }

    static let numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    public static func make(using generator: inout some RandomNumberGenerator) -> PortalChallenge {
        let a = Int.random(in: 1...9, using: &generator), b = Int.random(in: 1...9, using: &generator)
        return PortalChallenge(question: "\(numerals[a])加\(numerals[b])等于多少？（请填写阿拉伯数字）", answer: a + b)
    }

    /// A typed answer as a number: digits (full-width too), nothing else; nil otherwise.
    public static func typed(_ text: String) -> Int? {
        let digits = text.filter { !$0.isWhitespace }.map { character -> Character in
            guard let scalar = character.unicodeScalars.first, (0xFF10...0xFF19).contains(scalar.value) else { return character }
            return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
        }
        guard (1...2).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(String(digits))
    }
}
