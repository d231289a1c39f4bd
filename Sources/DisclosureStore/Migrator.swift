import Foundation
import LibPQ

/// Applies `Schema/NNNN_name.sql` files in order, each in its own transaction, and records the
/// version and a SHA-256 of every file applied. An applied file that has since changed, or gone,
/// stops everything: the database would no longer match the files that claim to describe it.
public struct Migrator: Sendable {
    public let files: [MigrationFile]

    public init(files: [MigrationFile]) {
        self.files = files
    }

    public init(directory: URL) throws {
        self.init(files: try MigrationFile.load(from: directory))
    }

    public enum State: String, Sendable {
        case applied, pending
    }

    public struct Status: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var state: State
        public var appliedAt: Date?
    }

    /// Every migration file and whether it is applied; throws if an applied one has changed.
    public func status(_ pool: ConnectionPool) async throws -> [Status] {
        try await pool.withConnection { connection in
            try await ensureTable(connection)
            let applied = try await checkApplied(connection)
            return files.map { file in
                Status(version: file.version, name: file.name,
                       state: applied[file.version] == nil ? .pending : .applied,
                       appliedAt: applied[file.version])
            }
        }
    }

    /// Applies the pending migrations and returns them. Concurrent runs (two instances
    /// starting at once) queue on an advisory lock, so each file is applied once.
    @discardableResult
    public func migrate(_ pool: ConnectionPool) async throws -> [MigrationFile] {
        try await pool.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))")
            do {
                let applied = try await applyPending(connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                throw error
            }
        }
    }

    static let lockKey = 7_305_120_240_001

    private func applyPending(_ connection: Connection) async throws -> [MigrationFile] {
        try await ensureTable(connection)
        let applied = try await checkApplied(connection)
        var done: [MigrationFile] = []
        for file in files where applied[file.version] == nil {
            try await apply(file, on: connection)
            done.append(file)
        }
        return done
    }

    private func apply(_ file: MigrationFile, on connection: Connection) async throws {
        try await connection.execute("BEGIN")
        do {
            // A migration may rewrite a large table (a new generated column over a million
            // documents): the service's statement timeout is for requests, not for upgrades.
            try await connection.execute("SET LOCAL statement_timeout = 0")
            try await connection.executeScript(file.sql)
            try await connection.execute("""
                INSERT INTO schema_migrations (version, name, checksum)
                VALUES (\(file.version), \(file.name), encode(sha256(\(Data(file.sql.utf8))), 'hex'))
                """)
            try await connection.execute("COMMIT")
        } catch {
            _ = try? await connection.execute("ROLLBACK")
            guard let server = (error as? PostgresError)?.serverFields else { throw error }
            throw MigrationError.failed(
                fileName: file.fileName, line: server.position.map(file.line(ofPosition:)),
                message: server.message)
        }
    }

    private func ensureTable(_ connection: Connection) async throws {
        try await connection.executeScript("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
    }

    /// The applied versions with their dates, after checking each against its file.
    private func checkApplied(_ connection: Connection) async throws -> [Int: Date] {
        let rows = try await connection.query("""
            SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version
            """)
        let byVersion = Dictionary(uniqueKeysWithValues: files.map { ($0.version, $0) })
        var applied: [Int: Date] = [:]
        for row in rows {
            let (version, name, checksum, at) = try row.decode(Int.self, String.self, String.self, Date.self)
            guard let file = byVersion[version] else {
                throw MigrationError.missingFile(version: version, name: name)
            }
            let current = try await connection.query("SELECT encode(sha256(\(Data(file.sql.utf8))), 'hex')")
            guard try current.single().decode(String.self, at: 0) == checksum else {
                throw MigrationError.changedAfterApplied(fileName: file.fileName)
            }
            applied[version] = at
        }
        return applied
    }
}
