import Foundation
import LibPQ

/// Runs the real `disclosure` program on a test database and collects what it printed.
enum CommandRun {
    static func run(_ arguments: [String], databaseURL: String?) throws -> (Int32, String) {
        let output = NSTemporaryDirectory() + "command-\(UUID().uuidString).log"
        defer { unlink(output) }
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["DISCLOSURE_SCHEMA_DIR"] = schema.path
        let pid = try ChildProcess.start(ServeCommandTests.program, arguments, environment: environment, outputPath: output)
        let status = ChildProcess.waitForExit(pid)
        return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Schema")
}
