import DisclosureCore
import LibPQ

/// Search over cases (for those who may see them) and the requests most like a new one, for
/// 重复申请 and for answering alike (issue 6).
public struct SimilarStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    public struct Match: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var detail: String
        public var isCase: Bool
    }

    /// Cases matching every word of the query, or its words' synonyms (拆迁 finds 征收), among
    /// those the viewer sees: the cases holding the query as typed first, then newest first.
    public func searchCases(_ query: String, scope: Scope, limit: Int = 50) async throws -> (cases: [CaseSummary], total: Int) {
        let limit = min(max(limit, 1), 500)
        return try await scope.run {
            guard !Highlighter.terms(query).isEmpty else { return ([], 0) }
            // Resolved before the search and sent as a value, so the planner sees the tsquery it
            // plans for (as the library does); the literal-first order costs a check of each hit,
            // paid only when synonyms widened the search.
            let matches: Query, literalFirst: Query
            if let widened = try await synonymQuery(query) {
                matches = "\(widened)::tsquery"
                literalFirst = "c.search @@ dd_query(\(query)) DESC,"
            } else {
                matches = "dd_query(\(query))"
                literalFirst = ""
            }
            let rows = try await pool.query("""
                SELECT c.id, c.case_number, c.state, c.agency_id, c.officer_id, c.applicant_kind, c.channel, c.subject,
                       c.received_on, c.reply_due, c.next_due, c.disposition, c.disposed_on, c.replied_late, c.version, count(*) OVER ()
                FROM cases c WHERE c.search @@ \(matches) AND \(scope.condition(on: "c.agency_id"))
                ORDER BY \(literalFirst) c.received_on DESC, c.id DESC LIMIT \(limit)
                """)
            var total = 0
            let cases = try rows.map { row -> CaseSummary in
                total = try row.decode(Int.self, at: 15)
                return try CaseStore.summary(row)
            }
            return (cases, total)
        }
    }

    /// The earlier cases (that the viewer sees) and library entries most like `text`.
    public func similar(to text: String, scope: Scope, excluding caseID: Int64? = nil, limit: Int = 5) async throws -> [Match] {
        try await scope.run {
            guard text.count >= 4 else { return [] }
            let cases = try await pool.query("""
                SELECT c.id, c.case_number || ' ' || c.subject, coalesce(c.disposition, c.state), ts_rank_cd(c.search, q) AS rank
                FROM cases c, dd_similar_query(\(text)) q
                WHERE c.search @@ q AND \(scope.condition(on: "c.agency_id")) AND c.id <> \(caseID ?? 0)
                ORDER BY rank DESC, c.id DESC LIMIT \(limit)
                """).map { row -> (Match, Double) in
                let detail = try row.decode(String.self, at: 2)
                let label = Disposition(rawValue: detail)?.label ?? CaseState(rawValue: detail)?.label ?? detail
                return (Match(id: try row.decode(Int64.self, at: 0), title: try row.decode(String.self, at: 1), detail: label, isCase: true), try row.decode(Double.self, at: 3))
            }
            let entries = try await pool.query("""
                SELECT e.id, e.title, e.kind, ts_rank_cd(e.search, q) AS rank
                FROM library_entries e, dd_similar_query(\(text)) q WHERE e.search @@ q ORDER BY rank DESC, e.id DESC LIMIT \(limit)
                """).map { row -> (Match, Double) in
                (Match(id: try row.decode(Int64.self, at: 0), title: try row.decode(String.self, at: 1),
                       detail: LibraryEntry.Kind(rawValue: try row.decode(String.self, at: 2))?.label ?? "", isCase: false), try row.decode(Double.self, at: 3))
            }
            return (cases + entries).sorted { $0.1 > $1.1 }.prefix(limit * 2).map(\.0)
        }
    }
}
