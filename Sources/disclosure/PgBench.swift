import ArgumentParser
import Foundation
import DisclosureStore
import LibPQ

/// Runs pgbench against a local cluster with a custom script and reads its transactions per second.
struct PgBench {
    let cluster: LocalCluster
    let database: String
    let seconds: Int

    func tps(script: String, clients: Int, prepared: Bool = true) throws -> Double {
        let pgbench = try LocalCluster.findBinDirectory().appendingPathComponent("pgbench").path
        let file = NSTemporaryDirectory() + "bench-\(UUID().uuidString).sql"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let output = try ChildProcess.run(pgbench, [
            "-n", "-M", prepared ? "prepared" : "simple", "-c", String(clients), "-j", "2", "-T", String(seconds), "-f", file,
            "-h", cluster.socketDirectory, "-p", String(cluster.port), "-U", cluster.superuser, database,
        ])
        return try Self.tps(output)
    }

    /// "tps = 41234.567890 (without initial connection time)"
    static func tps(_ output: String) throws -> Double {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
              let value = Double(line.dropFirst(6).prefix { $0 != " " }) else {
            throw ValidationError("pgbench printed no tps figure: \(output.suffix(400))")
        }
        return value
    }
}

extension PgBench {
    /// pgbench on `script` as `user`, with each transaction's latency logged (`-l`) for the
    /// percentiles pgbench itself does not print.
    func measure(script: String, clients: Int, user: String, variables: [String: String] = [:]) throws -> LoadFigures {
        let pgbench = try LocalCluster.findBinDirectory().appendingPathComponent("pgbench").path
        let folder = NSTemporaryDirectory() + "pgbench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try script.write(toFile: folder + "/script.sql", atomically: true, encoding: .utf8)
        let output = try ChildProcess.run(pgbench, [
            "-n", "-M", "prepared", "-c", String(clients), "-j", "2", "-T", String(seconds), "-f", folder + "/script.sql",
            "-l", "--log-prefix=\(folder)/tx",
            "-h", cluster.socketDirectory, "-p", String(cluster.port), "-U", user, database,
        ] + variables.sorted { $0.key < $1.key }.flatMap { ["-D", "\($0.key)=\($0.value)"] })
        let tps = try Self.tps(output)
        // Each line: client transaction latency_us script epoch epoch_us.
        var latencies: [Double] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasPrefix("tx") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            for row in text.split(separator: "\n") {
                let fields = row.split(separator: " ")
                if fields.count > 2, let microseconds = Double(fields[2]) { latencies.append(microseconds / 1000) }
            }
        }
        guard !latencies.isEmpty else { throw ValidationError("pgbench logged no transactions: \(output.suffix(400))") }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return LoadFigures(perSecond: tps, p50Milliseconds: percentile(0.50), p99Milliseconds: percentile(0.99))
    }
}

/// Runs a benchmark on a cluster of its own, removed afterwards whatever happens (unless `keep`,
/// when it is left running once the benchmark has succeeded).
func onThrowawayCluster(_ label: String, durability: LocalCluster.Durability, keep: Bool = false, _ body: (LocalCluster) async throws -> Void) async throws {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("disclosure-\(label)-\(getpid())")
    let cluster = try LocalCluster(directory: folder, durability: durability)
    try await cluster.start()
    do {
        try await body(cluster)
        if keep {
            print("The cluster keeps running: psql -h \(cluster.socketDirectory) -U \(cluster.superuser) bench; stop it with pg_ctl -D \(folder.path) stop")
            return
        }
        try await cluster.remove()
    } catch {
        try? await cluster.remove()
        throw error
    }
}

/// A pool for a benchmark: the pool's own notes (connections opened, drained at close) would
/// fall between the printed figures, so it logs warnings only unless LOG_LEVEL says otherwise.
func benchPool(_ connection: ConnectionConfiguration, size: Int, statementConnections: Int? = nil) -> ConnectionPool {
    var logger = makeLogger("bench")
    if ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { logger.logLevel = .warning }
    // Generating a million rows, building their indexes and VACUUM take minutes on a slow
    // machine: the service's 30-second statement timeout does not apply to a benchmark's setup.
    var connection = connection
    connection.statementTimeoutMilliseconds = 0
    var configuration = ConnectionPool.Configuration(connection: connection, size: size)
    if let statementConnections { configuration.statementConnections = statementConnections }
    return ConnectionPool(configuration, logger: logger)
}

/// A database named `bench` on the cluster, migrated, with the demo district.
func benchDatabase(_ cluster: LocalCluster, poolSize: Int) async throws -> ConnectionPool {
    let admin = try await Connection.connect(cluster.connectionConfiguration())
    try await admin.execute("CREATE DATABASE bench TEMPLATE template0 ENCODING 'UTF8'")
    admin.close()
    let pool = benchPool(cluster.connectionConfiguration(database: "bench"), size: poolSize)
    try await Migrator(directory: SchemaLocation.find()).migrate(pool)
    return pool
}

/// The middle of a benchmark's runs (the upper middle of an even count).
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
