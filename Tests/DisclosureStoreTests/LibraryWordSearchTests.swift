import DisclosureCore
import DisclosureStore
import LibPQ
import Testing

/// Questions (issue 15): a query that finds nothing taken whole is searched as its words,
/// entries holding the most of them first, and the words nothing holds are told.
@Suite struct LibraryWordSearchTests {
    static let corpus: [LibraryEntry] = LibraryStoreTests.corpus + [
        LibraryEntry(kind: .faq, title: "申请公开政府信息是否收费", body: "行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费。", year: 2024),
        LibraryEntry(kind: .faq, title: "房屋征收补偿标准如何确定", body: "被征收房屋的补偿标准，由房地产价格评估机构按照征收决定公告之日类似房地产的市场价格评估确定。", topic: "征地拆迁", year: 2025),
    ]
    static let fees = 8, standard = 9

    func library(_ label: String) async throws -> (LibraryStore, [Int64]) {
        try await StoreFixture.library(label, Self.corpus)
    }

    @Test func aQuestionAboutFeesFindsTheAnswer() async throws {
        let (store, ids) = try await library("library-words-fees")
        // 交钱 is a plain word for 信息处理费 (Schema 0023): the answer is the only hit with all four.
        let plain = try await store.search("我想知道申请公开政府信息要不要交钱")
        #expect(plain.unmatched == [])
        #expect(plain.hits.first?.entry.id == ids[Self.fees])
        #expect(plain.hits.first?.missing == [])
        // Without that pair, no entry says 交钱: it is told, and the entries with the other three words come first.
        try await store.removeSynonym("交钱", "信息处理费")
        let results = try await store.search("我想知道申请公开政府信息要不要交钱")
        #expect(results.words == ["申请", "公开", "政府信息", "交钱"])
        #expect(results.unmatched == ["交钱"])
        let hits = results.hits.map { $0.entry.id! }
        #expect(Set(hits.prefix(2)) == [ids[Self.fees], ids[4]])
        #expect(results.hits.first?.missing == [])  // 交钱 is in no entry: told once, in unmatched
        #expect(results.total == results.hits.count)
        // Hits holding more words never follow hits holding fewer.
        let missing = results.hits.map(\.missing.count)
        #expect(missing == missing.sorted())
        // With 交钱 a synonym of 收费 instead, the answer is again the only hit with all four.
        try await store.addSynonym("交钱", "收费")
        let again = try await store.search("我想知道申请公开政府信息要不要交钱")
        #expect(again.unmatched == [])
        #expect(again.hits.first?.entry.id == ids[Self.fees])
        #expect(again.hits.first?.missing == [])
    }

    @Test func aQuestionAboutCompensationFindsTheStandard() async throws {
        let (store, ids) = try await library("library-words-standard")
        let results = try await store.search("我想查一下我家房子拆迁的补偿标准")
        #expect(results.words == ["房子", "拆迁", "补偿", "标准"])
        #expect(results.unmatched == ["房子"])
        // 拆迁 counts through its synonym 征收: the entry with 征收, 补偿 and 标准 comes first.
        #expect(results.hits.first?.entry.id == ids[Self.standard])
        #expect(results.hits.first?.missing == [])
        let hits = Set(results.hits.map { $0.entry.id! })
        #expect(hits.isSuperset(of: [ids[0], ids[1], ids[3], ids[6]]))
    }

    /// A query found taken whole is searched as before: no words, nothing unmatched, the same hits.
    @Test func aQueryFoundWholeIsNotTakenApart() async throws {
        let (store, ids) = try await library("library-words-whole")
        let whole = try await store.search("征收补偿")
        #expect(whole.words == [] && whole.unmatched == [])
        #expect(Set(whole.hits.map { $0.entry.id! }) == [ids[0], ids[6], ids[Self.standard]])
        // 补偿征收 is in no entry in that order: its two words are looked for apart.
        let apart = try await store.search("补偿征收")
        #expect(apart.words == ["补偿", "征收"])
        #expect(apart.unmatched == [])
        #expect(Set(apart.hits.filter { $0.missing.isEmpty }.map { $0.entry.id! }) == [ids[0], ids[1], ids[6], ids[Self.standard]])
        #expect(apart.hits.first { $0.entry.id == ids[2] }?.missing == ["征收"])
    }

    /// Nothing holds any word: no hits, every word told, and the nearest terms offered.
    @Test func noWordFoundOffersSuggestions() async throws {
        let (store, _) = try await library("library-words-none")
        let results = try await store.search("请问廉租房")
        #expect(results.hits.isEmpty && results.total == 0)
        #expect(results.unmatched == ["廉租房"])
        #expect(results.suggestions.contains("廉租房"))
    }

    /// Filters hold for the words too: a word found only outside them is unmatched.
    @Test func filtersNarrowTheWords() async throws {
        let (store, ids) = try await library("library-words-filters")
        let results = try await store.search("我想查一下我家房子拆迁的补偿标准", filters: .init(kind: .faq))
        #expect(results.hits.allSatisfy { $0.entry.kind == .faq })
        #expect(results.hits.first?.entry.id == ids[Self.standard])
    }
}
