/// The words of a question that say how someone asks, not what they look for (我想知道……要不要……吗):
/// dropped from a search once the query is split into words, because no document says them and
/// requiring them finds nothing. Reviewed by hand: only words that never carry the subject of a
/// disclosure search. 查询 stays (行政查询事项), as do 需要, 没有 and 公开 (没有现成信息, 需要另行制作).
/// The dictionary carries each of these as a word (Tools/jieba-dict.py adds them), so that 我想
/// or 要不要 come out of the segmenter whole.
public enum FunctionWords {
    /// The words that ask (我想知道, 请问, 怎么, 要不要 …): a query holding one is a question,
    /// searched by its words at once (`QueryWords.asks`).
    public static let asking: Set<String> = [
        // Who asks, and wanting to.
        "我", "我们", "我家", "本人", "我想", "我要", "想", "想要", "要", "不要", "要不要", "想知道", "希望",
        // Asking, knowing, looking up.
        "请问", "请", "问", "问一下", "问下", "咨询", "知道", "了解", "查", "查一下", "查查", "看看", "看一下", "一下", "帮我", "帮忙", "麻烦",
        // How, where, what, whether.
        "怎么", "怎么样", "怎样", "如何", "哪里", "哪儿", "在哪", "在哪里", "哪些", "哪个", "什么", "啥", "为什么", "多少",
        "是否", "是不是", "可以", "可不可以", "能", "能否", "能不能", "可否", "会不会", "有没有",
    ]

    /// Particles, links and pronouns: in titles too (房屋征收与补偿条例), so they do not make a question.
    public static let linking: Set<String> = [
        "的", "了", "吗", "呢", "吧", "啊", "呀", "嘛", "么", "得", "地", "着", "过",
        "是", "在", "和", "与", "及", "或", "或者", "跟", "把", "被", "给", "对", "向", "从", "关于", "有关", "的话",
        "这个", "那个", "这", "那", "这些", "那些", "一些", "一个", "有", "都", "也", "还", "就",
    ]

    public static let all = asking.union(linking)

    /// `words` without the function words; a query made of nothing else keeps them all, so that a
    /// search for 如何 still searches.
    public static func dropping(from words: [String]) -> [String] {
        let kept = words.filter { !all.contains($0) }
        return kept.isEmpty ? words : kept
    }
}
