import Foundation

/// One endpoint's figures in `bench service`: over HTTP and by pgbench on the same SQL.
struct BenchServiceRow {
    var endpoint: BenchEndpoint
    var http: LoadFigures
    var pgbench: LoadFigures
    var statements: Int
    var lagBytes: Int64
    var lagSeconds: Double

    var name: String { endpoint.name }
    var ratio: Double { http.perSecond / pgbench.perSecond }

    var line: String {
        var text = name.padding(toLength: 30, withPad: " ", startingAt: 0)
            + String(format: "HTTP %7.0f/s p50 %6.1f ms p99 %6.1f ms   pgbench (%2d statements) %7.0f/s p50 %6.1f ms p99 %6.1f ms   ratio %.2f (goal ≥ %.1f)",
                     http.perSecond, http.p50Milliseconds, http.p99Milliseconds, statements, pgbench.perSecond,
                     pgbench.p50Milliseconds, pgbench.p99Milliseconds, ratio, endpoint.ratioGoal)
        if let p99Goal = endpoint.p99GoalMilliseconds { text += String(format: ", p99 goal ≤ %.0f ms", p99Goal) }
        if http.failures > 0 { text += "   \(http.failures) requests failed (\(http.failureKinds))" }
        return text
    }

    static func markdown(_ rows: [BenchServiceRow], cases: Int, connections: Int, seconds: Int, rounds: Int, peakMegabytes: Double, standby: Bool) -> String {
        var text = """
            ### The service under load (`disclosure bench service`)

            \(cases) cases; wrk and pgbench with \(connections) connections, \(seconds) s each, one after the other in the same run;
            each read measured \(rounds) times, wrk and pgbench in turn, and the median run of each shown;
            pgbench runs the statements the service sent for one such request (read from the server's log), as the service's role.

            | endpoint | HTTP req/s | p50 ms | p99 ms | pgbench tx/s | p50 ms | p99 ms | ratio | goal | standby lag |
            |---|---:|---:|---:|---:|---:|---:|---:|---|---:|

            """
        for row in rows {
            let goal = String(format: "≥ %.1f", row.endpoint.ratioGoal) + (row.endpoint.p99GoalMilliseconds.map { String(format: ", p99 ≤ %.0f ms", $0) } ?? "")
            let lag = standby ? String(format: "%.1f MB, %.3f s", Double(row.lagBytes) / 1_048_576, row.lagSeconds) : "–"
            text += String(format: "| %@ | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f | %.2f | %@ | %@ |\n",
                           row.name, row.http.perSecond, row.http.p50Milliseconds, row.http.p99Milliseconds,
                           row.pgbench.perSecond, row.pgbench.p50Milliseconds, row.pgbench.p99Milliseconds, row.ratio, goal, lag)
        }
        text += String(format: "\nThe service's peak resident memory (VmHWM): %.0f MB (goal ≤ 150 MB).\n", peakMegabytes)
        return text
    }
}
