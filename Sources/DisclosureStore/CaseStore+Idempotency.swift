import DisclosureCore
import LibPQ

/// Writes with an `IdempotencyKey` (Schema 0025): the key is claimed in the write's own
/// transaction, so that the write and its key commit or vanish together; a second write with the
/// key finds it claimed (waiting, if the first is still running, for its commit) and is answered
/// with the case the first one wrote, as it is now.
extension CaseStore {
    /// The case an earlier write with `key` touched, marked `replayed`; nil when the key is new.
    func replay(_ key: IdempotencyKey) async throws -> Record? {
        let rows = try await pool.query("""
            SELECT k.request_hash = sha256(convert_to(\(key.request), 'UTF8')), c.id, c.case_number, c.snapshot
            FROM idempotency_keys k LEFT JOIN cases c ON c.id = k.case_id
            WHERE k.user_id = \(key.userID) AND k.key = \(key.key)
            """)
        guard let row = rows.first else { return nil }
        guard try row.decode(Bool.self, at: 0) else { throw IdempotencyKeyReused() }
        // The case is out of the caller's sight now (transferred away): as any case they may not see.
        guard let id = try row.decode(Int64?.self, at: 1) else { throw CaseStoreError.caseNotFound(0) }
        let (number, snapshot) = (try row.decode(String.self, at: 2), try row.decode(PostgresJSON<CaseSnapshot>.self, at: 3))
        return Record(id: id, caseNumber: number, snapshot: snapshot.value, replayed: true)
    }

    /// Claims `key` inside a write's transaction; false when another write holds it. Keys older
    /// than a day are let go on the way.
    static func claim(_ key: IdempotencyKey, caseID: Int64?, _ connection: Connection) async throws -> Bool {
        try await connection.execute("DELETE FROM idempotency_keys WHERE user_id = \(key.userID) AND created_at < now() - interval '1 day'")
        return try await connection.execute("""
            INSERT INTO idempotency_keys (user_id, key, request_hash, case_id)
            VALUES (\(key.userID), \(key.key), sha256(convert_to(\(key.request), 'UTF8')), \(caseID))
            ON CONFLICT DO NOTHING
            """) == 1
    }

    /// Runs `write` once per key: an earlier write's case when the key is known, else the write,
    /// which claims the key in its transaction (`claim`) and throws `Claimed` when it finds the
    /// key taken meanwhile.
    func once(_ key: IdempotencyKey?, _ write: () async throws -> Record) async throws -> Record {
        guard let key else { return try await write() }
        if let earlier = try await replay(key) { return earlier }
        do {
            return try await write()
        } catch is Claimed {
            guard let earlier = try await replay(key) else { throw Claimed() }
            return earlier
        }
    }

    /// Thrown inside a write's transaction to roll it back when its key turns out to be taken.
    struct Claimed: Error {}
}
