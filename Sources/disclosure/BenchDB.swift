import ArgumentParser
import Foundation
import LibPQ

/// `disclosure bench db`: LibPQ's pool against pgbench, same statements, same client count,
/// same cluster, same run.
struct BenchDB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Queries per second through LibPQ's pool beside pgbench's, on a throwaway cluster.")

    @Option(help: "Seconds per measurement.")
    var seconds: Int = 5

    @Option(help: "Concurrent tasks (and pgbench clients).")
    var tasks: Int = 16

    @Option(help: "Connections in LibPQ's pool.")
    var pool: Int = 4

    @Option(help: "Times to measure LibPQ alone, without pgbench, before each comparison (for quick A/B runs).")
    var libpqRepeats: Int = 0

    @Flag(help: "Measure the SELECT only.")
    var selectOnly = false

    @Option(help: "LibPQ and pgbench measured alternately this many times each; the medians are compared.")
    var runs: Int = 3

    @Option(help: "Connections of the pool that may run single statements at once (default: the machine's processors).")
    var statementConnections: Int?

    struct Workload {
        let name: String
        let pgbenchScript: String
        let query: @Sendable (Int) -> Query
    }

    static let workloads = [
        Workload(name: "SELECT $1::int + 1", pgbenchScript: "\\set x random(1, 1000000)\nSELECT :x::int + 1;\n",
                 query: { "SELECT \($0)::int + 1" }),
        Workload(name: "one-row INSERT", pgbenchScript: "\\set x random(1, 1000000)\nINSERT INTO bench_rows (n, note) VALUES (:x, '依申请公开');\n",
                 query: { "INSERT INTO bench_rows (n, note) VALUES (\($0), \("依申请公开"))" }),
    ]

    func run() async throws {
        try await reportingFailures {
            try await onThrowawayCluster("bench-db", durability: .durable) { cluster in try await measure(on: cluster) }
        }
    }

    func measure(on cluster: LocalCluster) async throws {
        let setup = try await Connection.connect(cluster.connectionConfiguration())
        try await setup.executeScript("CREATE TABLE bench_rows (id bigserial PRIMARY KEY, n int, note text)")
        setup.close()
        let pgbench = PgBench(cluster: cluster, database: "postgres", seconds: seconds)

        let running = statementConnections ?? ConnectionPool.Configuration(connection: cluster.connectionConfiguration()).statementConnections
        print("bench db: \(seconds) s per run, median of \(runs) runs each, alternating; LibPQ: \(tasks) tasks on a pool of \(pool) connections "
              + "(at most \(running) running statements at once); pgbench: -c \(tasks) -j 2 -M prepared; one throwaway cluster (fsync on), unix socket")
        for workload in Self.workloads.prefix(selectOnly ? 1 : Self.workloads.count) {
            let name = workload.name.padding(toLength: 20, withPad: " ", startingAt: 0)
            for _ in 0..<libpqRepeats {
                let (rate, cpu) = try await libpqRate(workload, cluster: cluster)
                print(name + String(format: "LibPQ %7.0f q/s   own CPU %.1f µs/q", rate, cpu))
            }
            // Alternating, so that a slow spell of this shared machine falls on both sides.
            var ourRuns: [(rate: Double, cpu: Double)] = []
            var theirRuns: [Double] = []
            for _ in 0..<max(1, runs) {
                ourRuns.append(try await libpqRate(workload, cluster: cluster))
                theirRuns.append(try pgbench.tps(script: workload.pgbenchScript, clients: tasks))
            }
            let (ours, cpuPerQuery) = ourRuns.sorted { $0.rate < $1.rate }[ourRuns.count / 2]
            let theirs = theirRuns.sorted()[theirRuns.count / 2]
            // For context: pgbench held to as many connections as our pool has.
            let theirsAtPoolSize = try pgbench.tps(script: workload.pgbenchScript, clients: pool)
            print(name + String(format: "LibPQ %7.0f q/s   pgbench -c %d %7.0f q/s   ratio %.2f (goal ≥ 0.80)   [pgbench -c %d: %.0f q/s; LibPQ's own CPU %.1f µs/q]",
                                ours, tasks, theirs, ours / theirs, pool, theirsAtPoolSize, cpuPerQuery))
        }
    }

    /// Queries per second, and this process's CPU time (all threads) per query.
    func libpqRate(_ workload: Workload, cluster: LocalCluster) async throws -> (Double, Double) {
        let connections = benchPool(cluster.connectionConfiguration(), size: pool, statementConnections: statementConnections)
        // Warm up: open the connections the statements will use and prepare the statement on each.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<pool { group.addTask { _ = try await connections.query(workload.query(i)) } }
            try await group.waitForAll()
        }
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let cpuBefore = Self.processCPUSeconds()
        let stride = tasks
        let done = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        _ = try await connections.query(workload.query((task + count * stride) % 1_000_000 + 1))
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - started
        let cpu = Self.processCPUSeconds() - cpuBefore
        await connections.close()
        return (Double(done) / elapsed.seconds, cpu / Double(max(done, 1)) * 1e6)
    }

    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
