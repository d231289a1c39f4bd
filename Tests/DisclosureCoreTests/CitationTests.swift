import DisclosureCore
import Testing

/// Article citations as typed, rewritten the way the laws write them (issue 15).
@Suite struct CitationTests {
    /// Numbers as the regulation's own articles and the reconsideration law write them.
    @Test(arguments: [(1, "一"), (10, "十"), (15, "十五"), (20, "二十"), (36, "三十六"), (56, "五十六"), (100, "一百"),
                      (105, "一百零五"), (110, "一百一十"), (115, "一百一十五"), (1000, "一千"), (1005, "一千零五"), (2024, "二千零二十四")])
    func numeralsAreWrittenAsInTheLaws(number: Int, chinese: String) {
        #expect(ChineseNumeral.write(number) == chinese)
        #expect(ChineseNumeral.read(chinese) == number)
    }

    @Test func everyNumberRoundTrips() {
        for n in 1...9999 { #expect(ChineseNumeral.read(ChineseNumeral.write(n)) == n) }
    }

    @Test func citationsAreRewrittenAsTheLawsWriteThem() {
        #expect(Citation.rewrite("第15条") == "第十五条")
        #expect(Citation.rewrite("第１５条") == "第十五条")
        #expect(Citation.rewrite("第十五条") == "第十五条")
        #expect(Citation.rewrite("条例第十五条") == "条例 第十五条")
        #expect(Citation.rewrite("条例第36条第三项") == "条例 第三十六条 第三项")
        #expect(Citation.rewrite("政府信息公开条例第15条的规定") == "政府信息公开条例 第十五条 的规定")
    }

    @Test func textWithoutACitationIsLeftAsItIs() {
        for text in ["第一次申请", "次第", "第条", "第三方意见", "征收补偿", "第15号文件", "第999999条"] {
            #expect(Citation.rewrite(text) == text, "\(text)")
        }
    }
}
