import DisclosureCore
import Foundation
import LibPQ
import Synchronization

/// The working-day calendar: the built-in State Council years, overridden and extended by the
/// years an administrator imported (table calendar_years), and provisional years beyond. Cached;
/// a changed import stamp in the database reloads it.
public final class CalendarStore: Sendable {
    let pool: ConnectionPool
    private let cache = Mutex<(stamp: String, calendar: WorkCalendar)?>(nil)

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// The SQL expression whose value changes whenever a year is imported.
    static let stampSQL: Query = "(SELECT coalesce(max(imported_at)::text, '') || count(*)::text FROM calendar_years)"

    /// The calendar as imported now. The stamp costs one small query; without it another
    /// process's import would go unseen here until this one wrote a case.
    public func calendar() async throws -> WorkCalendar {
        let stamp = try await pool.query("SELECT \(Self.stampSQL)").single().decode(String.self, at: 0)
        return try await calendar(stamp: stamp)
    }

    /// The calendar for a stamp read in the same statement as the data it serves.
    func calendar(stamp: String) async throws -> WorkCalendar {
        if let cached = cache.withLock({ $0 }), cached.stamp == stamp { return cached.calendar }
        return try await reload()
    }

    @discardableResult
    public func reload() async throws -> WorkCalendar {
        let rows = try await pool.query("""
            SELECT year, notice, holidays, makeup_workdays, \(Self.stampSQL) FROM calendar_years
            RIGHT JOIN (SELECT 1) AS one ON true ORDER BY year
            """)
        var calendar = try WorkCalendar(CalendarYear.official)
        var stamp = ""
        for row in rows {
            stamp = try row.decode(String.self, at: 4)
            guard let year = try row.decode(Int?.self, at: 0) else { continue }
            let holidays = try row.decode(PostgresJSON<[CalendarYear.Holiday]>.self, at: 2).value
            try calendar.add(CalendarYear(year: year, notice: try row.decode(String.self, at: 1), holidays: holidays,
                                          makeupWorkdays: try row.decode([LocalDate].self, at: 3)))
        }
        let result = calendar
        cache.withLock { $0 = (stamp, result) }
        return result
    }

    /// Writes that compute dates take this lock shared, an import exclusively: no case is
    /// written with the old calendar while an import recomputes, nor read for recomputing while
    /// a write is under way.
    public static let lockKey: Int64 = 0x6361_6C65_6E64_6172  // "calendar"

    /// Taken by every write that computes dates, before it reads the calendar's stamp.
    static func shareLock(_ connection: Connection) async throws {
        try await connection.execute("SELECT pg_advisory_xact_lock_shared(\(lockKey))")
    }

    /// The calendar for a write that computes dates, in its transaction: after the shared lock,
    /// so that an import under way is waited for and then seen.
    func calendarForWrite(_ connection: Connection) async throws -> WorkCalendar {
        try await Self.shareLock(connection)
        return try await calendar(stamp: try await connection.query("SELECT \(Self.stampSQL)").single().decode(String.self, at: 0))
    }

    /// What an import did.
    public struct ImportOutcome: Sendable, Equatable {
        public var years: [Int]
        /// Days whose working status changed, first and last; nil when none did.
        public var changedDays: ClosedRange<LocalDate>?
        /// Cases replayed under the new calendar.
        public var examined: Int
        /// Cases whose dates moved; each has a 期限重新计算 entry in its history.
        public var moved: Int
        /// Of those, cases with a date now earlier than before.
        public var movedEarlier: Int
        /// Every case whose stored snapshot was rewritten.
        public var rewrittenCaseIDs: [Int64] = []
    }

    /// Adds or replaces years and recomputes every case whose dates they move, all or none
    /// (domain.md §5): a case whose date moves gets an entry in its history, by `actor`.
    public func importYears(_ years: [CalendarYear], by actor: Actor?, today: LocalDate) async throws -> ImportOutcome {
        // Whoever imports, every agency's cases are recomputed.
        let outcome = try await Scope.everything(reason: "recomputing every case a holiday notice moves").run {
            try await pool.withTransaction { connection in
                try await importYears(years, by: actor, today: today, connection)
            }
        }
        try await reload()
        return outcome
    }

    /// The import on a connection inside the caller's transaction (the bench rolls it back).
    public func importYears(_ years: [CalendarYear], by actor: Actor?, today: LocalDate, _ connection: Connection) async throws -> ImportOutcome {
        try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
        let before = try await reload()
        var after = before
        for year in years {
            try after.add(year)
            try await connection.execute("""
                INSERT INTO calendar_years (year, notice, holidays, makeup_workdays) \
                VALUES (\(year.year), \(year.notice), \(PostgresJSON(year.holidays)), \(year.makeupWorkdays))
                ON CONFLICT (year) DO UPDATE SET notice = excluded.notice, holidays = excluded.holidays,
                    makeup_workdays = excluded.makeup_workdays, imported_at = clock_timestamp()
                """)
        }
        let changed = try Self.changedDays(years.map(\.year), before, after)
        var outcome = ImportOutcome(years: years.map(\.year).sorted(), changedDays: changed, examined: 0, moved: 0, movedEarlier: 0)
        guard let changed else { return outcome }
        let notice = years.map(\.notice).joined(separator: "；")
        let candidates = Self.reaching(changed)
        guard let actor else {
            // Only an administrator can stand in a case's history for the change.
            let reached = try await connection.query("SELECT count(*) FROM cases c WHERE \(candidates)").single().decode(Int.self, at: 0)
            if reached > 0 { throw CalendarImportError.noAdministrator(cases: reached) }
            return outcome
        }
        let refresh = SnapshotRefresh(calendar: after, recording: .init(year: years.map(\.year).max()!, notice: notice, actor: actor, on: today))
        let result = try await pool.withConnection { reader in try await refresh.run(connection, reading: reader, candidates: candidates) }
        outcome.examined = result.examined
        outcome.moved = result.moved
        outcome.movedEarlier = result.movedEarlier
        outcome.rewrittenCaseIDs = result.rewrittenIDs
        return outcome
    }

    /// The days, from December of the year before each imported year to its end, that work
    /// under one calendar and not the other.
    static func changedDays(_ years: [Int], _ before: WorkCalendar, _ after: WorkCalendar) throws -> ClosedRange<LocalDate>? {
        let changed = try years.flatMap {
            try after.daysDiffering(from: before, from: LocalDate(year: $0 - 1, month: 12, day: 1)!, through: LocalDate(year: $0, month: 12, day: 31)!)
        }
        guard let first = changed.min(), let last = changed.max() else { return nil }
        return first...last
    }

    /// The cases whose dates may have counted one of the changed days: every open case received
    /// by the last of them, and closed ones whose reply date or disposition comes after the
    /// first. A closed case's dates all count from entries before its disposition, and none
    /// reaches further than the 60 working days of the longest correction period.
    static func reaching(_ days: ClosedRange<LocalDate>) -> Query {
        let reach = days.lowerBound.adding(days: -120)
        return """
            c.received_on <= \(days.upperBound) AND (c.state NOT IN ('replied', 'closed')
                OR c.reply_due >= \(days.lowerBound) OR c.disposed_on >= \(reach))
            """
    }
}

public enum CalendarImportError: Error, CustomStringConvertible {
    case noAdministrator(cases: Int)

    public var description: String {
        switch self {
        case .noAdministrator(let cases):
            return "\(cases) cases may have dates that this year moves, and an administrator must be recorded as making the change: add one (disclosure user add --role administrator) or name one with --by."
        }
    }
}
