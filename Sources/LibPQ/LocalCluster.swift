import Dispatch
import Foundation

/// A private PostgreSQL cluster in a folder of ours: created with `initdb` on first use, started
/// with `pg_ctl` listening on a unix socket inside its own folder only (no TCP), stopped on
/// request. `disclosure serve` runs on one when no `DATABASE_URL` is given, and every test run
/// starts throwaway ones through the same code.
///
/// initdb refuses to run as root, so under root the cluster belongs to, and runs as, the
/// `postgres` OS user; otherwise it runs as whoever we are.
public struct LocalCluster: Sendable {
    public enum Durability: Sendable {
        /// Every commit reaches the disk.
        case durable
        /// fsync off: for throwaway test clusters, where a crash just means a new cluster.
        case throwaway
    }

    public let directory: URL
    public let durability: Durability
    public let superuser = "postgres"
    /// The port only names the socket file (`.s.PGSQL.5432`); there is no TCP listener.
    public let port = 5432
    let binDirectory: URL
    let osUser: String?

    public init(directory: URL, durability: Durability = .durable, binDirectory: URL? = nil) throws {
        self.directory = directory.standardizedFileURL
        self.durability = durability
        self.binDirectory = try binDirectory ?? Self.findBinDirectory()
        self.osUser = geteuid() == 0 ? "postgres" : nil
    }

    /// Where the server listens: the data folder itself, unless that path is too long for a
    /// unix socket (107 bytes), when a short folder under /tmp named after it is used.
    public var socketDirectory: String {
        let inside = directory.path
        if inside.utf8.count + 16 < 100 { return inside }
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in inside.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return "/tmp/pg-" + String(hash, radix: 36)
    }

    public func connectionConfiguration(database: String = "postgres") -> ConnectionConfiguration {
        ConnectionConfiguration(parameters: [
            ("host", socketDirectory), ("port", String(port)), ("user", superuser), ("dbname", database),
        ])
    }

    // MARK: Start and stop

    /// Creates the cluster if it does not exist and starts it unless it is already running
    /// (a server left behind by a killed `serve` is reused). A `postmaster.pid` left by a server
    /// that no longer runs is removed first.
    /// Returns false when the server was already running.
    @discardableResult
    public func start() async throws -> Bool {
        try await Self.offThePool { try self.startNow() }
    }

    /// Stops the server, letting open transactions end with an error (`fast` mode).
    public func stop() async throws {
        try await Self.offThePool { try self.stopNow() }
    }

    /// Deletes the cluster's folder, stopping the server first.
    public func remove() async throws {
        try await Self.offThePool { try self.removeNow() }
    }

    /// Starting a server takes seconds of waiting on child processes: keep it off Swift's
    /// cooperative threads.
    private static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            DispatchQueue.global().async { continuation.resume(with: Result(catching: work)) }
        }
    }

    @discardableResult
    public func startNow() throws -> Bool {
        if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("PG_VERSION").path) {
            try initialise()
        }
        if isRunning() { return false }
        removeStaleLockFile()
        var attempt = 0
        while true {
            attempt += 1
            do {
                try run("pg_ctl", ["-D", directory.path, "-l", logFile.path, "-w", "-t", "60", "-s", "start",
                                   "-o", serverOptions])
                return true
            } catch let error as LocalClusterError where attempt < 4 {
                // After a kill -9 the old server's children can hold its shared memory for a
                // moment; the next try succeeds once they have noticed and exited.
                _ = error
                Thread.sleep(forTimeInterval: 1)
                removeStaleLockFile()
            } catch let error as LocalClusterError {
                throw LocalClusterError.startFailed(directory: directory.path, log: lastLogLines(error))
            }
        }
    }

    public func stopNow() throws {
        guard isRunning() else { return }
        try run("pg_ctl", ["-D", directory.path, "-w", "-t", "60", "-s", "-m", "fast", "stop"])
    }

    /// The postmaster's process id while the server runs.
    public var serverPID: Int32? {
        guard let text = try? String(contentsOf: lockFile, encoding: .utf8),
              let first = text.split(separator: "\n").first, let pid = Int32(first) else { return nil }
        return pid
    }

    public func isRunning() -> Bool {
        guard let pid = serverPID else { return false }
        return isOurPostmaster(pid)
    }

    public func removeNow() throws {
        try? stopNow()
        try FileManager.default.removeItem(at: directory)
        if socketDirectory != directory.path { try? FileManager.default.removeItem(atPath: socketDirectory) }
    }

    /// Makes `user` sign in with a password over the socket (all others stay trusted) and
    /// has the server reload its rules.
    public func requirePassword(forUser user: String) throws {
        let rules = directory.appendingPathComponent("pg_hba.conf")
        let current = try String(contentsOf: rules, encoding: .utf8)
        // Written in place, not atomically, so the file keeps its owner (the cluster's user).
        try ("local all \(user) scram-sha-256\n" + current).write(to: rules, atomically: false, encoding: .utf8)
        try run("pg_ctl", ["-D", directory.path, "-s", "reload"])
    }

    // MARK: Internals

    var logFile: URL { directory.appendingPathComponent("server.log") }
    var lockFile: URL { directory.appendingPathComponent("postmaster.pid") }

    private var serverOptions: String {
        var options = "-c listen_addresses='' -c unix_socket_directories='\(socketDirectory)'"
            + " -c unix_socket_permissions=0700 -c port=\(port) -c max_connections=400"
            + " -c shared_buffers=256MB -c max_wal_size=4GB -c log_min_messages=warning"
        if durability == .throwaway {
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        }
        return options
    }

    private func initialise() throws {
        let fm = FileManager.default
        let parent = directory.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        try fm.createDirectory(at: directory, withIntermediateDirectories: true,
                               attributes: [.posixPermissions: 0o700])
        if socketDirectory != directory.path {
            try fm.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true,
                                   attributes: [.posixPermissions: 0o700])
        }
        if let osUser {
            for path in Set([directory.path, socketDirectory]) {
                try run("/bin/chown", [osUser, path], asClusterUser: false)
            }
            // The cluster user must be able to reach its folder through every parent.
            do {
                try run("/usr/bin/test", ["-w", directory.path], asClusterUser: true)
            } catch {
                throw LocalClusterError.folderNotReachable(path: directory.path, user: osUser)
            }
        }
        do {
            try run("initdb", ["-D", directory.path, "-U", superuser, "--auth=trust", "--encoding=UTF8",
                               "--locale=C.UTF-8", "--no-instructions"])
        } catch {
            try? fm.removeItem(at: directory)
            throw error
        }
    }

    /// True when `pid` is a postgres server whose working folder is this cluster. A pid from a
    /// dead server may since have been given to an unrelated process.
    private func isOurPostmaster(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let command = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
              command.hasPrefix("postgres") || command.hasPrefix("postmaster") else { return false }
        if let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd") {
            return URL(fileURLWithPath: cwd).standardizedFileURL.path == directory.path
        }
        return true
    }

    private func removeStaleLockFile() {
        guard let pid = serverPID, !isOurPostmaster(pid) else { return }
        try? FileManager.default.removeItem(at: lockFile)
    }

    private func lastLogLines(_ error: LocalClusterError) -> String {
        guard let log = try? String(contentsOf: logFile, encoding: .utf8) else { return "\(error)" }
        return log.split(separator: "\n").suffix(5).joined(separator: "\n")
    }

    /// Runs a PostgreSQL program (from the bin folder) or a system one, as the cluster's user
    /// when we are root. Output is captured and returned in the error when it fails.
    private func run(_ program: String, _ arguments: [String], asClusterUser: Bool = true) throws {
        let executable = program.hasPrefix("/") ? program : binDirectory.appendingPathComponent(program).path
        // From "/", since the cluster's user may not be allowed into our working folder.
        var command = ["/usr/bin/env", "-C", "/", executable] + arguments
        if asClusterUser, let osUser {
            command = ["/usr/sbin/runuser", "-u", osUser, "--"] + command
        }
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        environment["PGTZ"] = nil
        do {
            try ChildProcess.run(command[0], Array(command.dropFirst()), environment: environment)
        } catch let failure as ChildProcess.Failure {
            throw LocalClusterError.programFailed(program: program, output: failure.output)
        }
    }

    /// The folder with initdb and pg_ctl: `PG_BIN_DIR`, else Debian's newest
    /// `/usr/lib/postgresql/N/bin`, else whatever `PATH` has.
    public static func findBinDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> URL {
        let fm = FileManager.default
        if let configured = environment["PG_BIN_DIR"], !configured.isEmpty {
            guard fm.isExecutableFile(atPath: configured + "/initdb") else {
                throw LocalClusterError.serverProgramsMissing(looked: "PG_BIN_DIR=\(configured)")
            }
            return URL(fileURLWithPath: configured)
        }
        let debian = "/usr/lib/postgresql"
        let versions = ((try? fm.contentsOfDirectory(atPath: debian)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where fm.isExecutableFile(atPath: "\(debian)/\(version)/bin/initdb") {
            return URL(fileURLWithPath: "\(debian)/\(version)/bin")
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":")
        where fm.isExecutableFile(atPath: "\(folder)/initdb") && fm.isExecutableFile(atPath: "\(folder)/pg_ctl") {
            return URL(fileURLWithPath: String(folder))
        }
        throw LocalClusterError.serverProgramsMissing(looked: "\(debian)/*/bin and PATH")
    }
}

public enum LocalClusterError: Error, CustomStringConvertible {
    case serverProgramsMissing(looked: String)
    case folderNotReachable(path: String, user: String)
    case programFailed(program: String, output: String)
    case startFailed(directory: String, log: String)

    public var description: String {
        switch self {
        case .serverProgramsMissing(let looked):
            return "The PostgreSQL server programs (initdb, pg_ctl) were not found in \(looked); "
                + "install postgresql-15 (Deploy/run does) or set PG_BIN_DIR, or set DATABASE_URL to use an existing server."
        case .folderNotReachable(let path, let user):
            return "The database folder \(path) is not reachable by the \(user) user, which runs the embedded "
                + "PostgreSQL when started as root; use --data-dir with a folder outside /root, or set DATABASE_URL."
        case .programFailed(let program, let output):
            return "\(program) failed: \(output.split(separator: "\n").last.map(String.init) ?? "no output")"
        case .startFailed(let directory, let log):
            return "The embedded PostgreSQL in \(directory) did not start. Its log ends with: \(log)"
        }
    }
}
