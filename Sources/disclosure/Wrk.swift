import ArgumentParser
import Foundation
import LibPQ

/// One load run's figures, from wrk or pgbench.
struct LoadFigures {
    var perSecond: Double
    var p50Milliseconds: Double
    var p99Milliseconds: Double
    /// Requests answered with neither 2xx nor 3xx, or that failed on the socket.
    var failures: Int = 0
    /// wrk's own words for them.
    var failureKinds = ""

    /// The run at the median rate (the lower middle of an even count), with the failures of
    /// every run, so that none is hidden by the runs not printed.
    static func median(of runs: [LoadFigures]) -> LoadFigures {
        precondition(!runs.isEmpty, "a median of no runs")
        var middle = runs.sorted { $0.perSecond < $1.perSecond }[(runs.count - 1) / 2]
        middle.failures = runs.reduce(0) { $0 + $1.failures }
        middle.failureKinds = runs.map(\.failureKinds).filter { !$0.isEmpty }.joined(separator: "; ")
        return middle
    }
}

/// Runs wrk (`apt install wrk`) with a Lua script and reads its requests per second and
/// latency distribution.
struct Wrk {
    let connections: Int
    let seconds: Int

    static func path() throws -> String {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") + ["/usr/bin"] {
            let candidate = "\(folder)/wrk"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ValidationError("wrk is not installed; Deploy/bench installs it (apt-get install wrk).")
    }

    func run(_ url: String, lua: String) throws -> LoadFigures {
        let file = NSTemporaryDirectory() + "wrk-\(UUID().uuidString).lua"
        try lua.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let output = try ChildProcess.run(try Self.path(), [
            "-t", "2", "-c", String(connections), "-d", "\(seconds)s", "--timeout", "10s", "--latency", "-s", file, url,
        ])
        return try Self.figures(output)
    }

    /// "Requests/sec:  12000.00", the "Latency Distribution" lines "50%    4.80ms" and "99%   12.00ms",
    /// "Non-2xx or 3xx responses: 5" and "Socket errors: connect 0, read 0, write 0, timeout 0".
    static func figures(_ output: String) throws -> LoadFigures {
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func value(after prefix: String) -> Substring? {
            lines.first { $0.hasPrefix(prefix) }.map { $0.dropFirst(prefix.count).drop { $0 == " " } }
        }
        guard let rate = value(after: "Requests/sec:").flatMap({ Double($0) }),
              let p50 = value(after: "50%").flatMap(milliseconds), let p99 = value(after: "99%").flatMap(milliseconds) else {
            throw ValidationError("wrk printed no figures: \(output.suffix(400))")
        }
        let refused = value(after: "Non-2xx or 3xx responses:").flatMap { Int($0) } ?? 0
        var failures = refused, kinds = refused > 0 ? ["\(refused) not 2xx or 3xx"] : []
        if let socket = value(after: "Socket errors:") {
            failures += socket.split(separator: ",").compactMap { Int($0.split(separator: " ").last ?? "") }.reduce(0, +)
            kinds.append("socket errors: " + socket)
        }
        return LoadFigures(perSecond: rate, p50Milliseconds: p50, p99Milliseconds: p99, failures: failures, failureKinds: kinds.joined(separator: ", "))
    }

    /// "812.00us", "4.80ms", "1.20s".
    static func milliseconds(_ text: Substring) -> Double? {
        for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * factor }
        }
        return nil
    }
}
