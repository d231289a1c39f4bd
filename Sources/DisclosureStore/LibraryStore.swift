import DisclosureCore
import Foundation
import LibPQ

/// The case library on PostgreSQL, searched through the pair index of Schema 0008.
public struct LibraryStore: Sendable {
    var pool: ConnectionPool
    var limits = SearchLimits()
    /// The character pairs the library holds, for respelling pinyin and typos.
    let vocabulary: SearchVocabulary

    public init(pool: ConnectionPool) {
        self.pool = pool
        self.vocabulary = SearchVocabulary.shared(for: pool)
    }

    /// The same store searching on another server's copy (a hot standby), with this one's
    /// character pairs already read.
    public func reading(_ other: ConnectionPool) -> LibraryStore {
        var store = self
        store.pool = other
        return store
    }

    /// Where search stops checking every candidate.
    public struct SearchLimits: Sendable {
        /// Phrases are counted exactly up to this many candidates (about 7 µs each: every
        /// candidate's positions must be read); beyond it the number of candidates is given as "about".
        public var exactCount = 5_000
        /// How many of the newest hits are ranked by relevance (ts_rank_cd reads each one's index).
        public var rankedWindow = 300
        /// Above this many hits (told by the sample), the count and the facets are the sample's
        /// times 16, given as "about": counting every one of 200,000 hits takes 150 ms.
        public var sampledAbove = 20_000
        /// The newest hits are looked for among this many newest entries first (widened eightfold
        /// until enough are found).
        public var recentSpan = 50_000
        /// Hits are counted in the sparse sample (one entry in 256, Schema 0024) when it holds
        /// this many: about 100,000 hits in all, counted to within about 5 %.
        public var sparseEnough = 400
        /// A phrase whose pairs this many of the sparse sample's newest entries hold, and none of
        /// them the phrase, is taken for words at once: fewer than 3 % of its candidates
        /// hold it (the 95 % bound), so that listing it as typed would check thousands of them
        /// to find a page, or give up after 1,200 (`list`).
        public var phraseProbe = 100
        public init(exactCount: Int = 5_000, rankedWindow: Int = 300, sampledAbove: Int = 20_000, recentSpan: Int = 50_000, sparseEnough: Int = 400,
                    phraseProbe: Int = 100) {
            self.exactCount = exactCount
            self.rankedWindow = rankedWindow
            self.sampledAbove = sampledAbove
            self.recentSpan = recentSpan
            self.sparseEnough = sparseEnough
            self.phraseProbe = phraseProbe
        }
    }

    /// ts_rank_cd's normalisation: the rank divided by the number of distinct pairs the entry
    /// holds, so that a long text mentioning a term often does not outrank the short article
    /// about it. On the relevance set (issue 15) MRR@10 was .82 without it, .84 dividing by
    /// 1 + log of the length, .86 by the length, .87 by the distinct pairs.
    static let rankNormalization: Query = "8"

    /// One entry in `sampleEvery` (by id, Schema 0014's index) makes the sample of a broad search.
    static let sampleEvery = 16
    /// One entry in `sparseEvery` (Schema 0024's index) makes the sample of a search whose words
    /// are nearly everywhere (`SearchLimits.sparseEnough`).
    static let sparseEvery = 256

    /// The same store searching with other limits.
    public func with(_ limits: SearchLimits) -> LibraryStore {
        var store = self
        store.limits = limits
        return store
    }

    @discardableResult
    /// Shows an entry to the public in the portal, or stops showing it.
    public func show(_ id: Int64, inPortal shown: Bool) async throws {
        _ = try await pool.query("UPDATE library_entries SET shown_in_portal = \(shown) WHERE id = \(id)")
    }

    /// Whether the entry is shown in the portal.
    public func isShownInPortal(_ id: Int64) async throws -> Bool {
        try await pool.query("SELECT shown_in_portal FROM library_entries WHERE id = \(id)").first?.decode(Bool.self, at: 0) ?? false
    }

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
        try await notePairs(after: id - 1, upto: id, catchingUp: false)
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
        /// When the query was taken as words: the words this entry does not hold, of those some entry holds.
        public var missing: [String] = []
    }

    public struct Results: Sendable {
        public var hits: [Hit]
        public var total: Int
        /// False when `total` and the facets are estimates, shown as "about": counted in a sample
        /// of one entry in 16 (very many hits), or counting entries that hold every pair of a
        /// phrase rather than the phrase itself (too many to check one by one).
        public var isExact: Bool
        /// Facet → value → count over all hits (before the filters of other facets narrow them).
        public var facets: [String: [(value: String, count: Int)]]
        /// When nothing is found: terms close to what was typed.
        public var suggestions: [String]
        /// When the query taken whole found nothing: the words it was searched for instead
        /// (申请, 公开, 政府信息, 交钱), and those no entry holds (交钱). Empty otherwise.
        public var words: [String] = []
        public var unmatched: [String] = []
        /// When the query's characters found nothing: the query written again in the
        /// characters the library holds (buzheng → 补正, 信息处里费 → 信息处理费), whose hits these are.
        public var didYouMean: String?

        static let none = Results(hits: [], total: 0, isExact: true, facets: [:], suggestions: [])
    }

    /// How deep into the results a search may page: ranking further is work no reader needs,
    /// and an offset from a request is never trusted with arithmetic beyond it.
    public static let maxOffset = 10_000

    /// Entries matching every word of `query`, the best first: the newest 300 hits are ranked
    /// (title above body); facets count all hits. When that finds nothing, the query is written
    /// again in the characters the library holds (pinyin, homophone typos: `didYouMean`); when
    /// that finds nothing either, it is taken as dictionary words without its function words,
    /// entries holding the most of them first (`searchWords`).
    ///
    /// A phrase (征收补偿 = 征收 <-> 收补 <-> 补偿) is first looked up as its pairs in any order,
    /// which the index answers alone; only the candidates that are shown, or a count of a few
    /// thousand, are checked for the pairs' order. Very many hits are counted in a sample.
    /// Counting and listing run at the same time.
    public func search(_ query: String, filters: Filters = Filters(), limit: Int = 20, offset: Int = 0) async throws -> Results {
        let limit = min(max(limit, 1), 100), offset = min(max(offset, 0), Self.maxOffset)
        let query = Citation.rewrite(query)
        var conditions: [Query] = []
        if let kind = filters.kind { conditions.append("e.kind = \(kind.rawValue)") }
        if let topic = filters.topic { conditions.append("e.topic = \(topic)") }
        if let year = filters.year { conditions.append("e.year = \(year)") }
        if let agency = filters.agencyID { conditions.append("e.agency_id = \(agency)") }
        let filtered = conditions.isEmpty ? "true" : Query.joined(conditions, separator: " AND ")
        // A question (我想知道…要不要…) is no phrase any entry holds, nor a typo: searched by its words at once.
        if !QueryWords.asks(query, segmenter: SearchDictionary.segmenter) {
            if let results = try await searchAsTyped(query, filtered: filtered, limit: limit, offset: offset) { return results }
            // Nothing holds the query's characters: pinyin or a homophone typo, written again in the library's characters.
            for respelled in try await respellings(of: query) {
                guard var results = try await searchAsTyped(respelled, filtered: filtered, limit: limit, offset: offset) else { continue }
                results.didYouMean = respelled
                return results
            }
        }
        return try await searchWords(QueryWords.words(query, segmenter: SearchDictionary.segmenter), filtered: filtered, limit: limit, offset: offset)
    }

    /// The entries holding every word of the query as typed (or its synonyms); nil when there
    /// are none.
    func searchAsTyped(_ query: String, filtered: Query, limit: Int, offset: Int) async throws -> Results? {
        let words = Highlighter.terms(query)
        guard !words.isEmpty else { return nil }
        var alternatives = try await expand(words)
        // Words typed in traditional characters (folded already) may be Taiwan's for the mainland's: 資訊 → 信息.
        if TraditionalFolding.holdsTraditional(query) { alternatives = alternatives.map(TraditionalFolding.withMainlandWording) }
        let terms = Self.marked(alternatives.joined())
        guard let tsquery = try await resolve(PostgresJSON(alternatives)) else { return nil }
        // A Latin word is a prefix, which the planner guesses matches many entries: it then walks
        // the newest entries one by one for pinyin that matches none (zhengshou: 1 s per 50,000
        // entries, 12 s at a million). Asked of the GIN index alone first, it is 4 ms.
        if words.contains(where: { $0.contains(where: \.isASCII) }), try await !anyMatch(tsquery, filtered: filtered) { return nil }
        // The sparse sample first: it tells a search for words nearly everywhere, counted there and listed by a walk.
        let sparse = try await tally(tsquery, filtered: filtered, exact: false, every: Self.sparseEvery)
        // A phrase's pairs in many entries: how many of them hold the phrase itself, told by the sparse sample.
        let probe = tsquery.phrase && sparse.filtered > 0 ? try await probe(tsquery, filtered: filtered) : nil
        if let probe, probe.checked >= limits.phraseProbe, probe.held == 0 { return nil }
        async let counted = count(tsquery, filtered: filtered, sparse: sparse)
        let listed = try await list(tsquery, filtered: filtered, limit: limit, offset: offset, sparseHits: sparse.filtered, probe: probe)
        var results = try await counted
        // No entry holds the phrase as typed, only its characters apart: taken for words instead.
        if listed.rows.isEmpty, offset == 0 || results.total == 0 { return nil }
        // Hits counted in a sample are entries holding the phrase's pairs: as many as the
        // checked candidates hold the phrase itself.
        if tsquery.phrase, !results.isExact, listed.checked > listed.held {
            let share = Double(listed.held) / Double(listed.checked)
            let scale = { (n: Int) in Self.estimate(Int((Double(n) * share).rounded())) }
            results.total = scale(results.total)
            results.facets = results.facets.mapValues { $0.map { ($0.value, scale($0.count)) }.filter { $0.1 > 0 } }
        }
        results.hits = try listed.rows.map { row -> Hit in
            let entry = try Self.entry(row)
            return Hit(entry: entry, snippet: Highlighter.snippet(entry.body, terms: terms))
        }
        return results
    }

    /// Notes the character pairs of entries loaded in bulk (COPY, not `add`) since the last
    /// time, 20,000 entries a transaction; gives how many entries it read. `serve` calls it at
    /// start, bulk loaders when they finish.
    @discardableResult
    public func notePairs() async throws -> Int {
        var read = 0
        while true {
            let (from, newest) = try await pool.query("""
                SELECT p.noted_upto, (SELECT coalesce(max(id), 0) FROM library_entries) FROM search_pairs_progress p
                """).single().decode(Int64.self, Int64.self)
            guard newest > from else { return read }
            let upto = min(newest, from + 20_000)
            try await notePairs(after: from, upto: upto, catchingUp: true)
            read += Int(upto - from)
        }
    }

    /// The pairs of the entries with ids in (after, upto], one noting at a time: the progress
    /// row is locked meanwhile, as two at once deadlocked on each other's new pairs. The progress
    /// moves on when these follow it without a gap (an entry added after the last catch-up), so
    /// that a catch-up never reads again what `add` noted.
    func notePairs(after: Int64, upto: Int64, catchingUp: Bool) async throws {
        try await pool.withTransaction { connection in
            try await connection.executeScript("SET LOCAL statement_timeout = 0")
            let from = try await connection.query("SELECT noted_upto FROM search_pairs_progress FOR UPDATE").single().decode(Int64.self, at: 0)
            // Another catch-up may have gone past these already.
            if catchingUp, from >= upto { return }
            let start = catchingUp ? max(from, after) : after
            try await connection.execute("SELECT dd_note_pairs(\(start), \(upto))")
            if from >= start, upto > from { try await connection.execute("UPDATE search_pairs_progress SET noted_upto = \(upto)") }
        }
        vocabulary.invalidate()
    }

    /// Reads the library's character pairs now (a million entries hold a few million; reading
    /// them takes seconds), so that the first search to respell does not wait for it. Gives
    /// their number.
    @discardableResult
    public func readCharacterPairs() async throws -> Int {
        try await vocabulary.pairs(pool).count
    }

    /// The query written again term by term in characters the library holds (Respeller): the
    /// best respelling of every term, then the next best of those that have more.
    func respellings(of query: String) async throws -> [String] {
        let terms = Highlighter.terms(query)
        guard !terms.isEmpty else { return [] }
        let respeller = Respeller(lexicon: SearchDictionary.lexicon, pairs: try await vocabulary.pairs(pool))
        var choices: [[String]] = []
        for term in terms {
            choices.append(Citation.holdsArticle(term) ? [] : try await weighed(respeller.respellings(term, limit: 5)))
        }
        guard choices.contains(where: { !$0.isEmpty }) else { return [] }
        return (0..<3).compactMap { rank -> String? in
            guard rank == 0 || choices.contains(where: { $0.count > rank }) else { return nil }
            return zip(terms, choices).map { term, options in options.isEmpty ? term : options[min(rank, options.count - 1)] }.joined(separator: " ")
        }
    }

    /// Respellings ordered by what the library says of them too: each one's cost less twice
    /// the log of the number of entries holding it (counted to 200, its pairs in any order).
    /// General text's frequencies alone read grys as 个人以上 (以上 is far commoner than 隐私);
    /// the library holds 个人隐私 in many entries. Those no entry holds as written come last:
    /// a suggestion term (拆迁) may be found through its synonyms (征收).
    func weighed(_ respellings: [Respeller.Respelling]) async throws -> [String] {
        guard !respellings.isEmpty else { return [] }
        let counts = try await planned("""
            SELECT (SELECT count(*) FROM (SELECT 1 FROM library_entries e
                                          WHERE e.search @@ to_tsquery('simple', replace(dd_word_query(r), '<->', '&')) LIMIT 200) s)
            FROM unnest(\(respellings.map(\.text))::text[]) WITH ORDINALITY AS u(r, n) ORDER BY n
            """).map { try $0.decode(Int.self, at: 0) }
        var scored: [(text: String, held: Bool, score: Double)] = []
        for (respelling, count) in zip(respellings, counts) {
            scored.append((respelling.text, count > 0, respelling.cost - 2 * log(1 + Double(count))))
        }
        return scored.sorted { $0.held != $1.held ? $0.held : $0.score < $1.score }.map(\.text)
    }

    /// One page of hits, ranked among the newest candidates. Ids grow with time, so the newest
    /// hits lie among the highest ids: they are looked for there first (a few thousand rows read
    /// for a term in every tenth entry), and further down only when too few are found.
    ///
    /// When the sparse sample says the words are in at least one entry in `walkShare` within the
    /// filters, the newest entries are instead read one by one down from the newest until a
    /// window's worth hold them: for 政府信息公开 (in 27 % of a million entries) that reads about
    /// 1,100 rows, where the text index alone is 120 ms of reading 271,083 entries' worth.
    ///
    /// A phrase is checked in at most four windows' worth of the newest entries holding its
    /// pairs (1,200): one none of them holds is taken for words (`searchWords`, where entries
    /// holding it rank high for holding both words close) rather than read on through tens of
    /// thousands of entries — 低保标准, whose pairs are in 53,642 of a million generated entries
    /// and the phrase in none, took three tries and 260 ms to say so.
    ///
    /// When the sparse sample's `probe` says few candidates hold the phrase, the four windows'
    /// worth are checked at once rather than after a window that held too few: each try reads
    /// the text index again (30 ms for 最低生活保障标准).
    func list(_ tsquery: Resolved, filtered: Query, limit: Int, offset: Int, sparseHits: Int, probe: Probe? = nil) async throws -> Listed {
        let window = max(limits.rankedWindow, offset + limit)
        let newest = try await pool.query("SELECT coalesce(max(id), 0) FROM library_entries").single().decode(Int64.self, at: 0)
        func page(_ recent: Query, _ plan: Plan) async throws -> Listed {
            let rows = Array(try await planned("""
                WITH recent AS (\(recent)),
                     hits AS (SELECT e.id, e.kind, e.title, e.body, e.topic, e.agency_id, e.year, e.disposition, e.legal_basis, e.tags,
                                     e.search @@ \(tsquery.literal ?? tsquery.exact)::tsquery AS literal,
                                     ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', e.search, \(tsquery.exact)::tsquery, \(Self.rankNormalization)) AS rank
                              FROM recent r JOIN library_entries e ON e.id = r.id
                              WHERE \(tsquery.holds(exact: true)))
                SELECT h.id, h.kind, h.title, h.body, h.topic, h.agency_id, h.year, h.disposition, h.legal_basis, h.tags,
                       (SELECT count(*) FROM recent), (SELECT count(*) FROM hits)
                FROM (SELECT 1) one
                LEFT JOIN LATERAL (SELECT * FROM hits ORDER BY literal DESC, rank DESC, id DESC LIMIT \(limit) OFFSET \(offset)) h ON true
                """, plan))
            return Listed(rows: try rows.filter { try $0.decode(Int64?.self, at: 0) != nil },
                          checked: try rows[0].decode(Int.self, at: 10), held: try rows[0].decode(Int.self, at: 11))
        }
        if Double(sparseHits * Self.sparseEvery) >= Self.walkShare * Double(newest) {
            let listed = try await page("""
                SELECT e.id FROM library_entries e WHERE \(tsquery.holds(exact: false)) AND \(filtered) ORDER BY e.id DESC LIMIT \(window)
                """, .walkingDown)
            // Too few of the newest hold the phrase itself (its pairs apart): looked for below.
            if listed.rows.count == limit || listed.checked < window { return listed }
        }
        var span = firstSpan(sparseHits: sparseHits, window: window, newest: newest)
        var checkAll = probe.map { $0.checked >= min(20, limits.phraseProbe) && $0.share * Double(window) < 2 * Double(offset + limit) } ?? false
        let checks = max(4 * limits.rankedWindow, window)
        while true {
            let floor: Int64? = span >= newest ? nil : newest - span
            let listed = try await page(tsquery.newest(within: filtered, above: floor ?? 0, limit: checkAll ? checks : window), .intersectingNewest)
            if listed.rows.count == limit { return listed }
            let budget = checkAll ? checks : window
            // Fewer candidates than asked for: there are more further down.
            if listed.checked < budget, floor != nil { span *= 8; continue }
            // The newest candidates held too few real phrases (their pairs were apart): check more of them.
            if !checkAll, listed.checked == window { checkAll = true; continue }
            return listed
        }
    }

    /// How many of the newest entries to look among first for a window's worth of hits: a span
    /// the sparse sample says holds a window's worth four times over, so that it is seldom
    /// widened (each try reads the text index again); all entries when the sample holds none.
    func firstSpan(sparseHits: Int, window: Int, newest: Int64) -> Int64 {
        guard sparseHits > 0 else { return newest }
        let share = Double(sparseHits * Self.sparseEvery) / Double(max(newest, 1))
        return max(Int64(limits.recentSpan), Int64(min(Double(newest), 4 * Double(window) / share)))
    }

    /// How many of the sparse sample's newest entries holding a phrase's pairs (at most
    /// `SearchLimits.phraseProbe`) hold the phrase itself: its share among the candidates.
    struct Probe {
        var checked: Int
        var held: Int
        var share: Double { checked == 0 ? 1 : Double(held) / Double(checked) }
    }

    func probe(_ tsquery: Resolved, filtered: Query) async throws -> Probe {
        let (checked, held) = try await planned("""
            SELECT count(*), count(*) FILTER (WHERE \(tsquery.holds(exact: true)))
            FROM (SELECT e.id, e.search FROM library_entries e WHERE \(tsquery.matches(exact: false, every: Self.sparseEvery)) AND \(filtered)
                  ORDER BY e.id DESC LIMIT \(limits.phraseProbe)) e
            """, .intersectingNewest).single().decode(Int.self, Int.self)
        return Probe(checked: checked, held: held)
    }

    /// What `list` found: one page of hits, how many entries holding the words' pairs it
    /// checked, and how many of those hold the words as typed (all of them unless a phrase).
    struct Listed {
        var rows: [Row]
        var checked: Int
        var held: Int
    }

    /// Words in at least one entry in 10 are looked for by reading entries down from the
    /// newest (`list`): a window of 300 is then found in 3,000 rows or fewer, each one's text
    /// read at about 11 µs, while asking the text index costs about 0.45 µs per entry holding
    /// the words — the two meet near one entry in 12.
    static let walkShare = 0.1

    /// A search's tsqueries, resolved once on the server and sent back with every later
    /// statement as values. The planner sees them then: one it cannot see is guessed to match one
    /// entry in 200, which for a rare term picks a scan in id order that reads a million rows.
    struct Resolved: Sendable {
        /// Each word or any of its synonyms, every word required.
        var exact: String
        /// The same with the pairs of a phrase in any order, which the GIN index answers alone.
        var loose: String
        var phrase: Bool
        /// The words as typed, without synonyms: entries holding them rank above those found
        /// only through a synonym (拆迁 lists the entries saying 拆迁 before those saying 征收).
        var literal: String?

        /// Entries whose own index or one of whose chunks matches: a BitmapOr of the GIN index and
        /// the primary key (an OR with EXISTS would scan every entry). The chunks' entries are a
        /// subquery, not a list of values: the planner then does not weigh a thousand ids against
        /// the text index and give the index up.
        ///
        /// The indexes are asked for the pairs in any order (they answer that alone); a phrase
        /// is then checked in each entry found (`holds`). Asked of the indexes, a phrase made
        /// PostgreSQL read every chunk holding its pairs (a long document's chunk holds most
        /// common pairs): 4,000 chunks and 120 ms at a million entries, for one common phrase.
        ///
        /// In a sample (one entry in `every`), both sides keep to it: the sparse sample's own
        /// index then answers (Schema 0024), and the chunks' entries outside it are never read.
        func matches(exact: Bool, every: Int = 1) -> Query {
            let n = Int64(every)
            let chunksSampled: Query = every > 1 ? "AND c.entry_id % \(n) = 0" : ""
            let entriesSampled: Query = every > 1 ? "AND e.id % \(n) = 0" : ""
            // Hidden from the planner in a sample, as in `newest`: seen, a phrase's pairs are guessed
            // to match a few entries, and the sample's rows are kept by reading every hit's row
            // (157 ms for 最低生活保障标准) instead of intersecting with the sample's index (48 ms).
            let text: Query = every > 1 ? "(SELECT \(loose)::tsquery)" : "\(loose)::tsquery"
            let indexed: Query = """
                ((e.search @@ \(text) OR e.id = ANY(ARRAY(SELECT c.entry_id FROM library_chunks c WHERE c.search @@ \(loose)::tsquery \(chunksSampled))))
                 \(entriesSampled))
                """
            return exact && phrase ? "(\(indexed) AND \(holds(exact: true)))" : indexed
        }

        /// The ids of the newest `limit` entries above `floor` that match (`matches(exact: false)`),
        /// planned as `.intersectingNewest`. Two things make PostgreSQL intersect the text index
        /// with the key's range before reading any row:
        ///
        /// - The text index's part is a subquery the planner cannot see into. Seen, the pairs of a
        ///   phrase and its synonyms (拆迁补偿 | 征收补偿) are taken as independent and guessed to
        ///   match 42 entries, where 53,589 do, and the range is not worth intersecting.
        /// - The chunks' entries are a separate arm of a UNION. Under one OR, the planner takes the
        ///   range out of both arms and applies it to every row the text index gives: for
        ///   最低生活保障标准 (53,642 entries' pairs) it read 19,364 pages to keep 2,582 rows (185 ms);
        ///   intersected, 958 pages (58 ms).
        func newest(within filtered: Query, above floor: Int64, limit: Int) -> Query {
            """
            SELECT id FROM (SELECT e.id FROM library_entries e WHERE e.search @@ (SELECT \(loose)::tsquery) AND \(filtered) AND e.id > \(floor)
                            UNION
                            SELECT e.id FROM library_entries e
                            WHERE e.id = ANY(ARRAY(SELECT c.entry_id FROM library_chunks c WHERE c.search @@ \(loose)::tsquery)) AND \(filtered) AND e.id > \(floor)) n
            ORDER BY id DESC LIMIT \(limit)
            """
        }

        /// Whether an entry already found holds the words: its own index, else its chunks (by
        /// their key, only this entry's).
        func holds(exact: Bool) -> Query {
            let query = exact ? self.exact : loose
            return "(e.search @@ \(query)::tsquery OR EXISTS (SELECT 1 FROM library_chunks c WHERE c.entry_id = e.id AND c.search @@ \(query)::tsquery))"
        }
    }

    func resolve(_ expanded: PostgresJSON<[[String]]>) async throws -> Resolved? {
        let row = try await pool.query("""
            WITH w AS (SELECT string_agg('(' || (SELECT string_agg('(' || dd_word_query(a) || ')', ' | ')
                                                  FROM jsonb_array_elements_text(g) a) || ')', ' & ') AS text,
                              string_agg('(' || dd_word_query(g ->> 0) || ')', ' & ') AS literal
                       FROM jsonb_array_elements(\(expanded)) g)
            SELECT to_tsquery('simple', text)::text, to_tsquery('simple', replace(text, '<->', '&'))::text, text LIKE '%<->%',
                   to_tsquery('simple', literal)::text FROM w
            """).single()
        guard let exact = try row.decode(String?.self, at: 0), let loose = try row.decode(String?.self, at: 1), !exact.isEmpty else { return nil }
        return Resolved(exact: exact, loose: loose, phrase: try row.decode(Bool?.self, at: 2) ?? false, literal: try row.decode(String?.self, at: 3))
    }

    /// Whether any entry matches, asked of the GIN index alone (no scan in id order).
    func anyMatch(_ tsquery: Resolved, filtered: Query) async throws -> Bool {
        try await pool.withTransaction { connection in
            try await connection.executeScript("SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off")
            return try await connection.query("SELECT EXISTS (SELECT 1 FROM library_entries e WHERE \(tsquery.matches(exact: false)) AND \(filtered))")
                .single().decode(Bool.self, at: 0)
        }
    }

    /// A statement planned for the values it carries every time (prepared statements otherwise
    /// switch to one generic plan after five runs), with index pages costed as the cached pages
    /// they are: at the default random_page_cost of 4 the planner reads the newest entries one by
    /// one and checks a rare term in each (335 ms) instead of asking the GIN index (4 ms).
    /// Sequential scans are off: the chunks table is a few pages, so the planner scans it, but
    /// every chunk's index lives out of line (TOAST) and a scan unpacks each one — 100 to 230 ms
    /// for 4,555 chunks at a million entries, where their GIN index answers in 2 ms. No search
    /// is ever better served by reading every entry.
    ///
    /// How the newest hits are looked for (`list`): by intersecting the text index with the
    /// key's range (`Resolved.newest`), without plain index scans, which would read the newest
    /// rows one by one and check each one's text; or by exactly that walk, without bitmaps, for
    /// words in very many entries.
    enum Plan {
        case searching, intersectingNewest, walkingDown
    }

    func planned(_ query: Query, _ plan: Plan = .searching) async throws -> QueryResult {
        try await pool.withTransaction { connection in
            let way = switch plan {
            case .searching: ""
            case .intersectingNewest: "; SET LOCAL enable_indexscan = off"
            case .walkingDown: "; SET LOCAL enable_bitmapscan = off"
            }
            try await connection.executeScript("SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL random_page_cost = 1.1; SET LOCAL enable_seqscan = off" + way)
            return try await connection.query(query)
        }
    }

    /// Hits counted in a sample of one entry in `every` (all of them with 1): all, those within
    /// the filters, and the facets over all, in one pass of GROUPING SETS.
    struct Tally: Sendable {
        var all = 0
        var filtered = 0
        var facets: [String: [(value: String, count: Int)]] = [:]
    }

    func tally(_ tsquery: Resolved, filtered: Query, exact: Bool, every: Int) async throws -> Tally {
        var tally = Tally()
        let names = ["kind", "topic", "year", "agency", "disposition"]
        for row in try await planned("""
            SELECT e.kind, e.topic, e.year::text, e.agency_id::text, e.disposition, count(*), count(*) FILTER (WHERE \(filtered)),
                   GROUPING(e.kind), GROUPING(e.topic), GROUPING(e.year), GROUPING(e.agency_id), GROUPING(e.disposition)
            FROM library_entries e WHERE \(tsquery.matches(exact: exact, every: every))
            GROUP BY GROUPING SETS ((e.kind), (e.topic), (e.year), (e.agency_id), (e.disposition), ())
            """) {
            let grouped = try names.indices.map { try row.decode(Int.self, at: 7 + $0) == 0 }
            guard let facet = grouped.firstIndex(of: true) else {
                tally.all = try row.decode(Int.self, at: 5)
                tally.filtered = try row.decode(Int.self, at: 6)
                continue
            }
            guard let value = try row.decode(String?.self, at: facet) else { continue }
            tally.facets[names[facet], default: []].append((value, try row.decode(Int.self, at: 5)))
        }
        for key in tally.facets.keys { tally.facets[key]!.sort { $0.count > $1.count } }
        return tally
    }

    /// The number of hits within the filters, and the facets over all hits: in the sparse
    /// sample (`sparse`, counted already) when hits are everywhere, in the sample when there are
    /// very many, and exact unless the query holds a phrase with too many candidates to check.
    func count(_ tsquery: Resolved, filtered: Query, sparse: Tally) async throws -> Results {
        func estimated(_ sample: Tally, every: Int) -> Results {
            let scale = { (n: Int) in Self.estimate(n * every) }
            return Results(hits: [], total: scale(sample.filtered), isExact: false,
                           facets: sample.facets.mapValues { $0.map { ($0.value, scale($0.count)) } }, suggestions: [])
        }
        if sparse.all >= limits.sparseEnough { return estimated(sparse, every: Self.sparseEvery) }
        let sample = try await tally(tsquery, filtered: filtered, exact: false, every: Self.sampleEvery)
        if sample.all * Self.sampleEvery > limits.sampledAbove { return estimated(sample, every: Self.sampleEvery) }
        var counted = try await tally(tsquery, filtered: filtered, exact: false, every: 1)
        var isExact = !tsquery.phrase
        if tsquery.phrase && counted.all <= limits.exactCount {
            counted = try await tally(tsquery, filtered: filtered, exact: true, every: 1)
            isExact = true
        }
        return Results(hits: [], total: counted.filtered, isExact: isExact, facets: counted.facets, suggestions: [])
    }

    /// An estimate to three significant figures (209,120 → 209,000), so that it does not look exact.
    static func estimate(_ n: Int) -> Int {
        var unit = 1
        while n / unit >= 1_000 { unit *= 10 }
        return (n + unit / 2) / unit * unit
    }
}

extension LibraryStore {
    /// The editable list of topics, in its order.
    public func topics() async throws -> [String] {
        try await pool.query("SELECT name FROM topics ORDER BY position, name").map { try $0.decode(String.self, at: 0) }
    }
}

extension LibraryStore {
    /// Each word with its synonyms (both ways), and the same word with its dictionary words
    /// swapped for theirs (SynonymVariants: 拆迁补偿 → 征收补偿, 房屋征收补偿, still a phrase, as typed). The word
    /// itself comes first. Pinyin is not expanded here: a Latin word that finds nothing is
    /// respelled (`respellings`), which knows every dictionary word, and says so.
    func expand(_ words: [String]) async throws -> [[String]] {
        let parts = words.map(Self.parts)
        let asked = Array(Set(words + parts.flatMap { $0 }))
        var known: [String: [String]] = [:]
        for row in try await pool.query("""
            SELECT w, array(SELECT DISTINCT x FROM (
                       SELECT synonym AS x FROM synonyms WHERE term = w
                       UNION SELECT term FROM synonyms WHERE synonym = w) s ORDER BY x)
            FROM unnest(\(asked)) AS u(w)
            """) {
            known[try row.decode(String.self, at: 0)] = try row.decode([String].self, at: 1)
        }
        return zip(words, parts).map { word, parts in
            let inside = parts.isEmpty ? [] : SynonymVariants.variants(of: word, words: parts, synonyms: known, limit: Self.maxAlternatives)
            var seen: Set<String> = []
            return Array(([word] + (known[word] ?? []) + inside).filter { seen.insert($0).inserted }.prefix(Self.maxAlternatives))
        }
    }

    /// The words to mark in snippets: each alternative's words (a synonym may be several: 延长 答复期限).
    static func marked(_ alternatives: some Sequence<String>) -> [String] {
        alternatives.flatMap { alternative -> [String] in alternative.split(separator: " ").map(String.init) }
    }

    /// A word's alternatives stop here: each is a phrase every candidate is checked against.
    static let maxAlternatives = 12

    /// The dictionary words of a Chinese word of three characters or more (拆迁补偿 → 拆迁, 补偿),
    /// empty when it is one word or not Chinese.
    static func parts(_ word: String) -> [String] {
        guard word.count >= 3, word.allSatisfy(QueryWords.isChinese) else { return [] }
        let parts = SearchDictionary.segmenter.segment(word)
        return parts.count > 1 ? parts : []
    }

    /// Terms starting with what was typed, in characters, full pinyin or initials (chaiqian, cq → 拆迁).
    public func suggest(_ prefix: String, limit: Int = 10) async throws -> [String] {
        let key = TraditionalFolding.fold(prefix.trimmingCharacters(in: .whitespaces).lowercased())
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
