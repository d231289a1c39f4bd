import DisclosureCore
import Foundation
import LibPQ

/// The audit trail (Schema 0018): append-only, each row hash-chained to the one before inside
/// PostgreSQL. The application only adds rows; their number, time and hashes are given by the
/// database, and every case event is added there by a trigger.
public struct AuditStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// Adds an entry and returns its number. Texts are cut to what the table holds rather than
    /// refused: a long path or name must not lose the entry.
    @discardableResult
    public func record(_ kind: AuditKind, by actor: AuditActor?, subject: String? = nil, detail: [String: String] = [:],
                       client: String? = nil) async throws -> Int64 {
        let bounded = Self.bounded(detail)
        return try await pool.query("""
            INSERT INTO audit_log (actor_id, actor_username, kind, subject, detail, client)
            VALUES (\(actor?.userID), \(actor?.username.map { Self.cut($0, 100) }), \(kind.rawValue),
                    \(subject.map { Self.cut($0, 300) }), \(PostgresJSON(bounded)), \(client.map { Self.cut($0, 100) }))
            RETURNING id
            """).single().decode(Int64.self, at: 0)
    }

    /// At most 8 entries of at most 200 characters each (the table allows 16,000 bytes of JSON).
    static func bounded(_ detail: [String: String]) -> [String: String] {
        var kept: [String: String] = [:]
        for key in detail.keys.sorted().prefix(8) { kept[cut(key, 40)] = cut(detail[key]!, 200) }
        return kept
    }

    /// The first `limit` Unicode scalars: PostgreSQL's length() counts code points.
    static func cut(_ text: String, _ limit: Int) -> String {
        text.unicodeScalars.count <= limit ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit)))
    }

    /// Entries matching the filter, newest first (the chain's order).
    public func entries(_ filter: AuditFilter) async throws -> AuditPage {
        let page = min(max(filter.page, 1), AuditFilter.maxPage)
        let size = min(max(filter.pageSize, 1), AuditFilter.maxPageSize)
        var conditions: [Query] = ["true"]
        if let kind = filter.kind { conditions.append("kind = \(kind.rawValue)") }
        if let username = filter.username { conditions.append("actor_username = \(username)") }
        if let subject = filter.subject { conditions.append("subject = \(subject)") }
        if let from = filter.from { conditions.append("at >= \(Self.chinaMidnight(from))") }
        if let to = filter.to { conditions.append("at < \(Self.chinaMidnight(to.adding(days: 1)))") }
        let condition = Query.joined(conditions, separator: " AND ")
        async let counted = pool.query("SELECT count(*) FROM (SELECT 1 FROM audit_log WHERE \(condition) LIMIT \(AuditFilter.countLimit + 1)) matching")
        let rows = try await pool.query("""
            SELECT id, at, actor_id, actor_username, kind, subject,
                   (SELECT coalesce(jsonb_object_agg(key, value), '{}') FROM jsonb_each_text(detail)), client
            FROM audit_log WHERE \(condition) ORDER BY id DESC LIMIT \(size) OFFSET \((page - 1) * size)
            """)
        let entries = try rows.map { row in
            let (id, at, actorID, username, code, subject, detail, client) = try row.decode(
                Int64.self, Date.self, Int64?.self, String?.self, String.self, String?.self, PostgresJSON<[String: String]>.self, String?.self)
            return AuditEntry(id: id, at: at, actorID: actorID, actorUsername: username, code: code, subject: subject,
                              detail: detail.value, client: client)
        }
        let total = try await counted.single().decode(Int.self, at: 0)
        return AuditPage(entries: entries, total: min(total, AuditFilter.countLimit), totalIsCapped: total > AuditFilter.countLimit,
                         page: page, pageSize: size)
    }

    /// 00:00 of a day in China (UTC+8 all year), as an instant.
    static func chinaMidnight(_ day: LocalDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86_400 - 8 * 3_600))
    }
}
