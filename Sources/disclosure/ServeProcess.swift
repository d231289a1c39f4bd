import ArgumentParser
import DisclosureStore
import Foundation
import LibPQ

/// `disclosure serve` started as a process of its own on a free port, so that a benchmark
/// measures the service as an operator runs it, its memory included.
struct ServeProcess {
    let pid: pid_t
    let port: Int
    let outputPath: String

    /// The service on `databaseName` of the embedded cluster, as the service's role.
    static func start(database: DatabaseOptions, cluster: LocalCluster, databaseName: String, environment extra: [String: String] = [:]) throws -> ServeProcess {
        let port = try freePort()
        let owner = cluster.connectionConfiguration(database: databaseName)
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = owner.as(user: DatabaseTarget.serviceRole).conninfo
        environment["DATABASE_OWNER_URL"] = owner.conninfo
        environment["DATABASE_READ_URL"] = nil
        environment["DISCLOSURE_SCHEMA_DIR"] = database.schemaDirectory.path
        environment["LOG_LEVEL"] = environment["LOG_LEVEL"] ?? "warning"
        // The notification worker's statements would land in the log among a request's, which a
        // benchmark replays with pgbench as that request's SQL (an outbox lease inside an intake
        // broke one run in three), and its work would be measured as the request's.
        environment["NOTIFICATIONS"] = "off"
        environment.merge(extra) { $1 }
        let output = NSTemporaryDirectory() + "bench-serve-\(port).log"
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let pid = try ChildProcess.start(executable, ["serve", "--port", String(port)], environment: environment, outputPath: output)
        return ServeProcess(pid: pid, port: port, outputPath: output)
    }

    /// The most resident memory the process has had (VmHWM in /proc), in megabytes.
    func peakResidentMegabytes() throws -> Double {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else {
            throw ValidationError("The service's memory could not be read from /proc/\(pid)/status.")
        }
        return kilobytes / 1024
    }

    /// SIGTERM, as systemd stops it, and wait; safe to call twice.
    func stop() {
        guard ChildProcess.exitStatusIfFinished(pid) == nil else { return }
        kill(pid, SIGTERM)
        _ = ChildProcess.waitForExit(pid)
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ValidationError("No free port for the service.") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
