import Foundation
import LibPQ

/// The result of checking the audit trail's chain from its first row to its last.
public struct AuditVerification: Sendable, Equatable {
    public var rows: Int
    /// The last row's number and hash (hex): write them down, and a later run that finds the
    /// trail shorter shows rows deleted from its end, which no chain can show by itself.
    public var lastID: Int64?
    public var lastHash: String?
    /// The first row where the chain breaks; nil when it holds.
    public var firstBreak: AuditBreak?

    public var isIntact: Bool { firstBreak == nil }

    public init(rows: Int, lastID: Int64?, lastHash: String?, firstBreak: AuditBreak?) {
        self.rows = rows
        self.lastID = lastID
        self.lastHash = lastHash
        self.firstBreak = firstBreak
    }
}

/// Where and how the chain breaks.
public struct AuditBreak: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The row's content no longer gives its hash, or its hash was rewritten.
        case changed
        /// Rows are missing: deleted.
        case deleted
        /// The row stands in another place than the one it was written in.
        case reordered
        /// Rows that the chain never contained stand here.
        case inserted
    }

    public var rowID: Int64
    public var kind: Kind
    public var reason: String

    public init(rowID: Int64, kind: Kind, reason: String) {
        self.rowID = rowID
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "row \(rowID) \(kind.rawValue): \(reason)" }
}

extension AuditStore {
    /// Rows are read in pages in the chain's order; each row's hash is recomputed by the same
    /// SQL function that computed it when it was written (`audit_row_hash`).
    public func verify(pageSize: Int = 10_000) async throws -> AuditVerification {
        let genesis = try await pool.query("SELECT audit_genesis_hash()").single().decode(Data.self, at: 0)
        var previous: (id: Int64, hash: Data)?
        var count = 0
        while true {
            let rows = try await pool.query("""
                SELECT id, prev_hash, hash, audit_row_hash(a) FROM audit_log a
                WHERE id > \(previous?.id ?? 0) ORDER BY id LIMIT \(pageSize)
                """)
            if rows.isEmpty { break }
            for row in rows {
                let (id, prevHash, hash, recomputed) = try row.decode(Int64.self, Data.self, Data.self, Data.self)
                count += 1
                if let problem = try await check(id: id, prevHash: prevHash, hash: hash, recomputed: recomputed, previous: previous, genesis: genesis) {
                    return AuditVerification(rows: count, lastID: previous?.id, lastHash: previous.map { Self.hex($0.hash) }, firstBreak: problem)
                }
                previous = (id, hash)
            }
        }
        return AuditVerification(rows: count, lastID: previous?.id, lastHash: previous.map { Self.hex($0.hash) }, firstBreak: nil)
    }

    /// One row against the row before it. Numbers are gap-free and not hashed; the chain fixes
    /// the order: each row names its predecessor's hash.
    func check(id: Int64, prevHash: Data, hash: Data, recomputed: Data, previous: (id: Int64, hash: Data)?, genesis: Data) async throws -> AuditBreak? {
        let expectedID = (previous?.id ?? 0) + 1
        if id != expectedID {
            let range = expectedID == id - 1 ? "row \(expectedID) is" : "rows \(expectedID)–\(id - 1) are"
            return AuditBreak(rowID: expectedID, kind: .deleted, reason: "\(range) missing (deleted)")
        }
        if recomputed != hash {
            return AuditBreak(rowID: id, kind: .changed, reason: "its content no longer matches its hash")
        }
        if prevHash == (previous?.hash ?? genesis) { return nil }
        // The link points elsewhere: find the row it points to.
        let holder = try await pool.query("SELECT id FROM audit_log WHERE hash = \(prevHash) LIMIT 1").first?.decode(Int64.self, at: 0)
        switch (holder, previous) {
        case (let holder?, _) where holder > id:
            return AuditBreak(rowID: id, kind: .reordered, reason: "it was written after row \(holder), which now stands after it")
        case (let holder?, let previous?) where holder < previous.id:
            return AuditBreak(rowID: holder + 1, kind: .inserted, reason: "row \(id) was written right after row \(holder); rows \(holder + 1)–\(previous.id) were not in the chain")
        case (_, let previous?):
            return AuditBreak(rowID: previous.id, kind: .changed,
                              reason: "its hash was rewritten (row \(id) recorded another), or rows after it were deleted and the rest renumbered")
        case (_, nil):
            return AuditBreak(rowID: id, kind: .deleted, reason: "the rows before it were deleted and the rest renumbered")
        }
    }

    static func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }
}
