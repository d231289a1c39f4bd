import DisclosureCore
import DisclosureStore
import Testing

@Suite struct SimilarStoreTests {
    /// An intake whose request text says only what its subject says.
    func register(_ f: StoreFixture, _ subject: String, agency: Int64? = nil, arrivedOn: String = "2024-09-02") async throws -> CaseStore.Record {
        var intake = f.intake(subject: subject, arrivedOn: arrivedOn, agency: agency)
        intake.description = "请提供：" + subject
        return try await f.store.register(intake, by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
    }

    @Test func casesAreSearchedWithinTheAgencyWalls() async throws {
        let f = try await StoreFixture.make("case-search")
        let housing = try await register(f, "申请公开经七路片区房屋征收补偿方案")
        let street = try await register(f, "申请公开七里山街道征收补偿名单", agency: f.agencies[2].id)
        _ = try await register(f, "申请公开2024年低保名单")
        let search = SimilarStore(pool: f.pool)
        #expect(Set(try await search.searchCases("征收补偿", scope: .everything(reason: "tests see every agency")).cases.map(\.id)) == [housing.id, street.id])
        let mine = try await search.searchCases("征收补偿", scope: .agencies([f.agencies[1].id]))
        #expect(mine.cases.map(\.id) == [housing.id])
        #expect(mine.total == 1)
        #expect(try await search.searchCases("补偿征收", scope: .everything(reason: "tests see every agency")).total == 0)
    }

    /// Plain words find the cases written in the documents' words (issue 15): 拆迁 finds 房屋征收,
    /// inside a longer query too, and back; the cases holding the query as typed come first.
    @Test func casesAreFoundThroughSynonyms() async throws {
        let f = try await StoreFixture.make("case-search-synonyms")
        let everyone = Scope.everything(reason: "tests see every agency")
        let plain = try await register(f, "申请公开经七路拆迁补偿标准", arrivedOn: "2024-09-02")
        let official = try await register(f, "申请公开经七路片区房屋征收补偿方案", arrivedOn: "2024-10-08")
        let allowance = try await register(f, "申请公开2024年低保名单", arrivedOn: "2024-10-09")
        let search = SimilarStore(pool: f.pool)
        func found(_ query: String, scope: Scope? = nil) async throws -> [Int64] {
            try await search.searchCases(query, scope: scope ?? everyone).cases.map(\.id)
        }
        // The case saying 拆迁 is older, but holds the query as typed: it comes first.
        #expect(try await found("拆迁") == [plain.id, official.id])
        #expect(try await found("拆迁补偿") == [plain.id, official.id])
        // A question's function words are left out: neither case holds it as typed, so newest first.
        #expect(try await found("我想查拆迁的补偿") == [official.id, plain.id])
        #expect(try await search.searchCases("拆迁补偿", scope: everyone).total == 2)
        // Both ways: the documents' words find the plain ones, the newest literal match first.
        #expect(try await found("征收补偿") == [official.id, plain.id])
        #expect(try await found("最低生活保障") == [allowance.id])
        // Words keep their order, and the agency walls hold for synonyms too.
        #expect(try await found("补偿征收").isEmpty)
        #expect(try await found("拆迁", scope: .agencies([f.agencies[2].id])).isEmpty)
    }

    @Test func theMostSimilarRequestsComeFirst() async throws {
        let f = try await StoreFixture.make("similar")
        let close = try await register(f, "申请公开经七路片区旧城改造项目房屋征收补偿方案")
        let far = try await register(f, "申请公开经七路路灯维修合同")
        _ = try await register(f, "申请公开2024年教育经费预算")
        let entry = try await LibraryStore(pool: f.pool).add(LibraryEntry(kind: .typicalCase, title: "旧城改造房屋征收补偿方案的公开", body: "予以公开。"), by: nil)
        let matches = try await SimilarStore(pool: f.pool).similar(to: "经七路片区房屋征收补偿方案", scope: .everything(reason: "tests see every agency"))
        #expect(matches.first?.id == close.id)
        #expect(matches.first?.isCase == true)
        #expect(matches.contains { !$0.isCase && $0.id == entry })
        let ids = matches.filter(\.isCase).map(\.id)
        #expect(ids.firstIndex(of: close.id)! < (ids.firstIndex(of: far.id) ?? Int.max))
        #expect(try await SimilarStore(pool: f.pool).similar(to: "无关", scope: .everything(reason: "tests see every agency")).isEmpty)
    }
}
