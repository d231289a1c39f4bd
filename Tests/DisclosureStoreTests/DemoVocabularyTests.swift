import DisclosureStore
import Foundation
import Testing

/// The word list the search benchmark writes its documents from.
@Suite struct DemoVocabularyTests {
    @Test func wordsAreDrawnInProportionToTheirFrequency() throws {
        let vocabulary = try DemoVocabulary(entries: [("征收", 600), ("补偿", 300), ("公开", 100), ("GIS", 1_000), ("拆迁", 0)])
        // Only Chinese words with a count are kept.
        #expect(Set(vocabulary.words) == ["征收", "补偿", "公开"])
        var random = SystemRandomNumberGenerator()
        var drawn: [String: Int] = [:]
        for _ in 0..<100_000 { drawn[vocabulary.word(using: &random), default: 0] += 1 }
        // 60 %, 30 %, 10 %: four standard deviations of 100,000 draws is under 0.7 points.
        #expect(abs(Double(drawn["征收"] ?? 0) / 1_000 - 60) < 1)
        #expect(abs(Double(drawn["补偿"] ?? 0) / 1_000 - 30) < 1)
        #expect(abs(Double(drawn["公开"] ?? 0) / 1_000 - 10) < 1)
    }

    @Test func aWordListIsReadFromItsLinesAndAnEmptyOneRefused() throws {
        let path = NSTemporaryDirectory() + "vocabulary-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "征收 895 v\n低保 40 v\nAT&T 3 nz\n不完整\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try DemoVocabulary(contentsOf: path).words.sorted() == ["低保", "征收"])
        #expect(throws: DemoVocabularyError.self) { try DemoVocabulary(contentsOf: "/nonexistent/dict.txt") }
        #expect(throws: DemoVocabularyError.self) { try DemoVocabulary(entries: [("GIS", 5)]) }
    }
}
