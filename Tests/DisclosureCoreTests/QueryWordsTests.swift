import DisclosureCore
import Testing

/// A query to search words, over a small dictionary (the real one is tested in the store's tests).
@Suite struct QueryWordsTests {
    let segmenter = Segmenter(frequencies: [
        "我想": 300, "知道": 5_000, "申请": 5_000, "公开": 5_000, "政府信息": 500, "要不要": 40, "交钱": 30,
        "补偿": 1_000, "标准": 3_000, "一下": 8_000, "七路": 20, "片区": 30, "年报": 40, "政府": 9_000,
    ], total: 60_000_000)

    @Test func aQuestionBecomesTheWordsItAsksAbout() {
        #expect(QueryWords.words("我想知道申请公开政府信息要不要交钱", segmenter: segmenter) == ["申请", "公开", "政府信息", "交钱"])
    }

    /// A query asks when a word of it is an asking word; particles and links (与, 的) do not ask,
    /// as titles hold them, nor does an asking word inside another word (查 in 查询).
    @Test func aQuestionIsToldFromATitle() {
        let segmenter = Segmenter(frequencies: [
            "我想": 300, "知道": 5_000, "怎么": 4_000, "申请": 5_000, "低保": 40, "征收": 900, "补偿": 1_000, "条例": 800,
            "查询": 700, "事项": 900, "行政": 3_000,
        ], total: 60_000_000)
        #expect(QueryWords.asks("我想知道申请公开", segmenter: segmenter))
        #expect(QueryWords.asks("怎么申请低保", segmenter: segmenter))
        #expect(!QueryWords.asks("房屋征收与补偿条例", segmenter: segmenter))
        #expect(!QueryWords.asks("行政查询事项", segmenter: segmenter))
        #expect(!QueryWords.asks("buzheng", segmenter: segmenter))
    }

    /// Spaces and punctuation split as before; Latin words and numbers stay whole beside Chinese.
    @Test func termsAndLatinRunsSplitFirst() {
        #expect(QueryWords.words("补偿，标准 GIS2024年报", segmenter: segmenter) == ["补偿", "标准", "gis2024", "年报"])
        #expect(QueryWords.words("政府xinxi", segmenter: segmenter) == ["政府", "xinxi"])
    }

    /// Characters the dictionary has no word for are one run again, not single characters.
    @Test func unknownCharactersAreJoinedIntoRuns() {
        #expect(QueryWords.words("经七路片区", segmenter: segmenter) == ["经", "七路", "片区"])
        #expect(QueryWords.words("房子拆迁的补偿", segmenter: segmenter) == ["房子拆迁", "补偿"])
        // Without a dictionary a query is its runs, as before there was a segmenter.
        #expect(QueryWords.words("征收补偿 方案", segmenter: Segmenter(frequencies: [:])) == ["征收补偿", "方案"])
    }

    @Test func wordsAreDistinctAndBounded() {
        #expect(QueryWords.words("补偿 补偿标准", segmenter: segmenter) == ["补偿", "标准"])
        let many = QueryWords.words("一 二 三 四 五 六 七 八", segmenter: segmenter)
        #expect(many == ["一", "二", "三", "四", "五", "六"])
        #expect(many.count == QueryWords.maxWords)
    }
}
