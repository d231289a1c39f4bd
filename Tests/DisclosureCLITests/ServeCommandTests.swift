import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LibPQ
import PostgresTestSupport
import Testing

/// Runs the real `disclosure` program, as an operator would.
@Suite(.serialized) struct ServeCommandTests {
    /// The built program sits beside the test bundle.
    static let program = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("disclosure").path

    struct Run {
        let pid: pid_t
        let outputPath: String
        var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    }

    /// Starts the program with `arguments`, or, with `direct`, the command line `arguments` itself.
    func start(_ arguments: [String], environment: [String: String] = [:], direct: Bool = false) throws -> Run {
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = nil
        env.merge(environment) { $1 }
        let output = try TestPostgres.scratchPath("cli") + ".log"
        let command = direct ? arguments : [Self.program] + arguments
        let pid = try ChildProcess.start(command[0], Array(command.dropFirst()), environment: env, outputPath: output)
        chmod(output, 0o666)
        return Run(pid: pid, outputPath: output)
    }

    /// Runs to the end, which must come within `limit`; returns the exit status and output.
    func finish(_ arguments: [String], environment: [String: String] = [:], limit: Duration = .seconds(60)) async throws -> (Int32, String) {
        let run = try start(arguments, environment: environment)
        let status = try await waitForExit(run.pid, limit: limit)
        return (status, run.output)
    }

    func waitForExit(_ pid: pid_t, limit: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let status = ChildProcess.exitStatusIfFinished(pid) { return status }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
        Issue.record("the program did not finish within \(limit)")
        return -1
    }

    func waitForLine(_ run: Run, containing text: String, limit: Duration = .seconds(30)) async throws -> String? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let line = run.output.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Bad input ends with one sentence on the last line and no stack trace.
    func expectOneSentence(_ output: String, mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = output.split(separator: "\n")
        let last = lines.last.map(String.init) ?? ""
        #expect(last.hasPrefix("error: "), "last line: \(last)", sourceLocation: sourceLocation)
        for word in words { #expect(last.contains(word), "\(last) should mention \(word)", sourceLocation: sourceLocation) }
        #expect(!output.contains("Fatal error") && !output.contains("Stack dump") && !output.contains("backtrace"),
                sourceLocation: sourceLocation)
    }

    /// A port nothing listens on now: the kernel picks one for a socket we then close.
    func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func temporaryFolder() -> String {
        let path = TestPostgres.root.appendingPathComponent("cli-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func anUnparsableDatabaseURLIsOneSentence() async throws {
        let (status, output) = try await finish(["serve", "--port", "0"], environment: ["DATABASE_URL": "postgresql://[::1"])
        #expect(status == 1)
        expectOneSentence(output, mentioning: ["connection settings are not valid"])
    }

    @Test func anUnreachableServerIsOneSentence() async throws {
        let (status, output) = try await finish(["serve", "--port", "0"],
                                                environment: ["DATABASE_URL": "postgresql://clerk@127.0.0.1:1/disclosure?connect_timeout=2"])
        #expect(status == 1)
        expectOneSentence(output, mentioning: ["Could not connect", "127.0.0.1"])
    }

    @Test func aMissingInitdbIsOneSentence() async throws {
        let (status, output) = try await finish(["serve", "--data-dir", temporaryFolder()],
                                                environment: ["PG_BIN_DIR": "/nonexistent/bin"])
        #expect(status == 1)
        expectOneSentence(output, mentioning: ["initdb", "PG_BIN_DIR"])
    }

    @Test(arguments: [("DB_POOL_SIZE", "abc"), ("DB_POOL_STATEMENT_CONNECTIONS", "0")])
    func aBadSettingStopsBeforeAnyDatabaseIsStarted(variable: String, value: String) async throws {
        let folder = temporaryFolder()
        let (status, output) = try await finish(["migrate", "--data-dir", folder], environment: [variable: value])
        #expect(status == 1)
        expectOneSentence(output, mentioning: [variable, "\"\(value)\""])
        #expect(!FileManager.default.fileExists(atPath: folder + "/pg"))
    }

    @Test func aPortAlreadyTakenIsOneSentence() async throws {
        let database = try await TestPostgres.freshDatabase("cli")
        let url = database.url
        let port = freePort()
        let first = try start(["serve", "--port", String(port)], environment: ["DATABASE_URL": url])
        defer { kill(first.pid, SIGKILL); _ = ChildProcess.waitForExit(first.pid) }
        #expect(try await waitForLine(first, containing: "running at") != nil)
        let (status, output) = try await finish(["serve", "--port", String(port)], environment: ["DATABASE_URL": url])
        #expect(status == 1)
        expectOneSentence(output, mentioning: ["already in use", "--port"])
    }

    @Test func servesOnTheEmbeddedDatabaseAndStopsItOnSIGTERM() async throws {
        let folder = temporaryFolder()
        let port = freePort()
        let run = try start(["serve", "--port", String(port), "--data-dir", folder])
        let line = try #require(try await waitForLine(run, containing: "running at"), "output: \(run.output)")
        #expect(line.contains("http://127.0.0.1:\(port)/"))

        let (body, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("\"database\":\"ok\""))

        let cluster = try LocalCluster(directory: URL(fileURLWithPath: folder).appendingPathComponent("pg"))
        #expect(cluster.isRunning())
        let connection = try await Connection.connect(cluster.connectionConfiguration(database: "disclosure"))
        let applied = try await connection.query("SELECT count(*) FROM schema_migrations")
        #expect(try applied.single().decode(Int.self, at: 0) >= 1)
        connection.close()

        kill(run.pid, SIGTERM)
        #expect(try await waitForExit(run.pid, limit: .seconds(30)) == 0)
        #expect(!cluster.isRunning())
        try await cluster.remove()
    }

    /// Run by root, the other tests cover the cluster running as the postgres user; this one
    /// runs the whole program as an ordinary user, who runs the cluster as itself.
    @Test(.enabled(if: getuid() == 0 && ServeCommandTests.nobodyCanRun, "needs root, and the build reachable by nobody"))
    func servesWhenRunByAnOrdinaryUser() async throws {
        let folder = temporaryFolder()
        chown(folder, 65534, 65534)
        defer { _ = try? ChildProcess.run("/bin/rm", ["-rf", folder]) }
        let port = freePort()
        let run = try start(["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                             Self.program, "serve", "--port", String(port), "--data-dir", folder], direct: true)
        #expect(try await waitForLine(run, containing: "running at") != nil, "output: \(run.output)")
        let (body, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!)
        #expect(String(decoding: body, as: UTF8.self).contains("\"database\":\"ok\""))
        var info = stat()
        stat(folder + "/pg/PG_VERSION", &info)
        #expect(info.st_uid == 65534)
        kill(run.pid, SIGTERM)
        #expect(try await waitForExit(run.pid, limit: .seconds(30)) == 0)
    }

    static var nobodyCanRun: Bool {
        (try? ChildProcess.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/test", "-x", program])) != nil
    }

    @Test func aServeKilledWithSIGKILLDoesNotBlockTheNextOne() async throws {
        let folder = temporaryFolder()
        let port = freePort()
        let first = try start(["serve", "--port", String(port), "--data-dir", folder])
        #expect(try await waitForLine(first, containing: "running at") != nil)
        kill(first.pid, SIGKILL)
        _ = ChildProcess.waitForExit(first.pid)

        let cluster = try LocalCluster(directory: URL(fileURLWithPath: folder).appendingPathComponent("pg"))
        // Kill the database server too, leaving its postmaster.pid behind.
        if let pid = cluster.serverPID { kill(pid, SIGKILL) }
        for _ in 0..<100 where cluster.isRunning() { try await Task.sleep(for: .milliseconds(20)) }

        let second = try start(["serve", "--port", String(port), "--data-dir", folder])
        #expect(try await waitForLine(second, containing: "running at") != nil, "output: \(second.output)")
        kill(second.pid, SIGTERM)
        #expect(try await waitForExit(second.pid, limit: .seconds(30)) == 0)
        try await cluster.remove()
    }

    @Test func migrateStatusListsTheSchema() async throws {
        let url = try await TestPostgres.freshDatabase("cli").url
        let (before, pending) = try await finish(["migrate", "--status"], environment: ["DATABASE_URL": url])
        #expect(before == 0)
        #expect(pending.contains("0001  foundation  pending"))
        let (applied, output) = try await finish(["migrate"], environment: ["DATABASE_URL": url])
        #expect(applied == 0)
        #expect(output.contains("applied 0001_foundation.sql"))
        let (_, status) = try await finish(["migrate", "--status"], environment: ["DATABASE_URL": url])
        #expect(status.contains("0001  foundation  applied"))
    }
}

extension ConnectionConfiguration {
    /// A conninfo string for the test cluster, as an operator would put in DATABASE_URL.
    var url: String {
        parameters.map { "\($0.0)='\($0.1)'" }.joined(separator: " ")
    }
}
