@testable import DisclosureCore
import Testing

/// jieba's dictionary segmentation on small dictionaries whose routes can be worked out by hand.
@Suite struct SegmenterTests {
    /// With a total of 1,000: 政府信息 as one word (50/1000 = 0.05) beats 政府 + 信息 (0.1 × 0.1 = 0.01).
    @Test func theMostProbableRouteWins() {
        let whole = Segmenter(frequencies: ["政府": 100, "信息": 100, "政府信息": 50, "公开": 100], total: 1_000)
        #expect(whole.segment("政府信息公开") == ["政府信息", "公开"])
        // At 5/1000 = 0.005 the whole word loses to its two halves.
        let split = Segmenter(frequencies: ["政府": 100, "信息": 100, "政府信息": 5, "公开": 100], total: 1_000)
        #expect(split.segment("政府信息公开") == ["政府", "信息", "公开"])
    }

    @Test func charactersThatStartNoWordStandAloneAndNothingIsLost() {
        let segmenter = Segmenter(frequencies: ["补偿": 10, "标准": 10])
        let text = "房子补偿x标准的"
        let words = segmenter.segment(text)
        #expect(words == ["房", "子", "补偿", "x", "标准", "的"])
        #expect(words.joined() == text)
        #expect(segmenter.segment("") == [])
    }

    /// A prefix of a word is no word of its own: 政府信 must not come out of 政府信息.
    @Test func prefixesAreNotWords() {
        let segmenter = Segmenter(frequencies: ["政府信息": 10])
        #expect(!segmenter.contains("政府信"))
        #expect(segmenter.contains("政府信息"))
        #expect(segmenter.segment("政府信") == ["政", "府", "信"])
    }

    /// dict.txt's lines, with the comment that carries the whole dictionary's total.
    @Test func theDictionaryFormatIsRead() {
        let text = "# a comment\n# total 1000\n政府 100 n\n信息 100 n\n政府信息 20\n公开 100\nbad line\n"
        let segmenter = Segmenter(dictionary: text)
        #expect(segmenter.wordCount == 4)
        // 20/1000 = 0.02 beats (100/1000)² = 0.01.
        #expect(segmenter.segment("政府信息公开") == ["政府信息", "公开"])
        // Without the total the frequencies' own sum (320) makes the halves likelier: (100/320)² ≈ 0.098 > 20/320 ≈ 0.063.
        #expect(Segmenter(dictionary: "政府 100\n信息 100\n政府信息 20\n公开 100").segment("政府信息") == ["政府", "信息"])
    }

    @Test func theLogarithmIsTheNaturalOne() {
        #expect(Segmenter.ln(1) == 0)
        #expect(abs(Segmenter.ln(2.718_281_828_459_045) - 1) < 1e-15)
        #expect(abs(Segmenter.ln(10) - 2.302_585_092_994_046) < 1e-14)
        #expect(abs(Segmenter.ln(60_101_967) - 17.911_553_127_755_22) < 1e-12)
        #expect(abs(Segmenter.ln(0.001) + 6.907_755_278_982_137) < 1e-13)
    }
}
