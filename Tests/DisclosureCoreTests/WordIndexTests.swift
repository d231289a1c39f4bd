import Testing

@testable import DisclosureCore

/// A word index answers each key with its words cheapest first, a word typed in another
/// reading at the dearer cost, and only the cheapest `keep` of a key when asked to.
struct WordIndexTests {
    let words = [PinyinLexicon.Word(text: "政府", cost: 5), PinyinLexicon.Word(text: "支付", cost: 7),
                 PinyinLexicon.Word(text: "执法", cost: 6), PinyinLexicon.Word(text: "银行", cost: 8)]

    @Test func eachKeyGivesItsWordsCheapestFirst() {
        let index = WordIndex([.init(key: "zf", word: 1, dearer: false), .init(key: "yh", word: 3, dearer: false),
                               .init(key: "zf", word: 0, dearer: false), .init(key: "zf", word: 2, dearer: false)], words: words)
        #expect(index["zf"]?.map(\.text) == ["政府", "执法", "支付"])
        #expect(index["yh"] == [words[3]])
        #expect(index["xx"] == nil)
        #expect(Set(index.keys) == ["zf", "yh"])
    }

    @Test func aWordTypedInAnotherReadingCostsMore() {
        let index = WordIndex([.init(key: "yinxing", word: 3, dearer: true), .init(key: "yinhang", word: 3, dearer: false)], words: words)
        #expect(index["yinhang"]?.first?.cost == 8)
        #expect(index["yinxing"]?.first?.cost == 8 + PinyinLexicon.otherReadingCost)
    }

    @Test func onlyTheCheapestAreKeptWhenAsked() {
        let index = WordIndex((0..<4).map { .init(key: "k", word: Int32($0), dearer: false) }, words: words, keep: 2)
        #expect(index["k"]?.map(\.text) == ["政府", "执法"])
    }
}
