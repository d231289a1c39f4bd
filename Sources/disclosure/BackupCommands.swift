import ArgumentParser
import DisclosureStore
import Foundation
import LibPQ

/// `disclosure backup FILE`: the whole database in pg_dump's custom format, consistent as of
/// the moment it starts (one snapshot), while the service keeps running.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write the whole database to FILE (pg_dump's custom format) while the service runs; read it back with `disclosure restore`.")

    @Argument(help: "The file to write (an existing file is refused).") var file: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            guard !FileManager.default.fileExists(atPath: file) else {
                throw ValidationError("\(file) already exists; give a new file name, so that no backup is overwritten.")
            }
            try await database.withTarget { target in
                let started = ContinuousClock.now
                try PostgresProgram.run("pg_dump", ["--format=custom", "--file=\(file)", "--dbname=\(target.configuration.conninfo)"])
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
                print(String(format: "Backed up %@ to %@ (%.1f MB) in %.1f s.", target.description, file, Double(size) / 1_048_576,
                             (ContinuousClock.now - started).seconds))
            }
        }
    }
}

/// `disclosure restore FILE`: a backup read into an empty database (or, with `--replace`, over
/// the one there), in one transaction: it is all there or nothing changed.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Read a backup made by `disclosure backup` into an empty database, all or nothing (--replace: over the one there).")

    @Argument(help: "The backup file.") var file: String
    @Flag(help: "Drop what the database holds first (in the same transaction). Without it, only an empty database is restored into.")
    var replace = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            guard FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("Cannot read \(file).") }
            try await database.withTarget { target in
                let connection = try await Connection.connect(target.configuration)
                defer { connection.close() }
                let tables = try await connection.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").single().decode(Int.self, at: 0)
                if tables > 0, !replace {
                    throw ValidationError("The database already holds \(tables) tables; restore into an empty database, or give --replace to drop them first.")
                }
                // The service's role belongs to the server, not to the backup: the backup's grants need it.
                try await connection.executeScript(DatabaseTarget.serviceRoleScript)
                let started = ContinuousClock.now
                var arguments = ["--dbname=\(target.configuration.conninfo)", "--no-owner", "--exit-on-error", "--single-transaction"]
                if replace { arguments += ["--clean", "--if-exists"] }
                try PostgresProgram.run("pg_restore", arguments + [file])
                print(String(format: "Restored %@ into %@ in %.1f s. Check it with `disclosure verify`.", file, target.description,
                             (ContinuousClock.now - started).seconds))
            }
        }
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
