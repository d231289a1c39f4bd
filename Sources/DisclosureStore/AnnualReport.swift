import DisclosureCore
import Foundation
import LibPQ

/// A year's report for one agency or the district: the two tables, their checks, and — once
/// a supervisor has locked the year — the figures as published beside the current ones.
public struct AnnualReport: Sendable {
    public var year: Int
    public var agency: Agency?
    public var scopeName: String
    public var table3: AnnualReportTable3
    public var table4: AnnualReportTable4
    public var checks: [ReportCheck]
    public var lock: Lock?

    public struct Lock: Sendable {
        public var id: Int64
        public var table3: AnnualReportTable3
        public var table4: AnnualReportTable4
        public var lockedAt: Date
        public var lockedBy: String
        /// Events recorded since that change the year's figures.
        public var flaggedEvents: Int
    }

    /// True when every check that must pass passes.
    public var publishable: Bool { checks.allSatisfy { $0.passed || $0.warningOnly } }
}

struct LockedFigures: Codable, Sendable {
    var table3: AnnualReportTable3
    var table4: AnnualReportTable4
}

extension ReportStore {
    /// The tables, last year's 三 for the checks (as published if locked, else as counted now:
    /// nil when no case touches that year), and the locks, read at the same time.
    public func report(year: Int, agency: Agency?) async throws -> AnnualReport {
        async let counted = table3s(year: year, agency: agency?.id)
        async let table4 = table4(year: year, agency: agency?.id)
        async let lastLock = lock(year: year - 1, agency: agency?.id)
        async let thisLock = lock(year: year, agency: agency?.id)
        let (table3, lastCounted) = try await counted
        let previous = try await lastLock?.table3 ?? (lastCounted.cells.isEmpty ? nil : lastCounted)
        let four = try await table4
        return AnnualReport(year: year, agency: agency, scopeName: agency?.name ?? "济南市市中区（全区合计）", table3: table3, table4: four,
                            checks: ReportCheck.run(table3, four, previous: previous), lock: try await thisLock)
    }

    public func lock(year: Int, agency: Int64?) async throws -> AnnualReport.Lock? {
        let rows = try await pool.query("""
            SELECT l.id, l.figures, l.locked_at, u.name, (SELECT count(*) FROM report_lock_flags f WHERE f.lock_id = l.id)
            FROM report_locks l JOIN users u ON u.id = l.locked_by
            WHERE l.year = \(year) AND coalesce(l.agency_id, 0) = \(agency ?? 0)
            """)
        guard let row = rows.first else { return nil }
        let figures = try row.decode(PostgresJSON<LockedFigures>.self, at: 1).value
        return AnnualReport.Lock(id: try row.decode(Int64.self, at: 0), table3: figures.table3, table4: figures.table4,
                                 lockedAt: try row.decode(Date.self, at: 2), lockedBy: try row.decode(String.self, at: 3),
                                 flaggedEvents: try row.decode(Int.self, at: 4))
    }

    /// Locks a year as published: its current figures are kept. Refused while a check fails.
    public func lockYear(_ report: AnnualReport, by user: User) async throws {
        guard report.publishable else { throw ReportError.checksFail }
        try await pool.query("""
            INSERT INTO report_locks (year, agency_id, figures, locked_by)
            VALUES (\(report.year), \(report.agency?.id), \(PostgresJSON(LockedFigures(table3: report.table3, table4: report.table4))), \(user.id))
            """)
    }
}

public enum ReportError: Error, Equatable, CustomStringConvertible {
    case checksFail

    public var description: String {
        switch self {
        case .checksFail: return "The report fails its checks; correct the cases before locking the year."
        }
    }

    public var chineseDescription: String {
        switch self {
        case .checksFail: return "报表未通过校验，请先更正有关案件，再锁定该年度。"
        }
    }
}
