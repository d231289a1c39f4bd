import DisclosureCore
import Foundation
import LibPQ

/// Cases with their whole history, read in batches for replaying them (`disclosure verify`,
/// the recomputation after a calendar import).
struct CaseHistories {
    /// A case as read: its JSON still text, to be decoded where the work is spread over the
    /// cores (decoding costs more than the query).
    struct Entry: Sendable {
        var id: Int64
        var caseNumber: String
        var snapshotJSON: String
        /// The derived columns as stored, in the order of `CaseColumns.derived`.
        var columns: [String?]
        /// nil when the case has no history at all.
        var eventsJSON: String?

        func stored() throws -> CaseSnapshot { try JSONDecoder().decode(CaseSnapshot.self, from: Data(snapshotJSON.utf8)) }
        func events() throws -> [CaseEvent]? { try eventsJSON.map { try JSONDecoder().decode([CaseEvent].self, from: Data($0.utf8)) } }
    }

    let run: @Sendable (Query) async throws -> QueryResult

    /// The next `limit` cases after case `after`, in id order; empty at the end.
    func batch(after: Int64, limit: Int) async throws -> [Entry] {
        try await read("c.id > \(after) ORDER BY c.id LIMIT \(limit)")
    }

    /// The cases with these ids, in id order.
    func batch(ids: [Int64]) async throws -> [Entry] {
        try await read("c.id = ANY(\(ids)) ORDER BY c.id")
    }

    /// The ids of the cases a condition on `c` selects, in order: one scan, so that batches of
    /// sparse candidates are not each looked for through the whole table.
    func ids(where condition: Query) async throws -> [Int64] {
        try await run("SELECT c.id FROM cases c WHERE \(condition) ORDER BY c.id").map { try $0.decode(Int64.self, at: 0) }
    }

    private func read(_ selection: Query) async throws -> [Entry] {
        let columns = Query.joined(CaseColumns.derived.map { "c.\(identifier: $0.name)::text" }, separator: ", ")
        let rows = try await run("""
            SELECT c.id, c.case_number, c.snapshot::text,
                   (SELECT jsonb_agg(jsonb_build_object('kind', e.kind, 'on', e.occurred_on,
                           'actor', jsonb_build_object('userID', e.actor_id, 'role', e.actor_role), 'payload', e.payload) ORDER BY e.seq)
                    FROM case_events e WHERE e.case_id = c.id)::text,
                   \(columns)
            FROM cases c WHERE \(selection)
            """)
        return try rows.map { row in
            Entry(id: try row.decode(Int64.self, at: 0), caseNumber: try row.decode(String.self, at: 1),
                  snapshotJSON: try row.decode(String.self, at: 2),
                  columns: try CaseColumns.derived.indices.map { try row.decode(String?.self, at: 4 + $0) },
                  eventsJSON: try row.decode(String?.self, at: 3))
        }
    }
}
