import DisclosureCore
import LibPQ

/// Plain-language synonyms in the case search (issue 15, deliverable 5): a case whose subject
/// says 房屋征收补偿 is found by 拆迁 and by 拆迁补偿. Each term of the query is split into
/// dictionary words (function words dropped, as the library's word search does), each word is
/// looked up in the synonyms table both ways, and the term may then be any of its variants
/// (SynonymVariants), each a phrase as the term itself is; every term is still required.
extension SimilarStore {
    /// A query longer than this is searched as typed only: its terms' variants would make a
    /// tsquery of hundreds of phrases for a query no one types into a search box.
    static let synonymTermLimit = 8
    static let synonymQueryLength = 200

    /// The tsquery (as text) that finds the cases holding `query` as typed or through its
    /// words' synonyms; nil when no word of it has a synonym, or the query is too long to expand.
    func synonymQuery(_ query: String) async throws -> String? {
        let terms = Highlighter.terms(query)
        guard query.count <= Self.synonymQueryLength, terms.count <= Self.synonymTermLimit else { return nil }
        let words = terms.map { QueryWords.words($0, segmenter: SearchDictionary.segmenter) }
        let synonyms = try await synonyms(of: Array(Set(words.flatMap { $0 })))
        guard !synonyms.isEmpty else { return nil }
        // A term of as many words as QueryWords keeps may have lost some: it is searched as typed.
        let variants = zip(terms, words).map { term, words in
            words.count < QueryWords.maxWords ? SynonymVariants.variants(of: term, words: words, synonyms: synonyms) : [term]
        }
        return try await pool.query("""
            WITH w AS (SELECT string_agg('(' || (SELECT string_agg('(' || dd_word_query(a) || ')', ' | ')
                                                  FROM jsonb_array_elements_text(g) a) || ')', ' & ') AS text
                       FROM jsonb_array_elements(\(PostgresJSON(variants))) g)
            SELECT (dd_query(\(query)) || to_tsquery('simple', text))::text FROM w
            """).single().decode(String?.self, at: 0)
    }

    /// Each word's synonyms, from either side of a pair; words without any are left out.
    func synonyms(of words: [String]) async throws -> [String: [String]] {
        guard !words.isEmpty else { return [:] }
        let rows = try await pool.query("""
            SELECT w, array(SELECT synonym FROM synonyms WHERE term = w UNION SELECT term FROM synonyms WHERE synonym = w ORDER BY 1)
            FROM unnest(\(words)::text[]) AS u(w)
            """)
        var found: [String: [String]] = [:]
        for row in rows {
            let (word, synonyms) = try row.decode(String.self, [String].self)
            if !synonyms.isEmpty { found[word] = synonyms }
        }
        return found
    }
}
