import DisclosureCore
@testable import DisclosureStore
import LibPQ
import Testing

/// When a query's characters find nothing, the library search writes it again in characters the
/// library holds (issue 15): pinyin in full, by initials or mixed, and homophone typos, the
/// respelling told as 您是不是要找. Entries are found by their tags, synonyms work inside a
/// longer word, and entries saying the word itself come before those saying only a synonym.
@Suite struct LibraryRespellingTests {
    static let corpus: [LibraryEntry] = [
        LibraryEntry(kind: .policy, title: "政府信息公开条例 第三十条", body: "政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人作出补正。", year: 2019),
        LibraryEntry(kind: .policy, title: "政府信息公开条例 第四十二条", body: "行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。", year: 2019),
        LibraryEntry(kind: .policy, title: "政府信息公开条例 第十五条", body: "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。", year: 2019),
        LibraryEntry(kind: .policy, title: "国有土地上房屋征收与补偿条例 第二十一条", body: "被征收人可以选择货币补偿，也可以选择房屋产权调换。", year: 2011),
        LibraryEntry(kind: .typicalCase, title: "申请公开征收补偿方案", body: "申请人申请公开旧城改造项目的征收补偿方案，区政府予以公开。", topic: "征地拆迁", year: 2024),
        LibraryEntry(kind: .faq, title: "拆迁补偿怎么查", body: "拆迁补偿的标准可以向区住建局申请公开。", topic: "征地拆迁", year: 2025),
        LibraryEntry(kind: .standardText, title: "告知书样式", body: "请于十五个工作日内提交所需材料。", year: 2024, tags: ["补正告知书"]),
    ]
    static let correction = 0, fee = 1, secrets = 2, exchange = 3, expropriation = 4, demolition = 5, template = 6

    @Test func pinyinFindsTheWordsItSpells() async throws {
        let (store, ids) = try await StoreFixture.library("respell-pinyin", Self.corpus)
        // 补正 is also in the template's tag, which counts as its title: both are found, the template first.
        let correction = try await store.search("buzheng")
        #expect(correction.didYouMean == "补正")
        #expect(correction.hits.map(\.entry.id) == [ids[Self.template], ids[Self.correction]])
        for (typed, meant, entry) in [("xinxichulifei", "信息处理费", Self.fee), ("symm", "商业秘密", Self.secrets),
                                      ("cqth", "产权调换", Self.exchange), ("个人yinsi", "个人隐私", Self.secrets)] {
            let results = try await store.search(typed)
            #expect(results.didYouMean == meant, "\(typed)")
            #expect(results.hits.first?.entry.id == ids[entry], "\(typed)")
            // The respelled words are marked in the snippet.
            #expect(results.hits.first?.snippet.contains { $0.marked && meant.contains($0.text) } == true, "\(typed)")
        }
    }

    @Test func aHomophoneTypoIsCorrectedAndTold() async throws {
        let (store, ids) = try await StoreFixture.library("respell-typo", Self.corpus)
        let results = try await store.search("信息处里费")
        #expect(results.didYouMean == "信息处理费")
        #expect(results.hits.map(\.entry.id) == [ids[Self.fee]])
        #expect(try await store.search("商业秘蜜").hits.first?.entry.id == ids[Self.secrets])
    }

    @Test func whatTheCharactersFindIsNeverRespelled() async throws {
        let (store, ids) = try await StoreFixture.library("respell-exact", Self.corpus)
        let results = try await store.search("补正")
        #expect(results.didYouMean == nil)
        #expect(results.hits.map(\.entry.id) == [ids[Self.template], ids[Self.correction]])
        // Nothing close in the library: no respelling is made up, and the search says what it did not find.
        let nothing = try await store.search("qwxzk")
        #expect(nothing.didYouMean == nil)
        #expect(nothing.hits.isEmpty)
    }

    @Test func tagsAreSearched() async throws {
        let (store, ids) = try await StoreFixture.library("respell-tags", Self.corpus)
        // 补正告知书 is only the template's tag, and a suggestion for buzheng: choosing it finds the template.
        #expect(try await store.suggest("buzheng").contains("补正告知书"))
        #expect(try await store.search("补正告知书").hits.map(\.entry.id) == [ids[Self.template]])
    }

    @Test func synonymsWorkInsideALongerWordAndTheWordItselfComesFirst() async throws {
        let (store, ids) = try await StoreFixture.library("respell-synonyms", Self.corpus)
        // 拆迁 ↔ 征收 (Schema 0009): 拆迁补偿 finds the entry saying 征收补偿, after the one saying 拆迁补偿.
        let results = try await store.search("拆迁补偿")
        #expect(results.hits.map(\.entry.id) == [ids[Self.demolition], ids[Self.expropriation]])
        // And the other way round.
        #expect(try await store.search("征收补偿").hits.map(\.entry.id) == [ids[Self.expropriation], ids[Self.demolition]])
    }

    @Test func pairsOfNewEntriesAreNotedAndRespelledTo() async throws {
        let (store, _) = try await StoreFixture.library("respell-new", Self.corpus)
        #expect(try await store.search("tingzhenghui").hits.isEmpty)
        let fresh = LibraryStore(pool: store.pool)
        let id = try await fresh.add(LibraryEntry(kind: .policy, title: "听证", body: "市、县级人民政府应当组织召开听证会。"), by: nil)
        let results = try await fresh.search("tingzhenghui")
        #expect(results.didYouMean == "听证会")
        #expect(results.hits.map(\.entry.id) == [id])
    }

    /// Entries loaded in bulk (COPY, not `add`) are noted by a catch-up afterwards; catch-ups and
    /// adds at once, noting many of the same new pairs, never deadlock (a trigger noting each
    /// load's pairs did, two loads at once).
    @Test func pairsOfBulkLoadsAreNotedAfterwardsWithoutDeadlock() async throws {
        let (store, _) = try await StoreFixture.library("respell-concurrent", [])
        let pool = store.pool
        func pairs() async throws -> Int { try await pool.query("SELECT count(*) FROM search_pairs").single().decode(Int.self, at: 0) }
        let before = try await pairs()
        // 1,200 entries of 40 characters drawn from 200 ideographs: most of their pairs are in the others too.
        try await pool.query("""
            INSERT INTO library_entries (kind, title, body)
            SELECT 'faq', '并发', (SELECT string_agg(chr(19968 + floor(random() * 200)::int + i * 0 + k * 0), '') FROM generate_series(1, 40) AS k)
            FROM generate_series(1, 1200) AS i
            """)
        #expect(try await pairs() == before)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { try await store.notePairs() } }
            for n in 0..<6 {
                group.addTask {
                    let body = (0..<60).map { k in String(UnicodeScalar(UInt32(0x4E00 + (n * 37 + k * 11) % 200))!) }.joined()
                    try await store.add(LibraryEntry(kind: .faq, title: "并发\(n)", body: body), by: nil)
                }
            }
            try await group.waitForAll()
        }
        #expect(try await pairs() > before + 1_000)
        #expect(try await store.notePairs() == 0)
        // An entry added after the catch-up moves the progress on: the next catch-up reads nothing again.
        try await store.add(LibraryEntry(kind: .faq, title: "之后", body: "听证会之后"), by: nil)
        #expect(try await store.notePairs() == 0)
    }
}
