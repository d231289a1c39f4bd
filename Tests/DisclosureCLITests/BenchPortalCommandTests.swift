import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// `disclosure bench portal` on a small embedded database for a second per measurement: real wrk
/// and pgbench figures for submissions and tracking pages, and the database left as it was.
@Suite struct BenchPortalCommandTests {
    @Test func submissionsAndTrackingPagesAreMeasuredBesidePgbench() async throws {
        let data = try TestPostgres.scratchPath("bench-portal")
        defer { try? FileManager.default.removeItem(atPath: data) }
        func run(_ arguments: [String]) throws -> String {
            let (status, output) = try CommandRun.run(arguments + ["--data-dir", data], databaseURL: nil)
            #expect(status == 0, "\(arguments.joined(separator: " ")): \(output)")
            return output
        }
        _ = try run(["demo", "generate", "--cases", "40"])
        let printed = try run(["bench", "portal", "--seconds", "1", "--connections", "4"])
        let submission = try #require(printed.split(separator: "\n").first { $0.hasPrefix("portal submission") }, "\(printed)")
        // Submissions were made through the form (its question answered) and pgbench ran the same
        // statements; no answer was an error (a socket error of wrk's on a one-second run is not the portal's).
        let submitted = try #require(Double(submission.split(separator: " ").dropFirst(3).first ?? ""))
        #expect(submitted > 0 && !submission.contains("not 2xx or 3xx"), "\(submission)")
        let pgbench = submission.components(separatedBy: "pgbench (").last?.split(separator: " ").compactMap { $0.hasSuffix("/s") ? Double($0.dropLast(2)) : nil }
        #expect(pgbench?.first.map { $0 > 0 } == true, "\(submission)")
        let tracking = try #require(printed.split(separator: "\n").first { $0.hasPrefix("tracking page") }, "\(printed)")
        let rates = tracking.split(separator: " ").compactMap { $0.hasSuffix("/s") ? Double($0.dropLast(2)) : nil }
        #expect(rates.count == 2 && rates.allSatisfy { $0 > 0 } && !tracking.contains("not 2xx or 3xx"), "\(tracking)")

        // The scratch copy is gone; the database at hand has no portal submissions.
        let cluster = try LocalCluster(directory: URL(fileURLWithPath: data).appendingPathComponent("pg"))
        try await cluster.start()
        let admin = try await Connection.connect(cluster.connectionConfiguration())
        #expect(try await admin.query("SELECT count(*) FROM pg_database WHERE datname = 'disclosure_bench_portal'").single().decode(Int.self, at: 0) == 0)
        admin.close()
        let owner = try await Connection.connect(cluster.connectionConfiguration(database: "disclosure"))
        #expect(try await owner.query("SELECT count(*) FROM portal_submissions").single().decode(Int.self, at: 0) == 0)
        owner.close()
        try await cluster.stop()
    }
}
