import ArgumentParser
import Foundation
import LibPQ

/// What the benchmarks' pgbench runs: the statements the server logged while one request was
/// answered (the service's role logs every statement in the scratch database meanwhile).
enum ServerLog {
    static func statements(of cluster: LocalCluster, what: String, during body: () async throws -> Void) async throws -> [LoggedStatement] {
        let offset = (try? FileManager.default.attributesOfItem(atPath: cluster.logFile.path)[.size] as? Int) ?? 0
        try await body()
        // The server writes its log a moment after it answers.
        try await Task.sleep(for: .milliseconds(300))
        let handle = try FileHandle(forReadingFrom: cluster.logFile)
        try handle.seek(toOffset: UInt64(offset))
        let log = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        try handle.close()
        let statements = StatementLog.statements(in: log)
        guard !statements.isEmpty else { throw ValidationError("The server logged no statement for \(what).") }
        return statements
    }
}
