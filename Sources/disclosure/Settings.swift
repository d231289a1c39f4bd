import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ
import Logging

/// Options every database-using command shares. Flags win over the environment, which wins
/// over the defaults.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "Folder of the embedded database, used when DATABASE_URL is not set (env DISCLOSURE_DATA_DIR; default ./.disclosure).")
    var dataDir: String?

    @Option(help: "Folder of the NNNN_name.sql migrations (env DISCLOSURE_SCHEMA_DIR; default ./Schema, or the one beside the program).")
    var schemaDir: String?

    @Option(help: "Database connections in the pool (env DB_POOL_SIZE; default 8).")
    var poolSize: Int?

    @Option(help: "Folder the embedded database copies its WAL to, for recovery to a point in time (env DISCLOSURE_WAL_ARCHIVE; default none).")
    var walArchive: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var walArchiveDirectory: URL? {
        (walArchive ?? environment["DISCLOSURE_WAL_ARCHIVE"]).flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0).standardizedFileURL }
    }

    /// The database these options name: `DATABASE_URL`'s server, or the embedded cluster.
    func target() async throws -> DatabaseTarget {
        try await DatabaseTarget.resolve(databaseURL: databaseURL, ownerURL: ownerURL, dataDirectory: dataDirectory, walArchive: walArchiveDirectory)
    }

    var databaseURL: String? { environment["DATABASE_URL"] }

    /// A hot standby the service sends its lists and searches to (`ReadRouter`).
    var readURL: String? { environment["DATABASE_READ_URL"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }

    /// The owner of the tables, for migrations and these commands, when `DATABASE_URL` names the
    /// service's role (which row-level security holds).
    var ownerURL: String? { environment["DATABASE_OWNER_URL"] }

    var dataDirectory: URL {
        let path = dataDir ?? environment["DISCLOSURE_DATA_DIR"] ?? ".disclosure"
        return URL(fileURLWithPath: path).standardizedFileURL
    }

    var schemaDirectory: URL {
        if let path = schemaDir ?? environment["DISCLOSURE_SCHEMA_DIR"] { return URL(fileURLWithPath: path) }
        return SchemaLocation.find()
    }

    /// Read before any database is touched, so that a bad value stops nothing half-started.
    func poolSettings() throws -> PoolSettings {
        var settings = PoolSettings()
        if let text = environment["DB_STATEMENT_TIMEOUT_MS"] {
            guard let ms = Int(text), ms >= 0 else {
                throw ValidationError("DB_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds, not \"\(text)\".")
            }
            settings.statementTimeoutMilliseconds = ms
        }
        if let size = poolSize {
            guard size > 0 else { throw ValidationError("--pool-size must be a positive number, not \(size).") }
            settings.size = size
        } else if let text = environment["DB_POOL_SIZE"] {
            guard let n = Int(text), n > 0 else { throw ValidationError("DB_POOL_SIZE must be a positive number, not \"\(text)\".") }
            settings.size = n
        }
        if let text = environment["DB_POOL_STATEMENT_CONNECTIONS"] {
            guard let n = Int(text), n > 0 else {
                throw ValidationError("DB_POOL_STATEMENT_CONNECTIONS must be a positive number, not \"\(text)\".")
            }
            settings.statementConnections = n
        }
        return settings
    }
}

struct PoolSettings {
    var size = 8
    var statementTimeoutMilliseconds: Int?
    var statementConnections: Int?

    func configuration(_ connection: ConnectionConfiguration) -> ConnectionPool.Configuration {
        var connection = connection
        if let statementTimeoutMilliseconds { connection.statementTimeoutMilliseconds = statementTimeoutMilliseconds }
        var configuration = ConnectionPool.Configuration(connection: connection, size: size)
        if let statementConnections { configuration.statementConnections = statementConnections }
        return configuration
    }

    /// The operator's commands (imports, demo data, exports, verify): bulk work that may take
    /// minutes, so without the service's statement timeout unless DB_STATEMENT_TIMEOUT_MS sets one.
    func commandConfiguration(_ connection: ConnectionConfiguration) -> ConnectionPool.Configuration {
        var connection = connection
        connection.statementTimeoutMilliseconds = statementTimeoutMilliseconds ?? 0
        var configuration = ConnectionPool.Configuration(connection: connection, size: size)
        if let statementConnections { configuration.statementConnections = statementConnections }
        return configuration
    }
}

enum SchemaLocation {
    /// `./Schema`, else a `Schema` folder beside or above the program (`.build/release/disclosure`
    /// run from elsewhere).
    static func find() -> URL { ProjectFolder.find("Schema") }
}

/// A folder of the project's checkout (`Schema`, `Tests/relevance`): under the current folder,
/// else beside or above the program.
enum ProjectFolder {
    static func find(_ relativePath: String) -> URL {
        let fm = FileManager.default
        let here = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent(relativePath)
        if fm.fileExists(atPath: here.path) { return here }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent(relativePath)
            if fm.fileExists(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return here
    }
}

func makeLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
    logger.logLevel = level ?? .info
    return logger
}

/// Runs a command's body and turns any failure into one plain sentence on stderr and exit
/// status 1: users see what went wrong, never a stack trace.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data(("error: " + UserMessage.describe(error) + "\n").utf8))
        throw ExitCode(1)
    }
}

/// Prints a line at once, unbuffered even into a file or pipe, so that a supervisor (or a
/// test) reading the output sees it now.
func announce(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

extension DatabaseOptions {
    /// Opens the database (the embedded one unless DATABASE_URL is set), applies pending
    /// migrations, runs `body` with a pool and closes everything it opened, also on failure.
    /// The owner's pool and one as the service's role (which row-level security holds), for
    /// measuring what that costs.
    func withPools<T>(_ body: (_ owner: ConnectionPool, _ service: ConnectionPool) async throws -> T) async throws -> T {
        try await withPool { owner in
            let target = try await self.target()
            var logger = makeLogger("disclosure")
            if environment["LOG_LEVEL"] == nil { logger.logLevel = .warning }
            let service = ConnectionPool(try poolSettings().configuration(target.serviceConfiguration), logger: logger)
            do {
                let value = try await body(owner, service)
                await service.close()
                return value
            } catch {
                await service.close()
                throw error
            }
        }
    }

    /// The database as its owner, without migrating it (a backup takes it as it is; a restore
    /// fills an empty one); an embedded server started for this is stopped afterwards.
    func withTarget<T>(_ body: (DatabaseTarget) async throws -> T) async throws -> T {
        let target = try await self.target()
        do {
            let value = try await body(target)
            try await target.shutdown(onlyIfStartedHere: true)
            return value
        } catch {
            try? await target.shutdown(onlyIfStartedHere: true)
            throw error
        }
    }

    func withPool<T>(_ body: (ConnectionPool) async throws -> T) async throws -> T {
        let migrator = try Migrator(directory: schemaDirectory)
        let settings = try poolSettings()
        let target = try await self.target()
        // A command's output is its answer: the pool speaks up only for warnings, unless LOG_LEVEL asks for more.
        var logger = makeLogger("disclosure")
        if environment["LOG_LEVEL"] == nil { logger.logLevel = .warning }
        let pool = ConnectionPool(settings.commandConfiguration(target.configuration), logger: logger)
        do {
            try await migrator.migrate(pool)
            try await CaseStore(pool: pool, calendars: CalendarStore(pool: pool)).refreshSnapshotsIfOutdated()
            let value = try await body(pool)
            await pool.close()
            try await target.shutdown(onlyIfStartedHere: true)
            return value
        } catch {
            await pool.close()
            try? await target.shutdown(onlyIfStartedHere: true)
            throw error
        }
    }
}

/// `--today` for commands that count from today (China's date by default).
struct TodayOption: ParsableArguments {
    @Option(help: "Count from this day instead of today's date in China (YYYY-MM-DD).", transform: parseDate)
    var today: LocalDate?

    var value: LocalDate { today ?? ChinaToday.now() }
}
