import DisclosureCore
import Testing

@Suite struct FunctionWordsTests {
    @Test func theWordsOfAskingAreDropped() {
        #expect(FunctionWords.dropping(from: ["我想", "知道", "申请", "公开", "政府信息", "要不要", "交钱", "吗"]) == ["申请", "公开", "政府信息", "交钱"])
        #expect(FunctionWords.dropping(from: ["请问", "怎么", "查", "一下", "我家", "的", "补偿", "标准"]) == ["补偿", "标准"])
    }

    /// Words that look like asking but name what is looked for stay.
    @Test func wordsOfTheSubjectStay() {
        for word in ["查询", "公开", "需要", "没有", "申请", "费用"] { #expect(!FunctionWords.all.contains(word), "\(word)") }
    }

    @Test func aQueryOfNothingButFunctionWordsKeepsThem() {
        #expect(FunctionWords.dropping(from: ["如何"]) == ["如何"])
        #expect(FunctionWords.dropping(from: ["怎么", "的"]) == ["怎么", "的"])
    }
}
