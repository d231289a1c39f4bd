/// The code a portal submission is known by (回执编号), e.g. `20261130-7KQ4MX`: the day it was
/// submitted and six characters an applicant can read aloud and type on a phone (no 0/O, 1/I/L).
/// Together with the tracking password it opens the tracking page; alone it opens nothing.
public struct ReceiptCode: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let text: String

    /// Characters that cannot be mistaken for one another.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// `count` characters of the alphabet drawn at random: codes, passwords, tokens.
    public static func draw(_ count: Int, using generator: inout some RandomNumberGenerator) -> String {
        String((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
    }

    public var description: String { text }

    public static func make(on day: LocalDate, using generator: inout some RandomNumberGenerator) -> ReceiptCode {
        let digits = Self.digits(of: day)
        let tail = draw(6, using: &generator)
        return ReceiptCode(stored: digits + "-" + tail)
    }

    /// A code as typed: spaces and a missing hyphen forgiven, lower case read as upper. nil when
    /// it cannot be one (before any database is asked, so that nothing long or odd reaches it).
    public init?(typed: String) {
        guard typed.utf8.count <= 40 else { return nil }
        let kept = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "－" }
        guard kept.count == 14 else { return nil }
        let digits = kept.prefix(8), tail = kept.suffix(6)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), tail.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        text = digits + "-" + tail
    }

    /// A code read back from the database, whose CHECK constraint holds it to the shape.
    public init(stored text: String) { self.text = text }

    private static func digits(of day: LocalDate) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.year)\(two(day.month))\(two(day.day))"
    }
}

/// The password shown once with the receipt code (查询密码): ten characters of the same
/// alphabet, about 49 bits, stored only as a bcrypt hash.
public enum TrackingPassword {
    public static let length = 10

    public static func make(using generator: inout some RandomNumberGenerator) -> String {
        ReceiptCode.draw(length, using: &generator)
    }

    /// As typed: spaces dropped and lower case read as upper; nil when it cannot be one.
    public static func typed(_ text: String) -> String? {
        guard text.utf8.count <= 64 else { return nil }
        let kept = text.uppercased().filter { !$0.isWhitespace }
        guard kept.count == length, kept.allSatisfy({ ReceiptCode.alphabet.contains($0) }) else { return nil }
        return kept
    }
}
