import Testing

@testable import DisclosureCore

/// A deterministic generator for the tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The receipt code and tracking password: their shape, and how a typed one is read.
struct ReceiptCodeTests {
    @Test func aCodeIsTheDayAndSixUnambiguousCharacters() throws {
        var generator = SeededGenerator(state: 7)
        let day = try #require(LocalDate(year: 2026, month: 3, day: 5))
        var seen: Set<String> = []
        for _ in 0..<200 {
            let code = ReceiptCode.make(on: day, using: &generator)
            #expect(code.text.hasPrefix("20260305-"))
            #expect(code.text.count == 15)
            #expect(!code.text.dropFirst(9).contains { "01OIL".contains($0) })
            #expect(ReceiptCode(typed: code.text) == code)
            seen.insert(code.text)
        }
        #expect(seen.count == 200)
    }

    @Test func aTypedCodeIsForgivenItsCaseSpacesAndHyphen() {
        #expect(ReceiptCode(typed: " 20261130 7kq4mx ")?.text == "20261130-7KQ4MX")
        #expect(ReceiptCode(typed: "202611307KQ4MX")?.text == "20261130-7KQ4MX")
        #expect(ReceiptCode(typed: "20261130－7KQ4MX")?.text == "20261130-7KQ4MX")
    }

    @Test func anythingElseIsNotACode() {
        for typed in ["", "20261130-7KQ4M", "20261130-7KQ4MXX", "2026113O-7KQ4MX", "20261130-7KQ4M0", "20261130-7KQ4MI",
                      "' OR 1=1 --", String(repeating: "2", count: 10_000), "２０２６１１３０-7KQ4MX"] {
            #expect(ReceiptCode(typed: typed) == nil, "\(typed.prefix(30))")
        }
    }

    @Test func aPasswordIsTenCharactersOfTheAlphabet() {
        var generator = SeededGenerator(state: 11)
        let password = TrackingPassword.make(using: &generator)
        #expect(password.count == 10 && password.allSatisfy { ReceiptCode.alphabet.contains($0) })
        #expect(TrackingPassword.typed(password.lowercased()) == password)
        #expect(TrackingPassword.typed(" " + password.prefix(5) + " " + password.dropFirst(5)) == password)
        #expect(TrackingPassword.typed(String(password.dropLast())) == nil)
        #expect(TrackingPassword.typed(String(repeating: "A", count: 100_000)) == nil)
    }
}
