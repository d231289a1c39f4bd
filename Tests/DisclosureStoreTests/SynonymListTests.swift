import DisclosureCore
import DisclosureStore
import Foundation
import Testing

/// The plain-language pairs the migrations bring (issue 15, deliverable 5): enough of them, each
/// two different words of two characters or more, and plain words finding texts that hold only
/// the documents' words.
@Suite struct SynonymListTests {
    /// Texts written only in the documents' words (the regulations' own sentences).
    static let corpus: [LibraryEntry] = [
        LibraryEntry(kind: .policy, title: "政府信息公开条例 第三十三条",
                     body: "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人。"),
        LibraryEntry(kind: .policy, title: "政府信息公开信息处理费管理办法 第二条",
                     body: "本办法所称信息处理费，是指为了有效调节政府信息公开申请行为、引导申请人合理行使权利而收取的费用。"),
        LibraryEntry(kind: .policy, title: "国有土地上房屋征收与补偿条例 第二十二条",
                     body: "因征收房屋造成搬迁的，房屋征收部门应当向被征收人支付搬迁费；产权调换房屋交付前，应当支付临时安置费或者提供周转用房。"),
        LibraryEntry(kind: .policy, title: "社会救助暂行办法 第十三条",
                     body: "最低生活保障家庭的人口状况、收入状况、财产状况发生变化的，应当及时告知乡镇人民政府、街道办事处。"),
        LibraryEntry(kind: .policy, title: "政府信息公开条例 第二十四条",
                     body: "各级人民政府应当加强依托政府门户网站公开政府信息的工作。"),
    ]

    @Test func theListIsLongAndEveryPairTwoWords() async throws {
        let f = try await StoreFixture.make("synonym-list")
        let pairs = try await LibraryStore(pool: f.pool).synonyms()
        // A pair and its reverse are one pair: both directions count anyway.
        let distinct = Set(pairs.map { [$0.term, $0.synonym].sorted() })
        #expect(distinct.count >= 300)
        for (term, synonym) in pairs {
            let a = term.trimmingCharacters(in: .whitespacesAndNewlines), b = synonym.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(a != b, "\(term) = \(synonym)")
            #expect(a.count >= 2 && b.count >= 2, "\(term) / \(synonym)")
        }
    }

    /// Plain words (延期, 交钱, 搬家费, 过渡房, 拆迁户, 低保户, 官网) find the texts that say
    /// 延长答复期限, 信息处理费, 搬迁费, 周转用房, 被征收人, 最低生活保障家庭, 门户网站.
    @Test func plainWordsFindTheDocumentsWords() async throws {
        let (store, ids) = try await StoreFixture.library("synonym-list-search", Self.corpus)
        let expected: [(query: String, entry: Int)] = [
            ("延期", 0), ("交钱", 1), ("搬家费", 2), ("过渡房", 2), ("拆迁户", 2), ("低保户", 3), ("官网", 4),
        ]
        for (query, entry) in expected {
            let text = Self.corpus[entry].title + Self.corpus[entry].body
            #expect(!text.contains(query), "\(query) is in the text itself")
            #expect(try await store.search(query).hits.map { $0.entry.id! } == [ids[entry]], "\(query)")
        }
    }
}
