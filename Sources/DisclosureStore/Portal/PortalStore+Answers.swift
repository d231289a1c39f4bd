import DisclosureCore
import LibPQ

/// The library entries a supervisor chose to show the public (Schema 0031): offered to an
/// applicant while they write, so that what is published already is found before applying.
extension PortalStore {
    public struct PublicAnswer: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var kind: LibraryEntry.Kind
        public var body: String
    }

    /// The shown entries most like `text` (a subject or description being typed).
    public func similarAnswers(to text: String, limit: Int = 5) async throws -> [PublicAnswer] {
        let text = String(text.prefix(2_000))
        guard text.count >= 2 else { return [] }
        return try await pool.query("""
            SELECT e.id, e.title, e.kind, left(e.body, 200)
            FROM library_entries e, dd_similar_query(\(text)) q
            WHERE e.shown_in_portal AND e.search @@ q
            ORDER BY ts_rank_cd(e.search, q) DESC, e.id DESC LIMIT \(min(max(limit, 1), 20))
            """).map(Self.answer)
    }

    /// The shown entries, newest first, `limit` from `offset`; and how many there are in all.
    public func publishedAnswers(offset: Int, limit: Int) async throws -> (answers: [PublicAnswer], total: Int) {
        let rows = try await pool.query("""
            SELECT id, title, kind, left(body, 200), count(*) OVER ()
            FROM library_entries WHERE shown_in_portal
            ORDER BY id DESC LIMIT \(min(max(limit, 1), 100)) OFFSET \(max(offset, 0))
            """)
        if rows.isEmpty, offset > 0 {
            // Past the end: the count still says how many there are.
            let total = try await pool.query("SELECT count(*) FROM library_entries WHERE shown_in_portal").single().decode(Int.self, at: 0)
            return ([], total)
        }
        return (try rows.map(Self.answer), try rows.first?.decode(Int.self, at: 4) ?? 0)
    }

    /// One shown entry in full; nil for any entry not shown to the public.
    public func publicAnswer(_ id: Int64) async throws -> PublicAnswer? {
        try await pool.query("SELECT id, title, kind, body FROM library_entries WHERE id = \(id) AND shown_in_portal").first.map(Self.answer)
    }

    static func answer(_ row: Row) throws -> PublicAnswer {
        let (id, title, kind, body) = try row.decode(Int64.self, String.self, String.self, String.self)
        return PublicAnswer(id: id, title: title, kind: LibraryEntry.Kind(rawValue: kind) ?? .faq, body: body)
    }
}
