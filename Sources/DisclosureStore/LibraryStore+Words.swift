import DisclosureCore
import LibPQ

/// The search that takes a query as words (issue 15): when the query taken whole finds nothing,
/// it is split into dictionary words without the function words of a question (QueryWords), and
/// an entry is a hit when it holds any of them, with its synonyms. Entries holding the most
/// words come first, then the usual rank; the words no entry holds are told (未找到：标准).
extension LibraryStore {
    func searchWords(_ words: [String], filtered: Query, limit: Int, offset: Int) async throws -> Results {
        guard !words.isEmpty else { return .none }
        let expanded = try await expand(words)
        let each = try await resolveEach(expanded)
        let present = try await present(each, filtered: filtered)
        let found = words.indices.filter { present[$0] }
        var results: Results
        if found.isEmpty {
            results = .none
            results.suggestions = try await suggest(words[0])
        } else {
            let chosen = found.map { each[$0]! }
            let any = Resolved.atLeast(1, of: chosen)
            let sparse = try await tally(any, filtered: filtered, exact: false, every: Self.sparseEvery)
            async let counted = count(any, filtered: filtered, sparse: sparse)
            let ids = try await candidates(chosen, filtered: filtered, window: max(limits.rankedWindow, offset + limit))
            let rows = try await ranked(ids, words: chosen, any: any, limit: limit, offset: offset)
            results = try await counted
            let terms = Self.marked(found.flatMap { expanded[$0] })
            results.hits = try rows.map { row -> Hit in
                let entry = try Self.entry(row)
                let matched = Set(try row.decode([Int].self, at: 10))
                return Hit(entry: entry, snippet: Highlighter.snippet(entry.body, terms: terms),
                           missing: found.indices.filter { !matched.contains($0 + 1) }.map { words[found[$0]] })
            }
        }
        results.words = words
        results.unmatched = words.indices.filter { !present[$0] }.map { words[$0] }
        return results
    }

    /// Each word's tsqueries (the word or any of its synonyms), nil for a word with nothing the
    /// index holds.
    func resolveEach(_ expanded: [[String]]) async throws -> [Resolved?] {
        let rows = try await pool.query("""
            SELECT to_tsquery('simple', t)::text, to_tsquery('simple', replace(t, '<->', '&'))::text
            FROM (SELECT n, (SELECT string_agg('(' || dd_word_query(a) || ')', ' | ') FROM jsonb_array_elements_text(g) a) AS t
                  FROM jsonb_array_elements(\(PostgresJSON(expanded))) WITH ORDINALITY AS u(g, n)) w
            ORDER BY n
            """)
        return try rows.map { row in
            guard let exact = try row.decode(String?.self, at: 0), let loose = try row.decode(String?.self, at: 1), !exact.isEmpty else { return nil }
            return Resolved(exact: exact, loose: loose, phrase: exact.contains("<->"))
        }
    }

    /// Whether each word is in any entry within the filters: one EXISTS per word, each stopping
    /// at its first hit. A common word (申请, in every entry) is found in the sparse sample's small
    /// index; only a rarer one is looked for in the whole index, which is quick for rare words
    /// (申请 read there alone took 60 ms at a million entries).
    func present(_ each: [Resolved?], filtered: Query) async throws -> [Bool] {
        let tests: [Query] = each.map { word in
            guard let word else { return "false" }
            return """
                (EXISTS (SELECT 1 FROM library_entries e WHERE \(word.matches(exact: true, every: Self.sparseEvery)) AND \(filtered))
                 OR EXISTS (SELECT 1 FROM library_entries e WHERE \(word.matches(exact: true)) AND \(filtered)))
                """
        }
        return try await planned("SELECT ARRAY[\(Query.joined(tests, separator: ", "))]::boolean[]").single().decode([Bool].self, at: 0)
    }

    /// The ids to rank: the newest entries holding all the words, then those holding all but
    /// one, and so on, until a ranked window's worth is found. Each tier asks the GIN index alone
    /// (a word's pairs in any order), among the newest entries first as `list` does, in a span
    /// its hits in the sparse sample size: the four words of 我想知道申请公开政府信息要不要交钱 are
    /// together in 409 of a million entries, found in three tries of 18 ms each from the newest
    /// 50,000 and in one try over all.
    func candidates(_ words: [Resolved], filtered: Query, window: Int) async throws -> [Int64] {
        let newest = try await pool.query("SELECT coalesce(max(id), 0) FROM library_entries").single().decode(Int64.self, at: 0)
        var ids: [Int64] = [], seen: Set<Int64> = []
        for k in stride(from: words.count, through: 1, by: -1) {
            let tier = Resolved.atLeast(k, of: words)
            let sparse = try await planned("""
                SELECT count(*) FROM library_entries e WHERE \(tier.matches(exact: false, every: Self.sparseEvery)) AND \(filtered)
                """).single().decode(Int.self, at: 0)
            var span = firstSpan(sparseHits: sparse, window: window, newest: newest)
            while true {
                let floor: Int64? = span >= newest ? nil : newest - span
                let found = try await planned(tier.newest(within: filtered, above: floor ?? 0, limit: window), .intersectingNewest).map { try $0.decode(Int64.self, at: 0) }
                if found.count < window, floor != nil { span *= 8; continue }
                for id in found where seen.insert(id).inserted { ids.append(id) }
                break
            }
            if ids.count >= window { break }
        }
        return ids
    }

    /// One page of the candidates, those holding the most words (as phrases, in their own index
    /// or a chunk's) first, then by the usual rank. Column 10 is the numbers (from 1) of the
    /// words each holds. The words held are found once per entry (`OFFSET 0` keeps the planner
    /// from copying them into both the filter and the order: 22 ms for 300 entries, 4 words).
    func ranked(_ ids: [Int64], words: [Resolved], any: Resolved, limit: Int, offset: Int) async throws -> [Row] {
        guard !ids.isEmpty else { return [] }
        return Array(try await planned("""
            SELECT e.id, e.kind, e.title, e.body, e.topic, e.agency_id, e.year, e.disposition, e.legal_basis, e.tags, m.matched
            FROM library_entries e,
                 LATERAL (SELECT array(SELECT w.n FROM unnest(\(words.map(\.exact))::text[]) WITH ORDINALITY AS w(q, n)
                                       WHERE e.search @@ w.q::tsquery
                                          OR EXISTS (SELECT 1 FROM library_chunks c WHERE c.entry_id = e.id AND c.search @@ w.q::tsquery)
                                       ORDER BY w.n) AS matched OFFSET 0) m
            WHERE e.id = ANY(\(ids)::bigint[]) AND cardinality(m.matched) > 0
            ORDER BY cardinality(m.matched) DESC, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', e.search, \(any.exact)::tsquery, \(Self.rankNormalization)) DESC, e.id DESC
            LIMIT \(limit) OFFSET \(offset)
            """))
    }
}

extension LibraryStore.Resolved {
    /// Entries holding at least `k` of the words: any of the ways to pick `k` of them, all
    /// required. A query holds at most QueryWords.maxWords words, so at most 20 ways.
    static func atLeast(_ k: Int, of words: [Self]) -> Self {
        let ways = combinations(k, of: words.count)
        func text(_ part: (Self) -> String) -> String {
            ways.map { way in "(" + way.map { "(" + part(words[$0]) + ")" }.joined(separator: " & ") + ")" }.joined(separator: " | ")
        }
        return Self(exact: text(\.exact), loose: text(\.loose), phrase: words.contains(where: \.phrase))
    }

    /// Every choice of `k` of the numbers 0..<n, in order.
    static func combinations(_ k: Int, of n: Int) -> [[Int]] {
        guard k > 0 else { return [[]] }
        guard k <= n else { return [] }
        var out: [[Int]] = []
        func pick(_ start: Int, _ chosen: [Int]) {
            if chosen.count == k { out.append(chosen); return }
            for i in start..<n where n - i >= k - chosen.count { pick(i + 1, chosen + [i]) }
        }
        pick(0, [])
        return out
    }
}
