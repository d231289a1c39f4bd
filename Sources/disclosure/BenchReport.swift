import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ

/// `disclosure bench report`: tables 三 and 四 for one year, for one agency and for the district,
/// on the database at hand (the 1,000,000-case generated one: `demo generate --cases 1000000`),
/// beside a plain sequential scan of the cases table measured in the same run.
struct BenchReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Time tables 三 and 四 for a year (one agency, the district) beside a scan of the cases.")

    @Option(help: "The report year.") var year: Int = 2024
    @Option(help: "The agency's code for the one-agency run.") var agency: String = "szq-zjj"
    @Option(help: "Runs of each; the median is printed.") var runs: Int = 5
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            try await database.withPool { pool in
                let reports = ReportStore(pool: pool)
                guard let one = try await DirectoryStore(pool: pool).agency(code: agency) else {
                    throw ValidationError("There is no agency with the code \(agency); run `disclosure demo generate` first.")
                }
                let cases = try await pool.query("SELECT count(*) FROM cases").single().decode(Int.self, at: 0)
                // Index-only scans need the visibility map a VACUUM leaves behind.
                try await pool.withConnection { try await $0.executeScript("VACUUM ANALYZE cases") }
                func median(_ body: () async throws -> Void) async throws -> Double {
                    var times: [Double] = []
                    for _ in 0..<max(1, runs) {
                        let start = ContinuousClock.now
                        try await body()
                        times.append((ContinuousClock.now - start).seconds)
                    }
                    return times.sorted()[times.count / 2]
                }
                print("bench report: \(cases) cases, year \(year), median of \(runs) runs")
                let scan = try await median { _ = try await pool.query("SELECT sum(version) FROM cases") }
                for (name, scope) in [("one agency (\(one.shortName))", Optional(one)), ("district", nil)] {
                    let t3 = try await median { _ = try await reports.table3(year: year, agency: scope?.id) }
                    let t4 = try await median { _ = try await reports.table4(year: year, agency: scope?.id) }
                    let whole = try await median { _ = try await reports.report(year: year, agency: scope) }
                    print(String(format: "%@: table 三 %.3f s   table 四 %.3f s   report with checks %.3f s   (goal ≤ 1 s each)", name.padding(toLength: 28, withPad: " ", startingAt: 0), t3, t4, whole))
                }
                print(String(format: "reference: sequential scan of cases %.3f s", scan))
                if !skipLedger { try await ledger(pool) }
            }
        }
    }

    @Flag(help: "Leave out the ledger import measurement.") var skipLedger = false

    /// The whole database as a ledger file, imported into a scratch database beside a plain
    /// COPY of the same file into a table of text columns.
    func ledger(_ pool: ConnectionPool) async throws {
        let file = try await LedgerStore(pool: pool).export(year: nil)
        let rows = file.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1
        var configuration = pool.configuration.connection
        guard let index = configuration.parameters.firstIndex(where: { $0.0 == "dbname" }),
              !configuration.parameters[index].1.contains("="), !configuration.parameters[index].1.contains("://") else {
            print("ledger: skipped (needs the embedded database or keyword connection parameters)")
            return
        }
        let scratch = "disclosure_ledger_bench"
        try await pool.withConnection { connection in
            // One statement each: a multi-statement string runs as one transaction, which these refuse.
            try await connection.executeScript("DROP DATABASE IF EXISTS \(scratch)")
            try await connection.executeScript("CREATE DATABASE \(scratch) TEMPLATE template0 ENCODING 'UTF8'")
        }
        configuration.parameters[index].1 = scratch
        let target = benchPool(configuration, size: 2)
        do {
            try await Migrator(directory: SchemaLocation.find()).migrate(target)
            _ = try await DemoDirectory.seed(target)
            try await target.withConnection { try await $0.executeScript("""
                CREATE TABLE ledger_plain (a text, b text, c text, d text, e text, f text, g text, h text, i text, j text, k text, l text, m text, n text)
                """) }
            let bytes = file
            let plainStart = ContinuousClock.now
            _ = try await target.withConnection { try await $0.copyIn("COPY ledger_plain FROM STDIN (FORMAT csv, HEADER true)") { try await $0.write(bytes) } }
            let plain = (ContinuousClock.now - plainStart).seconds
            let importStart = ContinuousClock.now
            let imported = try await LedgerStore(pool: target).importFile(file)
            let ours = (ContinuousClock.now - importStart).seconds
            print(String(format: "ledger import of %d rows (%.0f MB): import %.1f s (%.0f rows/s)   plain COPY %.1f s (%.0f rows/s)   ratio %.2f (goal ≥ 0.50)",
                         imported, Double(file.count) / 1e6, ours, Double(rows) / ours, plain, Double(rows) / plain, plain / ours))
        } catch {
            await target.close()
            throw error
        }
        await target.close()
        try await pool.withConnection { try await $0.executeScript("DROP DATABASE IF EXISTS \(scratch)") }
    }
}
