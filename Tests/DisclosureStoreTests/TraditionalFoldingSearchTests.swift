import DisclosureCore
@testable import DisclosureStore
import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// Schema 0021: traditional characters folded to simplified in the index and in queries, for the
/// library and for cases, and the rows written before it indexed again.
@Suite struct TraditionalFoldingSearchTests {
    static let corpus: [LibraryEntry] = [
        LibraryEntry(kind: .typicalCase, title: "政府信息公开申请的答复", body: "申请人依照政府信息公开条例要求公开国家秘密事项的文件，本机关认为涉及国家秘密，不予公开。", year: 2024),
        LibraryEntry(kind: .standardText, title: "補正告知書", body: "本機關認為該申請內容不明確，請於十五個工作日內補正。該資訊涉及個人隱私的部分不予公開。", year: 2024),
        LibraryEntry(kind: .faq, title: "信息处理费怎样收取", body: "申请公开政府信息的，行政机关原则上不收取费用。", year: 2025),
    ]

    func library(_ label: String) async throws -> (LibraryStore, [Int64]) {
        try await StoreFixture.library(label, Self.corpus)
    }

    @Test func traditionalQueriesFindSimplifiedEntriesAndTheOtherWayRound() async throws {
        let (store, ids) = try await library("trad-search")
        func found(_ q: String) async throws -> [Int64] { try await store.search(q).hits.map { $0.entry.id! } }
        // Written in simplified, asked in traditional.
        #expect(try await found("國家秘密") == [ids[0]])
        #expect(try await found("資訊處理費") == [ids[2]])  // Taiwan's 資訊 is the mainland's 信息
        #expect(try await found("政府資訊公開") == [ids[0]])
        #expect(try await found("處理費") == [ids[2]])
        // Written in traditional, asked in simplified (and in traditional).
        #expect(try await found("补正") == [ids[1]])
        #expect(try await found("補正") == [ids[1]])
        #expect(try await found("个人隐私") == [ids[1]])
        #expect(try await found("工作日内补正") == [ids[1]])
        // Simplified asks simplified as before.
        #expect(try await found("国家秘密") == [ids[0]])
    }

    @Test func matchedWordsAreMarkedInEitherScript() async throws {
        let (store, ids) = try await library("trad-highlight")
        let traditional = try await store.search("个人隐私")
        #expect(traditional.hits.map { $0.entry.id! } == [ids[1]])
        #expect(traditional.hits[0].snippet.filter(\.marked).map(\.text) == ["個人隱私"])
        let simplified = try await store.search("國家秘密")
        #expect(simplified.hits[0].snippet.filter(\.marked).map(\.text) == ["国家秘密", "国家秘密"])
        // The mainland wording of Taiwan's word is marked too.
        let mainland = try await store.search("政府資訊公開")
        #expect(mainland.hits.map { $0.entry.id! } == [ids[0]])
        #expect(mainland.hits[0].snippet.filter(\.marked).map(\.text) == ["政府信息公开"])
    }

    @Test func suggestionsFoldWhatWasTyped() async throws {
        let (store, _) = try await library("trad-suggest")
        #expect(try await store.suggest("棚戶").contains("棚户区改造"))
        #expect(try await store.suggest("醫保").contains("医保"))
    }

    @Test func casesAreFoundInEitherScript() async throws {
        let f = try await StoreFixture.make("trad-cases")
        let everyone = Scope.everything(reason: "tests see every agency")
        let simplified = try await f.store.register(f.intake(subject: "申请公开个人隐私保护的相关文件"), by: f.officer.actor, today: f.today, scope: everyone)
        let traditional = try await f.store.register(f.intake(subject: "申請公開國有土地上房屋徵收補償方案"), by: f.officer.actor, today: f.today, scope: everyone)
        let search = SimilarStore(pool: f.pool)
        #expect(try await search.searchCases("個人隱私", scope: everyone).cases.map(\.id) == [simplified.id])
        #expect(try await search.searchCases("房屋征收补偿", scope: everyone).cases.map(\.id) == [traditional.id])
        #expect(try await search.searchCases("國有土地", scope: everyone).cases.map(\.id) == [traditional.id])
    }

    /// Entries, long entries' chunks and cases written before Schema 0021 were indexed unfolded:
    /// the migration indexes them again, without touching when a case was last changed.
    @Test func theMigrationIndexesEarlierRowsAgain() async throws {
        let configuration = try await TestPostgres.freshDatabase("trad-migration")
        let pool = ConnectionPool(.init(connection: configuration, size: 2))
        let files = try MigrationFile.load(from: StoreFixture.schema)
        let folding = try #require(files.first { $0.name == "traditional_folding" })
        try await Migrator(files: files.filter { $0.version < folding.version }).migrate(pool)

        let directory = DirectoryStore(pool: pool)
        let agency = try await directory.addAgency(code: "szq", name: "济南市市中区人民政府", shortName: "市中区政府", kind: .government,
                                                   parentID: nil, reconsiderationBody: "济南市人民政府")
        let officer = try await directory.addUser(username: "wang.fang", name: "王芳", role: .officer, agencyID: agency.id)
        let everyone = Scope.everything(reason: "tests see every agency")
        let cases = CaseStore(pool: pool, calendars: CalendarStore(pool: pool))
        let arrived = LocalDate(iso: "2024-09-02")!
        let registered = try await cases.register(
            Intake(applicant: Applicant(kind: .naturalPerson, name: "張三", idType: "身份证", idNumber: "370103198001011233",
                                        phone: "13800138000", address: "济南市市中区经七路1号"),
                   agencyID: agency.id, officerID: officer.id, channel: .registeredPost, arrivedOn: arrived,
                   subject: "申請公開房屋徵收補償方案", description: "請提供該項目房屋徵收補償方案", registeredOn: arrived),
            by: officer.actor, today: LocalDate(iso: "2026-11-29")!, scope: everyone)
        let library = LibraryStore(pool: pool)
        // Written as LibraryStore.add wrote them then (it now also notes pairs, in a table of a later migration).
        func insert(_ kind: String, _ title: String, _ body: String) async throws -> Int64 {
            try await pool.query("INSERT INTO library_entries (kind, title, body, created_by) VALUES (\(kind), \(title), \(body), \(officer.id)) RETURNING id")
                .single().decode(Int64.self, at: 0)
        }
        let short = try await insert("faq", "補正告知書", "請於十五個工作日內補正。")
        let longBody = String(repeating: "规范", count: 5_000) + "個人隱私保護"
        let long = try await insert("policy", "办法", longBody)
        try await pool.query("INSERT INTO library_chunks (entry_id, n, body) VALUES (\(long), 1, \(String(longBody.dropFirst(LibraryStore.chunkSize - LibraryStore.chunkOverlap))))")
        // Asked of the index directly: the search itself reads tables of later migrations.
        #expect(try await pool.query("SELECT count(*) FROM library_entries WHERE search @@ dd_query('补正')").single().decode(Int.self, at: 0) == 0)
        #expect(try await SimilarStore(pool: pool).searchCases("征收补偿", scope: everyone).total == 0)
        let touched = try await pool.query("SELECT updated_at::text FROM cases WHERE id = \(registered.id)").single().decode(String.self, at: 0)

        try await Migrator(files: files).migrate(pool)
        #expect(try await library.search("补正").hits.map(\.entry.id) == [short])
        #expect(try await library.search("个人隐私保护").hits.map(\.entry.id) == [long])
        #expect(try await SimilarStore(pool: pool).searchCases("征收补偿", scope: everyone).cases.map(\.id) == [registered.id])
        #expect(try await pool.query("SELECT updated_at::text FROM cases WHERE id = \(registered.id)").single().decode(String.self, at: 0) == touched)
    }
}
