import ArgumentParser
import DisclosureStore
import Foundation
import LibPQ

/// `disclosure backup FILE`: the whole database in pg_dump's custom format, consistent as of
/// the moment it starts (one snapshot), while the service keeps running. `--base DIR`: a copy of
/// the server's files instead (`pg_basebackup`), from which, with the WAL archive the embedded
/// database keeps (`--wal-archive`), `disclosure restore --base` recovers any later moment.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write the whole database to FILE (pg_dump's custom format) while the service runs; or, with --base DIR, a base backup for recovery to a point in time.")

    @Argument(help: "The file to write (an existing file is refused).") var file: String?
    @Option(help: "Write a base backup (pg_basebackup) into this new folder instead of a file.") var base: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (file == nil) != (base == nil) else { throw ValidationError("Give either a FILE to write or --base DIR, not both.") }
    }

    func run() async throws {
        try await reportingFailures {
            for path in [file, base].compactMap({ $0 }) where FileManager.default.fileExists(atPath: path) {
                throw ValidationError("\(path) already exists; give a new name, so that no backup is overwritten.")
            }
            try await database.withTarget { target in
                let started = ContinuousClock.now
                if let base {
                    try PostgresProgram.run("pg_basebackup", ["--pgdata=\(base)", "--wal-method=stream", "--checkpoint=fast",
                                                              "--dbname=\(target.configuration.conninfo)"])
                    print(String(format: "Base backup of %@ written to %@ in %.1f s.", target.description, base, (ContinuousClock.now - started).seconds))
                    if database.walArchiveDirectory == nil {
                        print("No WAL archive is kept (--wal-archive or DISCLOSURE_WAL_ARCHIVE): this base backup restores only the moment it was taken.")
                    }
                } else if let file {
                    try PostgresProgram.run("pg_dump", ["--format=custom", "--file=\(file)", "--dbname=\(target.configuration.conninfo)"])
                    let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
                    print(String(format: "Backed up %@ to %@ (%.1f MB) in %.1f s.", target.description, file, Double(size) / 1_048_576,
                                 (ContinuousClock.now - started).seconds))
                }
            }
        }
    }
}

/// `disclosure restore FILE`: a backup read into an empty database (or, with `--replace`, over
/// the one there), in one transaction: it is all there or nothing changed. `--base DIR --until
/// TIME`: the embedded database recovered, into a new data folder, to that moment.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Read a backup made by `disclosure backup` into an empty database, all or nothing (--replace: over the one there); or, with --base and --until, recover the embedded database to a moment.")

    @Argument(help: "The backup file.") var file: String?
    @Flag(help: "Drop what the database holds first (in the same transaction). Without it, only an empty database is restored into.")
    var replace = false
    @Option(help: "A base backup folder (`disclosure backup --base`) to recover from, with the WAL archive, into the new --data-dir.")
    var base: String?
    @Option(help: "The moment to recover to, such as \"2026-11-30 10:15:00+08\" (with --base).") var until: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (file == nil) != (base == nil) else { throw ValidationError("Give either a backup FILE or --base DIR, not both.") }
        if base != nil {
            guard let until else { throw ValidationError("--base needs --until, the moment to recover to.") }
            guard until.wholeMatch(of: /\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?/) != nil else {
                throw ValidationError("--until \"\(until)\" is not a moment; write it like 2026-11-30 10:15:00+08.")
            }
            guard database.walArchiveDirectory != nil else { throw ValidationError("--base needs the WAL archive: --wal-archive or DISCLOSURE_WAL_ARCHIVE.") }
            guard database.databaseURL == nil else { throw ValidationError("--base recovers the embedded database; unset DATABASE_URL and give the new --data-dir.") }
        }
    }

    func run() async throws {
        try await reportingFailures {
            if let base, let until, let archive = database.walArchiveDirectory {
                try await recover(from: URL(fileURLWithPath: base), archive: archive, until: until)
                return
            }
            guard let file, FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("Cannot read \(file ?? "")."); }
            try await database.withTarget { target in
                let tables = try await target.prepareForRestore()
                if tables > 0, !replace {
                    throw ValidationError("The database already holds \(tables) tables; restore into an empty database, or give --replace to drop them first.")
                }
                let started = ContinuousClock.now
                var arguments = ["--dbname=\(target.configuration.conninfo)", "--no-owner", "--exit-on-error", "--single-transaction"]
                if replace { arguments += ["--clean", "--if-exists"] }
                try PostgresProgram.run("pg_restore", arguments + [file])
                print(String(format: "Restored %@ into %@ in %.1f s. Check it with `disclosure verify`.", file, target.description,
                             (ContinuousClock.now - started).seconds))
            }
        }
    }

    /// The base backup copied into the new data folder, its WAL replayed from the archive up to
    /// `until`, then promoted to a server of its own and stopped, for `serve` to start.
    func recover(from base: URL, archive: URL, until: String) async throws {
        let cluster = try LocalCluster(directory: database.dataDirectory.appendingPathComponent("pg"))
        try cluster.prepareRecovery(from: base, archive: archive, until: until)
        let started = ContinuousClock.now
        try await cluster.start()
        let connection = try await Connection.connect(cluster.connectionConfiguration(database: DatabaseTarget.embeddedDatabaseName))
        defer { connection.close() }
        var recovering = true
        while recovering {
            recovering = try await connection.query("SELECT pg_is_in_recovery()").single().decode(Bool.self, at: 0)
            if recovering {
                guard ContinuousClock.now - started < .seconds(600) else { throw ValidationError("Recovery did not finish within 10 minutes; see \(cluster.directory.path)/server.log.") }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        let (cases, last) = try await connection.query("SELECT count(*), max(recorded_at)::text FROM case_events").single().decode(Int.self, String?.self)
        connection.close()
        try await cluster.stop()
        print(String(format: "Recovered to %@ in %.1f s into %@: %d case events, the last recorded %@. Start the service with --data-dir %@, then run `disclosure verify`.",
                     until, (ContinuousClock.now - started).seconds, database.dataDirectory.path, cases, last ?? "never", database.dataDirectory.path))
    }
}

/// PostgreSQL's own programs, from the folder the server's are in.
enum PostgresProgram {
    static func run(_ name: String, _ arguments: [String]) throws {
        let path = try LocalCluster.findBinDirectory().appendingPathComponent(name).path
        do {
            _ = try ChildProcess.run(path, arguments)
        } catch let failure as ChildProcess.Failure {
            // Its own words for what went wrong, not the statement it printed after them.
            let lines = failure.output.split(whereSeparator: \.isNewline)
            let errors = lines.filter { $0.localizedCaseInsensitiveContains("error") }
            let said = (errors.isEmpty ? Array(lines.suffix(3)) : Array(errors.prefix(3))).joined(separator: " ")
            throw ValidationError("\(name) failed: \(said)")
        }
    }
}
