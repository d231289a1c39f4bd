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
    /// Where each finished WAL segment is copied while the server runs (archive_mode), so that a
    /// base backup (`pg_basebackup`) and these segments recover the cluster to any moment since:
    /// `prepareRecovery`. Nil: no archive.
    public let walArchive: URL?
    let binDirectory: URL
    let osUser: String?

    public init(directory: URL, durability: Durability = .durable, walArchive: URL? = nil, binDirectory: URL? = nil) throws {
        self.directory = directory.standardizedFileURL
        self.durability = durability
        self.walArchive = walArchive?.standardizedFileURL
        self.binDirectory = try binDirectory ?? Self.findBinDirectory()
        self.osUser = geteuid() == 0 ? "postgres" : nil
        if let archive = self.walArchive, archive.path.contains(where: { "'\\\" $".contains($0) }) {
            throw LocalClusterError.unusableArchive(path: archive.path)
        }
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
        if let walArchive { try prepareFolder(walArchive) }
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

    public var logFile: URL { directory.appendingPathComponent("server.log") }
    var lockFile: URL { directory.appendingPathComponent("postmaster.pid") }

    private var serverOptions: String {
        var options = "-c listen_addresses='' -c unix_socket_directories='\(socketDirectory)'"
            + " -c unix_socket_permissions=0700 -c port=\(port) -c max_connections=400"
            + " -c shared_buffers=256MB -c max_wal_size=4GB -c log_min_messages=warning"
        if durability == .throwaway {
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        }
        if let walArchive {
            // A segment already archived is never overwritten (a restored cluster's own timeline
            // writes new names); a failure is retried by the server until it succeeds.
            options += " -c archive_mode=on -c archive_timeout=60"
                + " -c \"archive_command=test ! -f \(walArchive.path)/%f && cp %p \(walArchive.path)/%f\""
        }
        return options
    }

    /// A folder the cluster's user can write in: created if missing, handed to that user (the
    /// folder only: what the server writes in it is its own, and an archive holds thousands).
    func prepareFolder(_ folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if let osUser { try run("/bin/chown", [osUser, folder.path], asClusterUser: false) }
    }

    /// Makes this (not yet existing) cluster a hot standby of `primary` (`pg_basebackup -R`):
    /// `start()` then runs it, streaming the primary's WAL over its socket and answering reads.
    public func makeStandby(of primary: LocalCluster) throws {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: directory.path) else { throw LocalClusterError.recoveryTargetExists(path: directory.path) }
        try prepareFolder(directory)
        if socketDirectory != directory.path { try prepareFolder(URL(fileURLWithPath: socketDirectory)) }
        try run("pg_basebackup", ["--pgdata=\(directory.path)", "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast",
                                  "--host=\(primary.socketDirectory)", "--port=\(primary.port)", "--username=\(primary.superuser)"])
        removeCopiedServerFiles()
    }

    /// A copy of another cluster's folder holds that server's socket lock (its socket lives in
    /// its folder) and log: with the lock, this server would refuse to start while that one runs.
    func removeCopiedServerFiles() {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? []
        where name.hasPrefix(".s.PGSQL.") || ["postmaster.pid", "postmaster.opts", "server.log"].contains(name) {
            try? fm.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Makes this (not yet existing) cluster a copy of `base`, a plain `pg_basebackup` of another,
    /// set to replay that one's WAL archive up to `until` (a timestamp PostgreSQL reads, such as
    /// `2026-11-30 10:15:00+08`) and then to become a server of its own. `start()` then recovers.
    public func prepareRecovery(from base: URL, archive: URL, until: String) throws {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: directory.path) else { throw LocalClusterError.recoveryTargetExists(path: directory.path) }
        guard fm.fileExists(atPath: base.appendingPathComponent("PG_VERSION").path) else { throw LocalClusterError.notABaseBackup(path: base.path) }
        try fm.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: base, to: directory)
        removeCopiedServerFiles()
        let quoted = { (text: String) in "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        let settings = "\nrestore_command = \(quoted("cp \(archive.path)/%f %p"))\nrecovery_target_time = \(quoted(until))\n"
            + "recovery_target_action = 'promote'\n"
        let auto = directory.appendingPathComponent("postgresql.auto.conf")
        let existing = (try? String(contentsOf: auto, encoding: .utf8)) ?? ""
        try (existing + settings).write(to: auto, atomically: false, encoding: .utf8)
        fm.createFile(atPath: directory.appendingPathComponent("recovery.signal").path, contents: Data())
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        if let osUser { try run("/bin/chown", ["-R", osUser, directory.path], asClusterUser: false) }
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
    case unusableArchive(path: String)
    case recoveryTargetExists(path: String)
    case notABaseBackup(path: String)

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
        case .unusableArchive(let path):
            return "The WAL archive folder \(path) has a quote, backslash, dollar sign or space in its path; choose a plainer one."
        case .recoveryTargetExists(let path):
            return "\(path) already exists; recover into a new folder, so that no database is overwritten."
        case .notABaseBackup(let path):
            return "\(path) is not a base backup (no PG_VERSION in it); give the folder `disclosure backup --base` wrote."
        }
    }
}
