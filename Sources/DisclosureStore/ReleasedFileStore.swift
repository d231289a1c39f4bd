import DisclosureCore
import Foundation
import LibPQ

/// The information released with a case's reply, as files (Schema/0032_released_files.sql):
/// added and withdrawn while the case is open (`ReleasedFile`), never changed or deleted.
/// Every call runs in the caller's scope, so row-level security hides other agencies' files.
public struct ReleasedFileStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// A file as listed: everything but its content.
    public struct Info: Sendable, Equatable {
        public var id: Int64
        public var caseID: Int64
        public var fileName: String
        public var kind: AttachmentKind
        public var size: Int
        public var sha256: String
        public var uploadedBy: Int64
        public var uploadedAt: Date
        public var withdrawnAt: Date?
        public var withdrawnBy: Int64?
        public var isWithdrawn: Bool { withdrawnAt != nil }
    }

    static let columns: Query = "f.id, f.case_id, f.file_name, f.content_type, f.size, f.sha256, f.uploaded_by, f.uploaded_at, f.withdrawn_at, f.withdrawn_by"

    static func info(_ row: Row) throws -> Info {
        let (id, caseID, name, type, size, sha, by, at, withdrawnAt, withdrawnBy) = try row.decode(
            Int64.self, Int64.self, String.self, String.self, Int.self, String.self, Int64.self, Date.self, Date?.self, Int64?.self)
        guard let kind = AttachmentKind(rawValue: type) else { throw PostgresError.decoding(column: "content_type", message: "unknown type \(type)") }
        return Info(id: id, caseID: caseID, fileName: name, kind: kind, size: size, sha256: sha, uploadedBy: by, uploadedAt: at,
                    withdrawnAt: withdrawnAt, withdrawnBy: withdrawnBy)
    }

    /// Adds a checked file (`ReleasedFile.check`) to an open case. The case row is locked for
    /// share, so that a reply recorded at the same moment either sees the file or refuses it.
    /// Throws `LifecycleError.invalid` when the case is closed to additions, and
    /// `CaseStoreError.caseNotFound` outside the scope.
    public func add(caseID: Int64, fileName: String, kind: AttachmentKind, bytes: [UInt8], by userID: Int64, scope: Scope) async throws -> Info {
        try await scope.run {
            try await pool.withTransaction { connection in
                let state = try await Self.lockedState(caseID, scope: scope, connection)
                let count = try await connection.query("""
                    SELECT count(*) FROM released_files WHERE case_id = \(caseID) AND withdrawn_at IS NULL
                    """).single().decode(Int.self, at: 0)
                if let problem = ReleasedFile.additionRefusal(state: state, filesSoFar: count) { throw LifecycleError.invalid([problem]) }
                return try Self.info(try await connection.query("""
                    WITH f AS (
                        INSERT INTO released_files (case_id, file_name, content_type, size, content, uploaded_by)
                        VALUES (\(caseID), \(fileName), \(kind.rawValue), \(bytes.count), \(Data(bytes)), \(userID))
                        RETURNING *)
                    SELECT \(Self.columns) FROM f
                    """).single())
            }
        }
    }

    /// Withdraws a file put up by mistake, while the case is open; nil when there is no such
    /// file in scope. Withdrawing twice keeps the first withdrawal.
    public func withdraw(_ id: Int64, by userID: Int64, scope: Scope) async throws -> Info? {
        try await scope.run {
            try await pool.withTransaction { connection in
                guard let caseID = try await connection.query("SELECT case_id FROM released_files WHERE id = \(id)").first?.decode(Int64.self, at: 0) else {
                    return nil
                }
                let state = try await Self.lockedState(caseID, scope: scope, connection)
                if let problem = ReleasedFile.withdrawalRefusal(state: state) { throw LifecycleError.invalid([problem]) }
                try await connection.execute("""
                    UPDATE released_files SET withdrawn_at = now(), withdrawn_by = \(userID) WHERE id = \(id) AND withdrawn_at IS NULL
                    """)
                return try await connection.query("SELECT \(Self.columns) FROM released_files f WHERE f.id = \(id)").first.map(Self.info)
            }
        }
    }

    /// The case's files, withdrawn ones too, in the order they were put up.
    public func list(caseID: Int64, scope: Scope) async throws -> [Info] {
        try await scope.run {
            try await pool.query("SELECT \(Self.columns) FROM released_files f WHERE f.case_id = \(caseID) ORDER BY f.id").map(Self.info)
        }
    }

    /// One file and its content; nil when there is no such file in scope.
    public func file(_ id: Int64, scope: Scope) async throws -> (info: Info, content: Data)? {
        try await scope.run {
            try await pool.query("SELECT \(Self.columns), f.content FROM released_files f WHERE f.id = \(id)").first.map { row in
                (try Self.info(row), try row.decode(Data.self, at: 10))
            }
        }
    }

    /// The case's state, its row locked against a concurrent event until the transaction ends.
    static func lockedState(_ caseID: Int64, scope: Scope, _ connection: Connection) async throws -> CaseState {
        guard let text = try await connection.query("""
            SELECT state FROM cases WHERE id = \(caseID) AND \(scope.condition(on: "agency_id")) FOR SHARE
            """).first?.decode(String.self, at: 0) else { throw CaseStoreError.caseNotFound(caseID) }
        guard let state = CaseState(rawValue: text) else { throw PostgresError.decoding(column: "state", message: "unknown state \(text)") }
        return state
    }
}
