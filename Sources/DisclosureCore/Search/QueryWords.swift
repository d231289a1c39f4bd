/// A query as the words a search looks for: split where the text splits (spaces, punctuation),
/// each Chinese run split into dictionary words, the function words of a question dropped
/// (我想知道申请公开政府信息要不要交钱 → 申请, 公开, 政府信息, 交钱).
public enum QueryWords {
    /// A search asks for at most this many words: each is a part of every tier of the relaxed
    /// search (all words, all but one, …), whose queries grow with the number of word combinations.
    public static let maxWords = 6

    public static func words(_ query: String, segmenter: Segmenter) -> [String] {
        var words: [String] = []
        for term in Highlighter.terms(query) {
            for run in runs(term) {
                words += run.isChinese ? glued(segmenter.segment(run.text)) : [run.text]
            }
        }
        var seen: Set<String> = []
        let distinct = FunctionWords.dropping(from: words).filter { seen.insert($0).inserted }
        return Array(distinct.prefix(maxWords))
    }

    /// Whether the query asks (请问, 怎么, 要不要 … as words of it, not inside another word): such
    /// a query is no phrase any document holds, nor a typo to respell.
    public static func asks(_ query: String, segmenter: Segmenter) -> Bool {
        Highlighter.terms(query).contains { term in
            runs(term).contains { run in run.isChinese && segmenter.segment(run.text).contains(where: FunctionWords.asking.contains) }
        }
    }

    /// Text the dictionary has no word for comes out one character at a time (经七路 → 经, 七, 路);
    /// consecutive single characters are joined back into one run, searched as a phrase of pairs
    /// as before there was a segmenter (jieba would guess words there with its HMM). Function
    /// words are never joined, so that they can still be dropped.
    static func glued(_ pieces: [String]) -> [String] {
        var out: [String] = [], run = ""
        for piece in pieces {
            if piece.count == 1, !FunctionWords.all.contains(piece) {
                run += piece
                continue
            }
            if !run.isEmpty { out.append(run); run = "" }
            out.append(piece)
        }
        if !run.isEmpty { out.append(run) }
        return out
    }

    struct Run { var text: String; var isChinese: Bool }

    /// A term's runs of Chinese characters and of everything else (政府xinxi → 政府, xinxi).
    static func runs(_ term: String) -> [Run] {
        var runs: [Run] = []
        for ch in term {
            let chinese = isChinese(ch)
            if let last = runs.last, last.isChinese == chinese { runs[runs.count - 1].text.append(ch) } else { runs.append(Run(text: String(ch), isChinese: chinese)) }
        }
        return runs
    }

    /// The CJK ideographs the index pairs up (dd_pairs: U+3400…U+9FFF).
    public static func isChinese(_ ch: Character) -> Bool {
        guard let scalar = ch.unicodeScalars.first else { return false }
        return (0x3400...0x9FFF).contains(scalar.value)
    }
}
