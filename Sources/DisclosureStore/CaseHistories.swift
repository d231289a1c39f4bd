import DisclosureCore
import LibPQ

/// Cases with their whole history, read in batches in id order, for replaying them
/// (`disclosure verify`, the recomputation after a calendar import).
struct CaseHistories {
    struct Entry: Sendable {
        var id: Int64
        var caseNumber: String
        var stored: CaseSnapshot
        /// The derived columns as stored, in the order of `CaseColumns.derived`.
        var columns: [String?]
        /// nil when the case has no history at all.
        var events: [CaseEvent]?
    }

    let run: @Sendable (Query) async throws -> QueryResult
    /// Which cases (a condition on `c`).
    let condition: Query
    let batchSize: Int
    /// Locks the rows read until the transaction ends, for rewriting them.
    var locking = false

    /// The next batch after case `after`; empty at the end.
    func batch(after: Int64) async throws -> [Entry] {
        let columns = Query.joined(CaseColumns.derived.map { "c.\(identifier: $0.name)::text" }, separator: ", ")
        let lock: Query = locking ? "FOR UPDATE OF c" : ""
        let rows = try await run("""
            SELECT c.id, c.case_number, c.snapshot,
                   (SELECT jsonb_agg(jsonb_build_object('kind', e.kind, 'on', e.occurred_on,
                           'actor', jsonb_build_object('userID', e.actor_id, 'role', e.actor_role), 'payload', e.payload) ORDER BY e.seq)
                    FROM case_events e WHERE e.case_id = c.id),
                   \(columns)
            FROM cases c WHERE c.id > \(after) AND (\(condition)) ORDER BY c.id LIMIT \(batchSize)
            \(lock)
            """)
        return try rows.map { row in
            Entry(id: try row.decode(Int64.self, at: 0), caseNumber: try row.decode(String.self, at: 1),
                  stored: try row.decode(PostgresJSON<CaseSnapshot>.self, at: 2).value,
                  columns: try CaseColumns.derived.indices.map { try row.decode(String?.self, at: 4 + $0) },
                  events: try row.decode(PostgresJSON<[CaseEvent]>?.self, at: 3)?.value)
        }
    }
}
