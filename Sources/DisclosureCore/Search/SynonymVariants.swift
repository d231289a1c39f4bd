/// One term of a query written again with its words swapped for their synonyms (issue 15,
/// deliverable 5): 拆迁补偿 is split into 拆迁 and 补偿, and 拆迁 has the synonyms 征收 and
/// 房屋征收, so the term may also be 征收补偿 or 房屋征收补偿. Each variant is searched as the
/// term is, a phrase, so the words keep their order and stay side by side: 补偿征收 does not
/// become a search for 征收 and 补偿 anywhere.
public enum SynonymVariants {
    /// A term is written at most this many ways: each variant is a phrase of the search's
    /// tsquery, and a term of six words with three synonyms each would otherwise be 4,096.
    public static let limit = 32

    /// The term as typed first, then the words joined again with each word or one of its
    /// synonyms (`synonyms[word]`, in their order), the word itself before its synonyms. When
    /// the ways multiply past `limit`, the later words keep fewer of their synonyms (down to
    /// the word alone), so that the earlier words' synonyms are all tried.
    public static func variants(of term: String, words: [String], synonyms: [String: [String]], limit: Int = limit) -> [String] {
        let limit = max(limit, 1)
        var joined = [""]
        for word in words {
            let options = [word] + (synonyms[word] ?? []).filter { $0 != word }
            let kept = options.prefix(max(1, (limit - 1) / joined.count))
            joined = joined.flatMap { start in kept.map { start + $0 } }
        }
        var seen: Set<String> = []
        return ([term] + joined).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
