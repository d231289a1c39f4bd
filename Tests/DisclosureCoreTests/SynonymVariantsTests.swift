import DisclosureCore
import Testing

/// A term written again with its words' synonyms, in order and side by side.
@Suite struct SynonymVariantsTests {
    let synonyms = ["拆迁": ["征收", "房屋征收"], "补偿": ["补偿安置"]]

    @Test func eachWordMayBeItselfOrASynonym() {
        #expect(SynonymVariants.variants(of: "拆迁补偿", words: ["拆迁", "补偿"], synonyms: synonyms) == [
            "拆迁补偿", "拆迁补偿安置", "征收补偿", "征收补偿安置", "房屋征收补偿", "房屋征收补偿安置",
        ])
        // The words keep their order: 补偿征收 is never written 征收补偿.
        #expect(!SynonymVariants.variants(of: "补偿征收", words: ["补偿", "征收"], synonyms: ["征收": ["拆迁"]]).contains("征收补偿"))
    }

    /// A function word the words left out is still in the term as typed, which comes first.
    @Test func theTermAsTypedComesFirst() {
        #expect(SynonymVariants.variants(of: "拆迁的补偿", words: ["拆迁", "补偿"], synonyms: ["拆迁": ["征收"]]) == [
            "拆迁的补偿", "拆迁补偿", "征收补偿",
        ])
        #expect(SynonymVariants.variants(of: "标准", words: ["标准"], synonyms: [:]) == ["标准"])
    }

    /// Many words with many synonyms stop at the limit; the first words keep theirs.
    @Test func theWaysAreBounded() {
        let words = ["甲乙", "丙丁", "戊己", "庚辛", "壬癸", "子丑"]
        let many = Dictionary(uniqueKeysWithValues: words.map { w in (w, (1...5).map { "\(w)\($0)" }) })
        let variants = SynonymVariants.variants(of: words.joined(), words: words, synonyms: many, limit: 32)
        #expect(variants.count <= 32)
        #expect(variants.first == words.joined())
        #expect(Set(variants.map { String($0.prefix(3)) }).isSuperset(of: ["甲乙1", "甲乙5"]))
        #expect(variants.allSatisfy { $0.hasSuffix("子丑") })
    }
}
