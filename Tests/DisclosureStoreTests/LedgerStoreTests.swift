import DisclosureCore
@testable import DisclosureStore
import Foundation
import LibPQ
import Testing

@Suite struct LedgerStoreTests {
    @Test func exportThenImportGivesTheSameTables() async throws {
        let (source, reports) = try await ReportStoreTests().fixture()
        let file = try await LedgerStore(pool: source.pool).export(year: 2024)
        #expect(Array(file.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: file.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix(LedgerRow.header.joined(separator: ",")))
        // Seven cases touch 2024's table 三; the 2023 case is there for its 2024 reconsideration.
        #expect(text.split(separator: "\r\n").count == 1 + 8)

        let target = try await StoreFixture.make("ledger-target")
        let imported = try await LedgerStore(pool: target.pool).importFile(file)
        #expect(imported == 8)
        let copy = ReportStore(pool: target.pool)
        for agency in [source.agencies[1].id, nil] {
            #expect(try await copy.table3(year: 2024, agency: agency) == (try await reports.table3(year: 2024, agency: agency)))
        }
        let t4 = try await copy.table4(year: 2024, agency: nil)
        #expect(t4 == (try await reports.table4(year: 2024, agency: nil)))
        #expect(t4[.reconsideration, nil] == 2)
        // Imported again: every number is taken, nothing is added.
        await #expect(throws: LedgerStore.ImportFailure.self) { try await LedgerStore(pool: target.pool).importFile(file) }
        #expect(try await target.count("SELECT count(*) FROM ledger_cases") == 8)
        // Into the database it came from: the numbers belong to worked cases; nothing is added.
        let clash = await #expect(throws: LedgerStore.ImportFailure.self) { try await LedgerStore(pool: source.pool).importFile(file) }
        #expect(clash?.chineseDescription.contains("在系统中已存在") == true)
        #expect(try await source.count("SELECT count(*) FROM ledger_cases") == 0)
    }

    @Test func aFileWithABadLineImportsNothing() async throws {
        let f = try await StoreFixture.make("ledger-bad")
        let lines = [
            LedgerRow.header.joined(separator: ","),
            "市中区住建局依申〔2022〕第0001号,szq-zjj,自然人,张三,当面,2022-03-01,申请公开某文件,（一）予以公开,2022-03-10,,,,,",
            "市中区住建局依申〔2022〕第0002号,szq-zjj,commercial,某公司,online,2022-04-01,申请公开某合同,,,,,,,",
            "市中区住建局依申〔2022〕第0003号,szq-zjj,自然人,李四,当面,2022-05-01,申请公开某方案,partial,2022-04-20,,,,,",
            "市中区住建局依申〔2022〕第0004号,nowhere,自然人,王五,当面,2022-05-01,申请公开,,,,,,,",
        ]
        let error = await #expect(throws: LedgerStore.ImportFailure.self) {
            try await LedgerStore(pool: f.pool).importFile(Array(lines.joined(separator: "\n").utf8))
        }
        #expect(error?.problems.map(\.line) == [4, 5])
        #expect(error?.chineseDescription.contains("第4行：「答复日期」早于「收到申请之日」") == true)
        #expect(error?.description.contains("line 5: there is no agency with the code nowhere") == true)
        #expect(try await f.count("SELECT count(*) FROM ledger_cases") == 0)
        // Fixed, it goes in.
        let fixed = Array(lines[0...2]).joined(separator: "\n")
        #expect(try await LedgerStore(pool: f.pool).importFile(Array(fixed.utf8)) == 2)
        let t = try await ReportStore(pool: f.pool).table3(year: 2022, agency: f.agencies[1].id)
        #expect(t[.received, .total] == 2)
        #expect(t[.result(.disclose), .kind(.naturalPerson)] == 1)
        #expect(t[.carriedForward, .kind(.commercial)] == 1)
    }

    @Test func theHeaderIsChecked() async throws {
        let f = try await StoreFixture.make("ledger-header")
        await #expect(throws: LedgerStore.ImportFailure.self) {
            try await LedgerStore(pool: f.pool).importFile(Array("编号,机关\n1,2\n".utf8))
        }
    }
}

/// Large imports: the indexes rebuilt after the COPY, and repeated numbers found by line.
@Suite struct LedgerBulkImportTests {
    func file(_ numbers: [String]) -> [UInt8] {
        Array((LedgerRow.header.joined(separator: ",") + "\n" + numbers.map {
            "\($0),szq-zjj,自然人,张三,当面,2024-01-02,申请公开某文件,disclose,2024-01-10,,,,,"
        }.joined(separator: "\n")).utf8)
    }

    func indexes(_ f: StoreFixture) async throws -> [String] {
        try await f.pool.query("SELECT indexname FROM pg_indexes WHERE tablename = 'ledger_cases' ORDER BY 1").map { try $0.decode(String.self, at: 0) }
    }

    @Test func aLargeImportRebuildsTheIndexesAndAFailedOneKeepsThem() async throws {
        let f = try await StoreFixture.make("ledger-bulk")
        var store = LedgerStore(pool: f.pool)
        store.rebuildIndexesFrom = 3
        let before = try await indexes(f)
        #expect(!before.isEmpty)
        #expect(try await store.importFile(file((1...5).map { "B-\($0)" })) == 5)
        #expect(try await indexes(f) == before)
        // The rebuilt unique index still refuses a stored number; the failed import leaves
        // neither rows nor a missing index behind.
        let clash = await #expect(throws: LedgerStore.ImportFailure.self) { try await store.importFile(file((5...10).map { "B-\($0)" })) }
        #expect(clash?.chineseDescription.contains("在系统中已存在") == true)
        #expect(try await f.count("SELECT count(*) FROM ledger_cases") == 5)
        #expect(try await indexes(f) == before)
    }

    @Test func aNumberRepeatedInTheFileIsNamedWithItsLine() async throws {
        let f = try await StoreFixture.make("ledger-repeat")
        for rebuild in [2, 1_000] {
            var store = LedgerStore(pool: f.pool)
            store.rebuildIndexesFrom = rebuild
            let failure = await #expect(throws: LedgerStore.ImportFailure.self) { try await store.importFile(file(["C-1", "C-2", "C-1", "C-3"])) }
            #expect(failure?.problems.map(\.line) == [4])
            #expect(failure?.chineseDescription.contains("案件编号“C-1”重复") == true)
        }
        #expect(try await f.count("SELECT count(*) FROM ledger_cases") == 0)
    }
}
