@testable import DisclosureStore
import Testing

/// Pinyin keys, polyphonic characters included.
@Suite struct PinyinTests {
    @Test func everyReadingOfAPolyphonicCharacterIsAKey() {
        // Transliteration alone reads 银行 as yin xing and 长期 as one of chang qi / zhang qi.
        #expect(Set(["yinhang", "yinxing", "yh", "yx"]).isSubset(of: Pinyin.keys(for: "银行")))
        #expect(Set(["changqi", "zhangqi", "cq", "zq"]).isSubset(of: Pinyin.keys(for: "长期")))
        // A term without polyphonic characters has its one spelling and its initials.
        #expect(Pinyin.keys(for: "拆迁") == ["chaiqian", "cq", "拆迁"])
        // Many polyphonic characters do not multiply without end.
        #expect(Pinyin.spellings("重行调长会").count <= 16)
    }
}
