import DisclosureCore
import DisclosureStore
import LibPQ
import Testing

/// Search over a small fixed library: which entries each query must find, in which order.
@Suite struct LibraryStoreTests {
    static let corpus: [LibraryEntry] = [
        LibraryEntry(kind: .typicalCase, title: "房屋征收补偿方案的公开", body: "申请人申请公开经七路片区旧城改造项目房屋征收补偿方案，区住建局予以公开。", topic: "征地拆迁", year: 2024),
        LibraryEntry(kind: .policy, title: "济南市国有土地上房屋征收与补偿办法", body: "为规范国有土地上房屋征收与补偿活动，维护公共利益，保障被征收人合法权益，制定本办法。", topic: "征地拆迁", year: 2023),
        LibraryEntry(kind: .standardText, title: "不予公开告知书（第三方合法权益）", body: "经征求第三方意见，第三方不同意公开，依据条例第十五条、第三十二条，决定不予公开。补偿协议涉及商业秘密。", year: 2024),
        LibraryEntry(kind: .faq, title: "城乡最低生活保障标准是多少", body: "2024年济南市城乡低保标准为每人每月1000元，具体以民政部门公布为准。", topic: "社会保障", year: 2024),
        LibraryEntry(kind: .typicalCase, title: "申请公开政府信息公开年度报告", body: "申请人要求提供2023年度政府信息公开工作年度报告，属于已主动公开的信息，告知获取途径。", year: 2024),
        LibraryEntry(kind: .policy, title: "关于进一步做好GIS数据共享工作的通知", body: "各部门应通过ＧＩＳ平台共享地理信息数据，编号2024-17。", topic: "国土空间规划", year: 2024),
        LibraryEntry(kind: .faq, title: "补偿款什么时候发放", body: "征收补偿款在签订补偿协议后按约定期限发放。", topic: "征地拆迁", year: 2025),
        LibraryEntry(kind: .typicalCase, title: "违法建设拆除决定的公开", body: "对某路段违法建设依法拆除，拆迁公告已张贴。", topic: "城市管理", year: 2025,
                     tags: ["违法建设", "拆迁公告"]),
    ]

    func library(_ label: String) async throws -> (LibraryStore, [Int64]) {
        try await StoreFixture.library(label, Self.corpus)
    }

    /// An article cited in figures, or joined to the law's name, finds the text that writes it in
    /// Chinese numerals (issue 15).
    @Test func aCitationFindsTheArticleHoweverItIsTyped() async throws {
        let (store, ids) = try await library("library-citation")
        for query in ["第十五条", "第15条", "第１５条", "条例第15条"] {
            #expect(try await store.search(query).hits.map { $0.entry.id! } == [ids[2]], "\(query)")
        }
        #expect(try await store.search("第16条").hits.isEmpty)
    }

    @Test func queriesFindWhatTheyMust() async throws {
        let (store, ids) = try await library("library-search")
        func found(_ q: String, _ filters: LibraryStore.Filters = .init()) async throws -> [Int64] {
            try await store.search(q, filters: filters).hits.map { $0.entry.id! }
        }
        // Two characters: every entry with 征收 (or its plain-language 拆迁); those with it in the title first.
        let zhengshou = try await found("征收")
        #expect(Set(zhengshou) == [ids[0], ids[1], ids[6], ids[7]])
        #expect(Set(zhengshou.prefix(2)) == [ids[0], ids[1]])
        // A longer phrase matches only in that order.
        #expect(Set(try await found("征收补偿")) == [ids[0], ids[6]])
        // In the other order it is no phrase of any entry: its words are looked for apart (LibraryWordSearchTests).
        #expect(try await store.search("补偿征收").words == ["补偿", "征收"])
        // Two words: both must be there.
        #expect(try await found("补偿 商业秘密") == [ids[2]])
        // Latin words, in full-width too, and numbers.
        #expect(try await found("gis") == [ids[5]])
        #expect(try await found("ＧＩＳ 共享") == [ids[5]])
        #expect(try await found("2024-17") == [ids[5]])
        // Punctuation in the query is ignored; one character is a prefix.
        #expect(Set(try await found("低保，标准！")) == [ids[3]])
        #expect(Set(try await found("报")) == [ids[4]])
        // Filters narrow the hits.
        #expect(try await found("补偿", .init(kind: .faq)) == [ids[6]])
        #expect(Set(try await found("补偿", .init(year: 2024))) == [ids[0], ids[2]])
        #expect(try await found("。").isEmpty)
    }

    /// The relevance set: query → the entries (by corpus index) it must find, and the one that
    /// must come first where the order matters. Together with the tests above: more than 40 queries.
    static let relevance: [(query: String, found: Set<Int>, first: Int?)] = [
        ("征收", [0, 1, 6, 7], nil), ("补偿", [0, 1, 2, 6], nil), ("补偿方案", [0], 0), ("房屋征收", [0, 1, 7], nil),
        ("征收补偿方案", [0], 0), ("国有土地", [1], 1), ("国有土地上房屋", [1], 1), ("第三方", [2], 2), ("商业秘密", [2], 2),
        ("不予公开", [2], 2), ("低保标准", [3], 3), ("最低生活保障标准", [3], 3), ("每人每月", [3], 3), ("年度报告", [4], 4),
        ("政府信息公开工作", [4], 4), ("已主动公开", [4], 4), ("GIS", [5], 5), ("gis数据", [5], 5), ("ＧＩＳ平台", [5], 5),
        ("数据共享", [5], 5), ("2024", [3, 5], nil), ("补偿款", [6], 6), ("补偿协议", [2, 6], nil), ("违法建设", [7], 7),
        ("拆迁公告", [7], 7), ("weifajianshe", [7], 7), ("wfjs", [7], 7), ("公租房", [], nil), ("征收 公告", [7], 7),
        ("「补偿方案」", [0], 0), ("补偿方案？", [0], 0), ("  征收   补偿  ", [0, 1, 6], nil), ("公开", [0, 2, 4, 7], nil),
    ]

    @Test func theRelevanceSet() async throws {
        let (store, ids) = try await library("library-relevance")
        for (query, expected, first) in Self.relevance {
            let hits = try await store.search(query).hits.map { $0.entry.id! }
            #expect(Set(hits) == Set(expected.map { ids[$0] }), "\(query)")
            if let first { #expect(hits.first == ids[first], "\(query) first") }
        }
    }

    @Test func plainWordsAndPinyinFindTheOfficialOnes() async throws {
        let (store, ids) = try await library("library-synonyms")
        func found(_ q: String) async throws -> Set<Int64> { Set(try await store.search(q).hits.map { $0.entry.id! }) }
        // 拆迁 is what people say; 征收 is what the documents say.
        #expect(try await found("拆迁") == [ids[0], ids[1], ids[6], ids[7]])
        #expect(try await found("低保") == [ids[3]])
        #expect(try await found("最低生活保障") == [ids[3]])
        // Pinyin in full or as initials spells the Chinese term, searched with its synonyms after
        // (issue 15): the entry saying 拆迁 first, then those saying 征收.
        for typed in ["chaiqian", "cq"] {
            let results = try await store.search(typed)
            #expect(results.didYouMean == "拆迁", "\(typed)")
            #expect(results.hits.first?.entry.id == ids[7], "\(typed)")
            #expect(Set(results.hits.map { $0.entry.id! }) == [ids[0], ids[1], ids[6], ids[7]], "\(typed)")
        }
        // Suggestions while typing: characters, pinyin, initials, tags.
        #expect(try await store.suggest("chai").contains("拆迁"))
        #expect(try await store.suggest("dib").contains("低保"))
        #expect(try await store.suggest("违法").contains("违法建设"))
        // Nothing found: the nearest terms are offered.
        let empty = try await store.search("chaiq")
        #expect(empty.total == 0)
        #expect(empty.suggestions.contains("拆迁"))
    }

    @Test func phrasesDeepInLongDocumentsAreFound() async throws {
        let f = try await StoreFixture.make("library-long")
        let store = LibraryStore(pool: f.pool)
        let filler = String(repeating: "本办法适用于本区行政区域内的有关工作。", count: 800)  // 14,400 characters
        let deep = filler + "第九十九条 被征收人对补偿决定不服的可以申请行政复议。" + filler
        let id = try await store.add(LibraryEntry(kind: .policy, title: "很长的办法", body: deep), by: nil)
        #expect(try await store.search("被征收人").hits.map { $0.entry.id } == [id])
        // A phrase across the first chunk boundary (character 8,000) is found too.
        let boundary = String(repeating: "甲", count: 7990) + "房屋安全鉴定报告" + String(repeating: "乙", count: 9000)
        let second = try await store.add(LibraryEntry(kind: .policy, title: "边界", body: boundary), by: nil)
        #expect(try await store.search("房屋安全鉴定报告").hits.map { $0.entry.id } == [second])
        let snippet = try await store.search("被征收人").hits[0].snippet
        #expect(snippet.contains { $0.marked && $0.text == "被征收人" })
    }

    @Test func administratorsExtendSynonymsAndTopics() async throws {
        let (store, ids) = try await library("library-edit")
        // Unknown as a phrase: only its word 数据 is found (空间 is in no entry).
        let unknown = try await store.search("空间数据")
        #expect(unknown.words == ["空间", "数据"] && unknown.unmatched == ["空间"])
        try await store.addSynonym("空间数据", "GIS")
        let known = try await store.search("空间数据")
        #expect(known.hits.map { $0.entry.id } == [ids[5]])
        #expect(known.words == [])
        #expect(try await store.suggest("kjsj").contains("空间数据"))
        await #expect(throws: LifecycleError.self) { try await store.addSynonym("同", "同") }
        try await store.removeSynonym("空间数据", "GIS")
        #expect(try await store.search("空间数据").unmatched == ["空间"])
        try await store.addTopic("信访维稳")
        #expect(try await store.topics().contains("信访维稳"))
        #expect(try await store.topics().last == "其他")
    }

    /// Words near each other rank above the same words scattered (issue 15), whatever the order
    /// the entries were added in.
    @Test func wordsTogetherRankAboveWordsApart() async throws {
        let filler = "区人民政府办公室按照年度工作安排组织有关单位开展专项检查并通报结果"
        let apart = LibraryEntry(kind: .faq, title: "问答一", body: "征收" + filler + "补偿")
        let together = LibraryEntry(kind: .faq, title: "问答二", body: "征收补偿" + filler)
        for (label, order) in [("library-near-1", [apart, together]), ("library-near-2", [together, apart])] {
            let (store, ids) = try await StoreFixture.library(label, order)
            let near = ids[order.firstIndex(of: together)!]
            #expect(try await store.search("征收 补偿").hits.first?.entry.id == near, "\(label)")
        }
    }

    @Test func facetsAndSnippets() async throws {
        let (store, _) = try await library("library-facets")
        let results = try await store.search("补偿")
        #expect(results.total == 4)
        let kinds = Dictionary(uniqueKeysWithValues: (results.facets["kind"] ?? []).map { ($0.value, $0.count) })
        #expect(kinds == ["typical_case": 1, "policy": 1, "standard_text": 1, "faq": 1])
        let topics = Dictionary(uniqueKeysWithValues: (results.facets["topic"] ?? []).map { ($0.value, $0.count) })
        #expect(topics == ["征地拆迁": 3])
        let snippet = try #require(results.hits.first { $0.entry.id != nil && $0.entry.title.contains("补偿款") }?.snippet)
        #expect(snippet.filter(\.marked).map(\.text) == ["补偿", "补偿"])
    }

    @Test func manyPhraseCandidatesAreCountedAsAboutButListedExactly() async throws {
        let f = try await StoreFixture.make("library-about")
        let store = LibraryStore(pool: f.pool)
        // The pairs of 征收补偿 (征收, 收补, 补偿) in every entry, but the phrase only in the oldest.
        let real = try await store.add(LibraryEntry(kind: .policy, title: "房屋征收补偿办法", body: "规定房屋征收补偿标准。"), by: nil)
        var apart: [Int64] = []
        for n in 1...3 {
            apart.append(try await store.add(LibraryEntry(kind: .faq, title: "问答\(n)", body: "补偿标准由区里征收办公室公布，税收补贴另算。"), by: nil))
        }
        // Within the limit the phrase is checked in every candidate: an exact count.
        let checked = try await store.search("征收补偿")
        #expect(checked.isExact)
        #expect(checked.total == 1)
        #expect(checked.facets["kind"]?.map(\.value) == ["policy"])
        #expect(checked.hits.map(\.entry.id) == [real])
        // Over it the candidates are counted as "about", times the share of the candidates the
        // list checked that hold the phrase (1 of 4), not as the 4 holding its pairs; the list
        // still holds only the real phrase, found by checking more candidates when the newest held none.
        let about = try await store.with(.init(exactCount: 2, rankedWindow: 2)).search("征收补偿")
        #expect(!about.isExact)
        #expect(about.total == 1)
        #expect(about.hits.map(\.entry.id) == [real])
        // A query of single pairs (标准 has no longer synonym) is exact whatever its size.
        let single = try await store.with(.init(exactCount: 0, rankedWindow: 1)).search("标准")
        #expect(single.isExact)
        #expect(single.total == 4)
        #expect(single.hits.count == 4)
        #expect(Set(apart).isSubset(of: single.hits.compactMap(\.entry.id)))
    }

    @Test func veryManyHitsAreCountedInASampleAndTheNewestFoundFirst() async throws {
        let f = try await StoreFixture.make("library-sample")
        let store = LibraryStore(pool: f.pool)
        var ids: [Int64] = []
        for n in 1...40 {
            let kind: LibraryEntry.Kind = n % 2 == 0 ? .faq : .policy
            ids.append(try await store.add(LibraryEntry(kind: kind, title: "燃气问答\(n)", body: n == 3 ? "燃气管道改造" : "燃气安全"), by: nil))
        }
        // Exact by default: 40 hits, 20 of each kind.
        let exact = try await store.search("燃气")
        #expect(exact.isExact && exact.total == 40)
        #expect(Set(exact.facets["kind"]?.map(\.count) ?? []) == [20])
        // Above the limit the sample (one id in 16: 16 and 32, both FAQ) stands for the whole, as "about".
        let sampled = try await store.with(.init(sampledAbove: 10)).search("燃气")
        #expect(!sampled.isExact)
        #expect(sampled.total == 32)
        #expect(sampled.facets["kind"]?.map(\.value) == ["faq"])
        #expect(sampled.facets["kind"]?.map(\.count) == [32])
        // The newest hits are looked for among the newest entries first: equal hits come newest first…
        let narrow = store.with(.init(rankedWindow: 3, recentSpan: 5))
        #expect(try await narrow.search("燃气", limit: 2).hits.map(\.entry.id) == [ids[39], ids[38]])
        // …and a hit further back is still found once the span widens.
        #expect(try await narrow.search("管道").hits.map(\.entry.id) == [ids[2]])
    }

    @Test func wordsInNearlyEveryEntryAreCountedInTheSparseSampleAndTheNewestReadFirst() async throws {
        let f = try await StoreFixture.make("library-sparse")
        try await f.pool.query("""
            INSERT INTO library_entries (kind, title, body)
            SELECT CASE WHEN n % 3 = 0 THEN 'policy' ELSE 'faq' END, '燃气问答' || n, '燃气安全' FROM generate_series(1, 600) n
            """)
        let rows = try await f.pool.query("SELECT id, kind FROM library_entries ORDER BY id DESC").map { try $0.decode(Int64.self, String.self) }
        // The sparse sample is one id in 256; its hits stand for 256 each.
        let sparse = rows.filter { $0.0 % 256 == 0 }
        #expect(sparse.count >= 2)
        let results = try await LibraryStore(pool: f.pool).with(.init(sparseEnough: 2)).search("燃气", limit: 3)
        #expect(!results.isExact)
        #expect(results.total == sparse.count * 256)
        let kinds = Dictionary(uniqueKeysWithValues: (results.facets["kind"] ?? []).map { ($0.value, $0.count) })
        #expect(kinds == Dictionary(grouping: sparse, by: \.1).mapValues { $0.count * 256 })
        // Found in every entry, the newest are read one by one from the newest down.
        #expect(results.hits.map(\.entry.id) == rows.prefix(3).map(\.0))
    }

    @Test func aPhraseNoCandidateHoldsIsSearchedAsWords() async throws {
        let f = try await StoreFixture.make("library-apart")
        let store = LibraryStore(pool: f.pool)
        // 低保 and 标准 in every entry, and the pairs of 低保标准 (低保, 保标, 标准), but never the phrase.
        var ids: [Int64] = []
        for n in 1...3 {
            ids.append(try await store.add(LibraryEntry(kind: .faq, title: "低保问答\(n)", body: "低保对象须确保标准一致。"), by: nil))
        }
        // Counted as "about" (too many candidates to check each), the phrase is in none of those
        // checked: an empty page would say "about 3" and show nothing; the words are searched instead.
        let results = try await store.with(.init(exactCount: 0)).search("低保标准")
        #expect(results.words == ["低保", "标准"])
        #expect(results.unmatched.isEmpty)
        #expect(Set(results.hits.compactMap(\.entry.id)) == Set(ids))
    }

    @Test func aPhraseTheSparseSampleSaysIsRareAmongItsCandidatesIsSearchedAsWordsAtOnce() async throws {
        let f = try await StoreFixture.make("library-probe")
        // The pairs of 低保标准 in 600 entries, two of them in the sparse sample (ids 256, 512),
        // and the phrase only in the newest, outside it.
        try await f.pool.query("""
            INSERT INTO library_entries (kind, title, body) SELECT 'faq', '低保问答' || n, '低保对象须确保标准一致。' FROM generate_series(1, 600) n
            """)
        let store = LibraryStore(pool: f.pool)
        let phrase = try await store.add(LibraryEntry(kind: .faq, title: "低保问答", body: "低保标准每年公布。"), by: nil)
        // Listed as typed, the newest candidate holds the phrase.
        let typed = try await store.search("低保标准")
        #expect(typed.words.isEmpty)
        #expect(typed.hits.map(\.entry.id) == [phrase])
        // Probing the sparse sample's two candidates, neither holding it, the words are searched
        // without checking a thousand candidates: the entry holding them together still first.
        let probed = try await store.with(.init(phraseProbe: 2)).search("低保标准")
        #expect(probed.words == ["低保", "标准"])
        #expect(probed.hits.first?.entry.id == phrase)
        #expect(probed.hits.count == 20)
    }

    @Test func theHighlighterMarksEveryOccurrenceInAWindow() {
        let text = String(repeating: "前言", count: 40) + "征收补偿方案与ＧＩＳ数据"
        let segments = Highlighter.snippet(text, terms: Highlighter.terms("征收 gis"), width: 30)
        #expect(segments.first?.text == "…")
        #expect(segments.filter(\.marked).map(\.text) == ["征收", "ＧＩＳ"])
        #expect(Highlighter.terms("ＧＩＳ，征收！2024") == ["gis", "征收", "2024"])
    }
}
