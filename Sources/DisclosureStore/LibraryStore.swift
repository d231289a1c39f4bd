import DisclosureCore
import Foundation
import LibPQ

/// The case library on PostgreSQL, searched through the pair index of Schema 0008.
public struct LibraryStore: Sendable {
    let pool: ConnectionPool
    var limits = SearchLimits()

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// Where search stops checking every candidate.
    public struct SearchLimits: Sendable {
        /// Phrases are counted exactly up to this many candidates (about 7 µs each: every
        /// candidate's positions must be read); beyond it the number of candidates is given as "about".
        public var exactCount = 5_000
        /// How many of the newest hits are ranked by relevance (ts_rank_cd costs time in proportion).
        public var rankedWindow = 1_000
        public init(exactCount: Int = 5_000, rankedWindow: Int = 1_000) {
            self.exactCount = exactCount
            self.rankedWindow = rankedWindow
        }
    }

    /// The same store searching with other limits.
    public func with(_ limits: SearchLimits) -> LibraryStore {
        var store = self
        store.limits = limits
        return store
    }

    @discardableResult
    public func add(_ entry: LibraryEntry, by user: User?) async throws -> Int64 {
        let problems = entry.problems()
        guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
        let id = try await pool.query("""
            INSERT INTO library_entries (kind, title, body, topic, agency_id, year, disposition, legal_basis, tags, created_by)
            VALUES (\(entry.kind.rawValue), \(entry.title), \(entry.body), \(entry.topic), \(entry.agencyID), \(entry.year),
                    \(entry.disposition?.rawValue), \(entry.legalBasis), \(entry.tags), \(user?.id))
            RETURNING id
            """).single().decode(Int64.self, at: 0)
        // The part of a long body beyond the entry's own index, in overlapping chunks.
        let chars = Array(entry.body)
        if chars.count > Self.chunkSize {
            var chunks: [String] = [], numbers: [Int] = []
            var start = Self.chunkSize - Self.chunkOverlap
            while start < chars.count {
                chunks.append(String(chars[start..<min(chars.count, start + Self.chunkSize)]))
                numbers.append(numbers.count + 1)
                start += Self.chunkSize - Self.chunkOverlap
            }
            try await pool.query("""
                INSERT INTO library_chunks (entry_id, n, body) SELECT \(id), n, b FROM unnest(\(numbers)::int[], \(chunks)::text[]) AS u(n, b)
                """)
        }
        // Tags are suggestion terms.
        if !entry.tags.isEmpty { try await refreshTerms() }
        return id
    }

    public func entry(_ id: Int64) async throws -> LibraryEntry? {
        try await pool.query("""
            SELECT id, kind, title, body, topic, agency_id, year, disposition, legal_basis, tags FROM library_entries WHERE id = \(id)
            """).first.map(Self.entry)
    }

    static func entry(_ row: Row) throws -> LibraryEntry {
        LibraryEntry(id: try row.decode(Int64.self, at: 0), kind: LibraryEntry.Kind(rawValue: try row.decode(String.self, at: 1)) ?? .policy,
                     title: try row.decode(String.self, at: 2), body: try row.decode(String.self, at: 3),
                     topic: try row.decode(String?.self, at: 4), agencyID: try row.decode(Int64?.self, at: 5),
                     year: try row.decode(Int?.self, at: 6), disposition: try row.decode(String?.self, at: 7).flatMap(Disposition.init(rawValue:)),
                     legalBasis: try row.decode(String?.self, at: 8), tags: try row.decode([String].self, at: 9))
    }

    static let chunkSize = 8000
    static let chunkOverlap = 100

    public struct Filters: Sendable, Equatable {
        public var kind: LibraryEntry.Kind?
        public var topic: String?
        public var year: Int?
        public var agencyID: Int64?
        public init(kind: LibraryEntry.Kind? = nil, topic: String? = nil, year: Int? = nil, agencyID: Int64? = nil) {
            self.kind = kind
            self.topic = topic
            self.year = year
            self.agencyID = agencyID
        }
    }

    public struct Hit: Sendable, Equatable {
        public var entry: LibraryEntry
        public var snippet: [Highlighter.Segment]
    }

    public struct Results: Sendable {
        public var hits: [Hit]
        public var total: Int
        /// False when `total` and the facets count entries holding every pair of a phrase rather
        /// than the phrase itself (too many to check one by one): an upper bound, shown as "about".
        public var isExact: Bool
        /// Facet → value → count over all hits (before the filters of other facets narrow them).
        public var facets: [String: [(value: String, count: Int)]]
        /// When nothing is found: terms close to what was typed.
        public var suggestions: [String]

        static let none = Results(hits: [], total: 0, isExact: true, facets: [:], suggestions: [])
    }

    /// Entries matching every word of `query`, the best first: the newest 1,000 hits are ranked
    /// (title above body); facets count all hits.
    ///
    /// A phrase (征收补偿 = 征收 <-> 收补 <-> 补偿) is first looked up as its pairs in any order,
    /// which the index answers alone; only the candidates that are shown, or a count of a few
    /// thousand, are checked for the pairs' order. Counting and listing run at the same time.
    public func search(_ query: String, filters: Filters = Filters(), limit: Int = 20, offset: Int = 0) async throws -> Results {
        let words = Highlighter.terms(query)
        guard !words.isEmpty else { return .none }
        let alternatives = try await expand(words)
        let terms = alternatives.flatMap { $0 }
        let tsquery = Self.tsquery(PostgresJSON(alternatives))
        var conditions: [Query] = []
        if let kind = filters.kind { conditions.append("e.kind = \(kind.rawValue)") }
        if let topic = filters.topic { conditions.append("e.topic = \(topic)") }
        if let year = filters.year { conditions.append("e.year = \(year)") }
        if let agency = filters.agencyID { conditions.append("e.agency_id = \(agency)") }
        let filtered = conditions.isEmpty ? "true" : Query.joined(conditions, separator: " AND ")
        async let counted = count(tsquery, filtered: filtered)
        let window = max(limits.rankedWindow, offset + limit)
        var rows = try await list(tsquery, filtered: filtered, window: window, limit: limit, offset: offset)
        var results = try await counted
        // The newest candidates held too few real phrases (their pairs were apart): check them all.
        if rows.count < limit && results.total > window {
            rows = try await list(tsquery, filtered: filtered, window: nil, limit: limit, offset: offset)
        }
        results.hits = try rows.map { row -> Hit in
            let entry = try Self.entry(row)
            return Hit(entry: entry, snippet: Highlighter.snippet(entry.body, terms: terms))
        }
        // Nothing found: offer the nearest terms instead.
        if results.total == 0 { results.suggestions = try await suggest(words[0]) }
        return results
    }

    /// One page of hits: the newest `window` candidates (all when nil) that really match, ranked.
    func list(_ tsquery: Query, filtered: Query, window: Int?, limit: Int, offset: Int) async throws -> QueryResult {
        try await pool.query("""
            WITH \(tsquery),
                 recent AS (SELECT e.id FROM library_entries e WHERE \(Self.matches("loose")) AND \(filtered)
                            ORDER BY e.created_at DESC, e.id DESC LIMIT \(window))
            SELECT e.id, e.kind, e.title, e.body, e.topic, e.agency_id, e.year, e.disposition, e.legal_basis, e.tags
            FROM recent r JOIN library_entries e ON e.id = r.id
            WHERE \(Self.matches("exact"))
            ORDER BY ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', e.search, (SELECT exact FROM q)) DESC, e.id DESC
            LIMIT \(limit) OFFSET \(offset)
            """)
    }

    /// The search as two tsqueries in a CTE `q`: `exact`, each word or any of its synonyms (or the
    /// Chinese word its pinyin spells), every word required; `loose`, the same with the pairs of a
    /// phrase in any order; and the entries whose long-text chunks match either.
    static func tsquery(_ expanded: PostgresJSON<[[String]]>) -> Query {
        """
        w AS (SELECT string_agg('(' || (SELECT string_agg('(' || dd_word_query(a) || ')', ' | ')
                                          FROM jsonb_array_elements_text(g) a) || ')', ' & ') AS text
              FROM jsonb_array_elements(\(expanded)) g),
        t AS (SELECT to_tsquery('simple', text) AS exact, to_tsquery('simple', replace(text, '<->', '&')) AS loose, text LIKE '%<->%' AS phrase FROM w),
        q AS MATERIALIZED (SELECT exact, loose, phrase,
                                  ARRAY(SELECT c.entry_id FROM library_chunks c WHERE c.search @@ t.exact) AS exact_chunks,
                                  ARRAY(SELECT c.entry_id FROM library_chunks c WHERE c.search @@ t.loose) AS loose_chunks
                           FROM t)
        """
    }

    /// Entries whose own index or one of whose chunks matches: a BitmapOr of the GIN index and
    /// the primary key (an OR with EXISTS would scan every entry).
    static func matches(_ which: String) -> Query {
        which == "exact"
            ? "(e.search @@ (SELECT exact FROM q) OR e.id = ANY((SELECT exact_chunks FROM q)::bigint[]))"
            : "(e.search @@ (SELECT loose FROM q) OR e.id = ANY((SELECT loose_chunks FROM q)::bigint[]))"
    }

    /// The number of hits within the filters, and the facets over all hits, in one pass of
    /// GROUPING SETS; exact unless the query holds a phrase with too many candidates to check.
    func count(_ tsquery: Query, filtered: Query) async throws -> Results {
        func facets(_ which: String) async throws -> (all: Int, filtered: Int, phrase: Bool, facets: [String: [(value: String, count: Int)]]) {
            var all = 0, within = 0, phrase = false
            var facets: [String: [(value: String, count: Int)]] = [:]
            let names = ["kind", "topic", "year", "agency", "disposition"]
            for row in try await pool.query("""
                WITH \(tsquery)
                SELECT e.kind, e.topic, e.year::text, e.agency_id::text, e.disposition, count(*), count(*) FILTER (WHERE \(filtered)),
                       GROUPING(e.kind), GROUPING(e.topic), GROUPING(e.year), GROUPING(e.agency_id), GROUPING(e.disposition),
                       (SELECT phrase FROM q)
                FROM library_entries e WHERE \(Self.matches(which))
                GROUP BY GROUPING SETS ((e.kind), (e.topic), (e.year), (e.agency_id), (e.disposition), ())
                """) {
                let grouped = try names.indices.map { try row.decode(Int.self, at: 7 + $0) == 0 }
                phrase = try row.decode(Bool?.self, at: 12) ?? false
                guard let facet = grouped.firstIndex(of: true) else {
                    all = try row.decode(Int.self, at: 5)
                    within = try row.decode(Int.self, at: 6)
                    continue
                }
                guard let value = try row.decode(String?.self, at: facet) else { continue }
                facets[names[facet], default: []].append((value, try row.decode(Int.self, at: 5)))
            }
            for key in facets.keys { facets[key]!.sort { $0.count > $1.count } }
            return (all, within, phrase, facets)
        }
        var counted = try await facets("loose")
        var isExact = !counted.phrase
        if counted.phrase && counted.all <= limits.exactCount {
            counted = try await facets("exact")
            isExact = true
        }
        return Results(hits: [], total: counted.filtered, isExact: isExact, facets: counted.facets, suggestions: [])
    }
}

extension LibraryStore {
    /// The editable list of topics, in its order.
    public func topics() async throws -> [String] {
        try await pool.query("SELECT name FROM topics ORDER BY position, name").map { try $0.decode(String.self, at: 0) }
    }
}

extension LibraryStore {
    /// Each word with its synonyms (both ways) and, for a Latin word, the Chinese terms whose
    /// pinyin or initials it is.
    func expand(_ words: [String]) async throws -> [[String]] {
        let rows = try await pool.query("""
            SELECT w, array(SELECT DISTINCT x FROM (
                       SELECT synonym AS x FROM synonyms WHERE term = w
                       UNION SELECT term FROM synonyms WHERE synonym = w
                       UNION SELECT term FROM search_term_keys WHERE key = w AND w ~ '^[a-z]+$') s ORDER BY x)
            FROM unnest(\(words)) WITH ORDINALITY AS u(w, n) ORDER BY n
            """)
        return try rows.map { [try $0.decode(String.self, at: 0)] + (try $0.decode([String].self, at: 1)) }
    }

    /// Terms starting with what was typed, in characters, full pinyin or initials (chaiqian, cq → 拆迁).
    public func suggest(_ prefix: String, limit: Int = 10) async throws -> [String] {
        let key = prefix.trimmingCharacters(in: .whitespaces).lowercased()
        guard !key.isEmpty else { return [] }
        let pattern = CaseStore.escapeLike(key) + "%"
        return try await pool.query("""
            SELECT t.term FROM search_term_keys k JOIN search_terms t ON t.term = k.term
            WHERE k.key LIKE \(pattern) GROUP BY t.term, t.weight ORDER BY t.weight DESC, length(t.term), t.term LIMIT \(limit)
            """).map { try $0.decode(String.self, at: 0) }
    }

    /// Rebuilds the suggestion terms from the topics, the synonyms and the entries' tags, each
    /// with its pinyin keys.
    public func refreshTerms() async throws {
        let rows = try await pool.query("""
            SELECT term, sum(weight)::int FROM (
                SELECT name AS term, 5 AS weight FROM topics
                UNION ALL SELECT term, 2 FROM synonyms UNION ALL SELECT synonym, 2 FROM synonyms
                UNION ALL SELECT unnest(tags), 1 FROM library_entries) t
            WHERE term <> '' GROUP BY term
            """)
        var terms: [String] = [], weights: [Int] = [], keyTerms: [String] = [], keys: [String] = []
        for row in rows {
            let (term, weight) = try row.decode(String.self, Int.self)
            terms.append(term)
            weights.append(weight)
            for key in Pinyin.keys(for: term) { keyTerms.append(term); keys.append(key) }
        }
        try await pool.withTransaction { connection in
            try await connection.execute("DELETE FROM search_terms")
            try await connection.execute("INSERT INTO search_terms (term, weight) SELECT * FROM unnest(\(terms)::text[], \(weights)::int[])")
            try await connection.execute("""
                INSERT INTO search_term_keys (key, term) SELECT k, t FROM unnest(\(keys)::text[], \(keyTerms)::text[]) AS u(k, t) ON CONFLICT DO NOTHING
                """)
        }
    }
}

extension LibraryStore {
    public func synonyms() async throws -> [(term: String, synonym: String)] {
        try await pool.query("SELECT term, synonym FROM synonyms ORDER BY term, synonym").map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
    }

    /// Adds a pair of words that mean the same (both directions count), and refreshes the suggestions.
    public func addSynonym(_ term: String, _ synonym: String) async throws {
        let a = term.trimmingCharacters(in: .whitespaces), b = synonym.trimmingCharacters(in: .whitespaces)
        guard !a.isEmpty, !b.isEmpty, a != b else {
            throw LifecycleError.invalid([FieldProblem("synonym", "Give two different words.", "请填写两个不同的词。")])
        }
        try await pool.query("INSERT INTO synonyms (term, synonym) VALUES (\(a), \(b)) ON CONFLICT DO NOTHING")
        try await refreshTerms()
    }

    public func removeSynonym(_ term: String, _ synonym: String) async throws {
        try await pool.query("DELETE FROM synonyms WHERE term = \(term) AND synonym = \(synonym)")
        try await refreshTerms()
    }

    public func addTopic(_ name: String) async throws {
        let topic = name.trimmingCharacters(in: .whitespaces)
        guard !topic.isEmpty else { throw LifecycleError.invalid([FieldProblem("topic", "Give the topic a name.", "请填写主题名称。")]) }
        try await pool.query("INSERT INTO topics (name, position) VALUES (\(topic), (SELECT coalesce(max(position), 0) + 1 FROM topics WHERE name <> '其他')) ON CONFLICT DO NOTHING")
        try await refreshTerms()
    }
}
