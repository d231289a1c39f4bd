import DisclosureCore
import LibPQ

/// The administrators' letter templates.
public struct LetterTemplateStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    public func templates() async throws -> [LetterKind: LetterTemplate] {
        var result: [LetterKind: LetterTemplate] = [:]
        for row in try await pool.query("SELECT kind, closing FROM letter_templates") {
            guard let kind = LetterKind(rawValue: try row.decode(String.self, at: 0)) else { continue }
            result[kind] = LetterTemplate(kind: kind, closing: try row.decode(String.self, at: 1))
        }
        return result
    }

    /// Sets (or, with an empty text, removes) a kind's closing.
    public func set(_ kind: LetterKind, closing: String, by user: User) async throws {
        if closing.allSatisfy(\.isWhitespace) {
            try await pool.query("DELETE FROM letter_templates WHERE kind = \(kind.rawValue)")
        } else {
            try await pool.query("""
                INSERT INTO letter_templates (kind, closing, updated_by) VALUES (\(kind.rawValue), \(closing), \(user.id))
                ON CONFLICT (kind) DO UPDATE SET closing = excluded.closing, updated_by = excluded.updated_by, updated_at = now()
                """)
        }
    }
}
