import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// `disclosure bench service` on a small embedded database for a second per endpoint: what it
/// prints is real wrk and pgbench figures, and the database it measured is left as it was.
@Suite struct BenchServiceCommandTests {
    @Test func everyEndpointIsMeasuredBesidePgbenchAndTheDatabaseIsLeftAsItWas() async throws {
        let data = try TestPostgres.scratchPath("bench-service"), markdown = try TestPostgres.scratchPath("bench-service") + ".md"
        defer {
            try? FileManager.default.removeItem(atPath: data)
            try? FileManager.default.removeItem(atPath: markdown)
        }
        func run(_ arguments: [String]) throws -> String {
            let (status, output) = try CommandRun.run(arguments + ["--data-dir", data], databaseURL: nil)
            #expect(status == 0, "\(arguments.joined(separator: " ")): \(output)")
            return output
        }
        let generated = try run(["demo", "generate", "--cases", "60"])
        #expect(generated.contains("Generated 60 cases"))
        let printed = try run(["bench", "service", "--seconds", "1", "--connections", "4", "--rounds", "2", "--markdown", markdown])

        let names = ["case page, JSON", "case page, HTML", "case list with filters, JSON", "case list with filters, HTML", "dashboard, HTML", "intake, API", "event, API"]
        for name in names {
            let line = try #require(printed.split(separator: "\n").first { $0.hasPrefix(name) }, "\(name) missing from: \(printed)")
            // Both rates measured and above zero; pgbench stops a client at its first error, so
            // its intakes' ids and its events' versions held, or the command would have failed.
            let rates = line.split(separator: " ").compactMap { $0.hasSuffix("/s") ? Double($0.dropLast(2)) : nil }
            #expect(rates.count == 2 && rates.allSatisfy { $0 > 0 }, "\(line)")
        }
        #expect(printed.contains("service's peak resident memory (VmHWM)"))
        #expect(printed.contains("hot standby's replay lag under load"))
        let table = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(names.allSatisfy { name in table.contains("| \(name) |") })
        #expect(table.contains("each read measured 2 times"), "\(table)")

        // --only: the events bring the intake whose cases they record on, and nothing else runs.
        let events = try run(["bench", "service", "--seconds", "1", "--connections", "4", "--no-standby", "--only", "event"])
        #expect(names.filter { name in events.contains(name) } == ["intake, API", "event, API"], "\(events)")
        let (status, output) = try CommandRun.run(["bench", "service", "--only", "nothing such", "--data-dir", data], databaseURL: nil)
        #expect(status != 0 && output.contains("No endpoint's name contains nothing such"), "\(output)")

        // A standby that cannot stream (here: pointed at no server, as when the primary has
        // recycled the WAL it needs) is made again, not sampled as a lag of zero.
        let settings = URL(fileURLWithPath: data).appendingPathComponent("standby/postgresql.auto.conf")
        let conf = try String(contentsOf: settings, encoding: .utf8)
        try conf.split(separator: "\n").map { $0.hasPrefix("primary_conninfo") ? "primary_conninfo = 'host=/nonexistent port=1'" : String($0) }
            .joined(separator: "\n").write(to: settings, atomically: true, encoding: .utf8)
        let remade = try run(["bench", "service", "--seconds", "1", "--connections", "4", "--only", "case page, JSON"])
        #expect(remade.contains("does not stream (the primary no longer holds the WAL it needs): made again"), "\(remade)")
        #expect(remade.contains("hot standby's replay lag under load"), "\(remade)")

        // The writes went to the scratch copy, which is gone; the cases are as generated.
        let verified = try run(["verify"])
        #expect(verified.contains("Checked 60 cases"), "\(verified)")
        let cluster = try LocalCluster(directory: URL(fileURLWithPath: data).appendingPathComponent("pg"))
        try await cluster.start()
        let admin = try await Connection.connect(cluster.connectionConfiguration())
        #expect(try await admin.query("SELECT count(*) FROM pg_database WHERE datname = 'disclosure_bench'").single().decode(Int.self, at: 0) == 0)
        admin.close()
        try await cluster.stop()
        #expect(!(try LocalCluster(directory: URL(fileURLWithPath: data).appendingPathComponent("standby")).isRunning()))
    }
}
