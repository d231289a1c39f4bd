import DisclosureCore
import Foundation
import LibPQ
import Synchronization

/// The working-day calendar: the built-in State Council years, overridden and extended by the
/// years an administrator imported (table calendar_years). Cached; a changed import stamp in
/// the database (read alongside each case update) reloads it.
public final class CalendarStore: Sendable {
    let pool: ConnectionPool
    private let cache = Mutex<(stamp: String, calendar: WorkCalendar)?>(nil)

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// The SQL expression whose value changes whenever a year is imported.
    static let stampSQL: Query = "(SELECT coalesce(max(imported_at)::text, '') || count(*)::text FROM calendar_years)"

    public func calendar() async throws -> WorkCalendar {
        if let cached = cache.withLock({ $0 }) { return cached.calendar }
        return try await reload()
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

    /// Adds or replaces years, all or none.
    public func importYears(_ years: [CalendarYear]) async throws {
        try await pool.withTransaction { connection in
            for year in years {
                try await connection.execute("""
                    INSERT INTO calendar_years (year, notice, holidays, makeup_workdays) \
                    VALUES (\(year.year), \(year.notice), \(PostgresJSON(year.holidays)), \(year.makeupWorkdays))
                    ON CONFLICT (year) DO UPDATE SET notice = excluded.notice, holidays = excluded.holidays,
                        makeup_workdays = excluded.makeup_workdays, imported_at = clock_timestamp()
                    """)
            }
        }
        try await reload()
    }
}
