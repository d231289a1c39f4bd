import DisclosureCore
import LibPQ

/// A case whose dates a calendar import moved, for its officer's dashboard.
public struct MovedDeadlines: Sendable, Equatable {
    public var caseID: Int64
    public var caseNumber: String
    public var subject: String
    public var recordedOn: LocalDate
    public var recomputation: DeadlineRecomputation

    /// A date now comes earlier than the officer was told.
    public var isEarlier: Bool { recomputation.changes.contains(where: \.isEarlier) }
    /// The earliest of the new dates.
    public var earliestNewDate: LocalDate? { recomputation.changes.compactMap(\.to).min() }
}

extension CaseStore {
    /// The open cases of `officer` whose dates were recomputed on or after `since`: those with
    /// a date moved earlier first, then by the earliest new date.
    public func movedDeadlines(officer: Int64, since: LocalDate) async throws -> [MovedDeadlines] {
        let rows = try await pool.query("""
            SELECT c.id, c.case_number, c.subject, e.occurred_on, e.payload
            FROM cases c JOIN case_events e ON e.case_id = c.id
            WHERE c.officer_id = \(officer) AND c.state NOT IN ('replied', 'closed')
              AND e.kind = \(EventKind.recomputeDeadlines.rawValue) AND e.occurred_on >= \(since)
            ORDER BY e.occurred_on DESC, c.id LIMIT 200
            """)
        let moved = try rows.map { row in
            MovedDeadlines(caseID: try row.decode(Int64.self, at: 0), caseNumber: try row.decode(String.self, at: 1),
                           subject: try row.decode(String.self, at: 2), recordedOn: try row.decode(LocalDate.self, at: 3),
                           recomputation: try row.decode(PostgresJSON<DeadlineRecomputation>.self, at: 4).value)
        }
        return moved.sorted { a, b in
            if a.isEarlier != b.isEarlier { return a.isEarlier }
            return (a.earliestNewDate ?? .init(dayNumber: .max / 2)) < (b.earliestNewDate ?? .init(dayNumber: .max / 2))
        }
    }
}
