import DisclosureCore
import Foundation
import LibPQ

/// Tables 三 and 四 counted from the cases (domain.md §7), for one agency or the whole district.
public struct ReportStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// The scope of a report: one agency, or nil for the district (every agency).
    static func scope(_ agency: Int64?) -> Query {
        agency.map { "c.agency_id = \($0)" } ?? "true"
    }

    static func bounds(_ year: Int) -> (LocalDate, LocalDate) {
        (LocalDate(year: year, month: 1, day: 1)!, LocalDate(year: year, month: 12, day: 31)!)
    }

    /// What the report counts: the worked cases and the cases imported from ledgers. PostgreSQL
    /// pushes the conditions into both branches, so each keeps its index-only scan.
    static let counted: Query = """
        (SELECT agency_id, applicant_kind, received_on, disposed_on, disposition FROM cases
         UNION ALL SELECT agency_id, applicant_kind, received_on, disposed_on, disposition FROM ledger_cases)
        """

    public func table3(year: Int, agency: Int64?) async throws -> AnnualReportTable3 {
        let (start, end) = Self.bounds(year)
        var table = AnnualReportTable3()
        // The cases that touch the year: received by its end and not disposed before it began.
        let touching: Query = """
            \(Self.scope(agency)) AND c.received_on <= \(end) AND (c.disposed_on IS NULL OR c.disposed_on >= \(start))
            """
        let rows = try await pool.query("""
            SELECT c.applicant_kind, GROUPING(c.applicant_kind),
                   count(*) FILTER (WHERE c.received_on >= \(start)),
                   count(*) FILTER (WHERE c.received_on < \(start)),
                   count(*) FILTER (WHERE c.disposed_on BETWEEN \(start) AND \(end)),
                   count(*) FILTER (WHERE c.disposed_on IS NULL OR c.disposed_on > \(end))
            FROM \(Self.counted) c WHERE \(touching) GROUP BY ROLLUP (c.applicant_kind)
            """)
        for row in rows {
            guard let column = try Self.column(row, kind: 0, grouping: 1) else { continue }
            table[.received, column] = try row.decode(Int.self, at: 2)
            table[.carriedOver, column] = try row.decode(Int.self, at: 3)
            table[.resultTotal, column] = try row.decode(Int.self, at: 4)
            table[.carriedForward, column] = try row.decode(Int.self, at: 5)
        }
        let results = try await pool.query("""
            SELECT c.disposition, c.applicant_kind, GROUPING(c.applicant_kind), count(*)
            FROM \(Self.counted) c WHERE \(Self.scope(agency)) AND c.disposed_on BETWEEN \(start) AND \(end)
            GROUP BY GROUPING SETS ((c.disposition, c.applicant_kind), (c.disposition))
            """)
        for row in results {
            guard let code = try row.decode(String?.self, at: 0), let disposition = Disposition(rawValue: code),
                  let column = try Self.column(row, kind: 1, grouping: 2) else { continue }
            table[.result(disposition), column] = try row.decode(Int.self, at: 3)
        }
        return table
    }

    /// The column of a ROLLUP row: the applicant kind, or 总计 for the rolled-up row; nil for a
    /// kind outside the six (still counted in 总计, so the checks show it).
    static func column(_ row: Row, kind: Int, grouping: Int) throws -> AnnualReportTable3.Column? {
        if try row.decode(Int.self, at: grouping) == 1 { return .total }
        return try row.decode(String?.self, at: kind).flatMap(ApplicantKind.init(rawValue:)).map(AnnualReportTable3.Column.kind)
    }

    public func table4(year: Int, agency: Int64?) async throws -> AnnualReportTable4 {
        let (start, end) = Self.bounds(year)
        var table = AnnualReportTable4()
        let rows = try await pool.query("""
            WITH p AS (
                SELECT 'reconsideration' AS proceeding, r.result FROM reconsiderations r JOIN cases c ON c.id = r.case_id
                WHERE \(Self.scope(agency)) AND r.filed_on BETWEEN \(start) AND \(end)
                UNION ALL
                SELECT CASE WHEN l.after_review THEN 'lawsuit_after_reconsideration' ELSE 'lawsuit_direct' END, l.result
                FROM litigations l JOIN cases c ON c.id = l.case_id WHERE \(Self.scope(agency)) AND l.filed_on BETWEEN \(start) AND \(end)
                UNION ALL
                SELECT 'reconsideration', c.review_result FROM ledger_cases c
                WHERE \(Self.scope(agency)) AND c.review_filed_on BETWEEN \(start) AND \(end)
                UNION ALL
                SELECT CASE WHEN c.lawsuit_after_review THEN 'lawsuit_after_reconsideration' ELSE 'lawsuit_direct' END, c.lawsuit_result
                FROM ledger_cases c WHERE \(Self.scope(agency)) AND c.lawsuit_filed_on BETWEEN \(start) AND \(end))
            SELECT proceeding, result, GROUPING(result), count(*) FROM p GROUP BY proceeding, ROLLUP (result)
            """)
        for row in rows {
            guard let proceeding = AnnualReportTable4.Proceeding(rawValue: try row.decode(String.self, at: 0)) else { continue }
            if try row.decode(Int.self, at: 2) == 1 {
                table[proceeding, nil] = try row.decode(Int.self, at: 3)
            } else if let result = try row.decode(String?.self, at: 1).flatMap(ReviewResult.init(rawValue:)) {
                table[proceeding, result] = try row.decode(Int.self, at: 3)
            }
        }
        return table
    }
}
