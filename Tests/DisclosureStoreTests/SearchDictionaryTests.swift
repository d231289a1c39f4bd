import DisclosureCore
import DisclosureStore
import Testing

/// The segmenter on the shipped dictionary gives what jieba 0.42.1 gives on the same words and
/// total: `jieba.cut(text, HMM=False)` after Tools/jieba-dict.py's additions, with the words the
/// file leaves out set to 0 (worked out once; no Python here).
@Suite struct SearchDictionaryTests {
    static let jieba: [(String, String)] = [
        ("我想知道申请公开政府信息要不要交钱", "我 想知道 申请 公开 政府信息 要不要 交钱"),
        ("我想查一下我家房子拆迁的补偿标准", "我想 查一下 我家 房子 拆迁 的 补偿 标准"),
        ("申请公开政府信息", "申请 公开 政府信息"),
        ("征收补偿", "征收 补偿"),
        ("政府信息公开申请表", "政府信息公开 申请表"),
        ("请问如何申请政府信息公开", "请问 如何 申请 政府信息公开"),
        ("国有土地上房屋征收与补偿条例", "国有 土地 上 房屋征收 与 补偿 条例"),
        ("最低生活保障标准是多少", "最低生活保障 标准 是 多少"),
        ("经七路片区旧城改造项目房屋征收补偿方案", "经 七路 片区 旧城改造 项目 房屋征收 补偿 方案"),
        ("申请人逾期未按收费通知要求缴纳费用", "申请人 逾期 未 按 收费通知 要求 缴纳费用"),
    ]

    @Test func segmentationIsJiebas() {
        let clock = ContinuousClock()
        var segmenter: Segmenter!
        let loading = clock.measure { segmenter = SearchDictionary.segmenter }
        #expect(segmenter.wordCount > 130_000)
        let cutting = clock.measure {
            for (text, words) in Self.jieba { #expect(segmenter.segment(text).joined(separator: " ") == words, "\(text)") }
        }
        print("search dictionary: \(segmenter.wordCount) words loaded in \(loading); \(Self.jieba.count) queries segmented in \(cutting)")
    }

    /// The domain's terms come out whole, the function words too (so that they can be dropped).
    @Test func theDomainsTermsAreWords() {
        let segmenter = SearchDictionary.segmenter
        for term in ["房屋征收", "最低生活保障", "信息处理费", "政府信息", "补正告知书", "我想", "要不要", "请问"] {
            #expect(segmenter.contains(term), "\(term)")
        }
    }

    @Test func theTwoQuestionsBecomeTheirWords() {
        let segmenter = SearchDictionary.segmenter
        #expect(QueryWords.words("我想知道申请公开政府信息要不要交钱", segmenter: segmenter) == ["申请", "公开", "政府信息", "交钱"])
        #expect(QueryWords.words("我想查一下我家房子拆迁的补偿标准", segmenter: segmenter) == ["房子", "拆迁", "补偿", "标准"])
    }
}
