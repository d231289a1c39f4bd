import DisclosureCore
import Foundation
import LibPQ

/// Letters on PostgreSQL (Schema/0004_documents.sql): drafts are created from a `LetterDraft`
/// and edited; finalising numbers them and freezes them (a trigger refuses any later change).
/// Access to the case is checked by the caller (`CaseStore.detail(_:viewer:)`).
public struct DocumentStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    static let columns: Query = """
        id, case_id, agency_id, kind, number, title, recipient, body, signer, letter_date, status, created_by, created_at, finalised_at, finalised_by
        """

    static func document(_ row: Row) throws -> Document {
        let (id, caseID, agencyID, kind, number, title, recipient, body, signer, date, status, createdBy, createdAt, finalisedAt, finalisedBy) =
            try row.decode(Int64.self, Int64.self, Int64.self, String.self, String?.self, String.self, String.self, String.self, String.self,
                           LocalDate.self, String.self, Int64.self, Date.self, Date?.self, Int64?.self)
        guard let kind = LetterKind(rawValue: kind), let status = Document.Status(rawValue: status) else {
            throw PostgresError.decoding(column: "kind", message: "unknown letter kind \(kind) or status \(status)")
        }
        return Document(id: id, caseID: caseID, agencyID: agencyID, kind: kind, number: number, title: title, recipient: recipient,
                        body: body, signer: signer, date: date, status: status, createdBy: createdBy, createdAt: createdAt,
                        finalisedAt: finalisedAt, finalisedBy: finalisedBy)
    }

    public func create(_ draft: LetterDraft, caseID: Int64, agencyID: Int64, by userID: Int64) async throws -> Document {
        try Self.document(try await pool.query("""
            INSERT INTO documents (case_id, agency_id, kind, title, recipient, body, signer, letter_date, created_by)
            VALUES (\(caseID), \(agencyID), \(draft.kind.rawValue), \(draft.title), \(draft.recipient), \(draft.body), \(draft.signer),
                    \(draft.date), \(userID))
            RETURNING \(Self.columns)
            """).single())
    }

    public func document(_ id: Int64) async throws -> Document {
        guard let row = try await pool.query("SELECT \(Self.columns) FROM documents WHERE id = \(id)").first else { throw DocumentError.notFound(id) }
        return try Self.document(row)
    }

    /// The case's letters, oldest first.
    public func list(caseID: Int64) async throws -> [Document] {
        try await pool.query("SELECT \(Self.columns) FROM documents WHERE case_id = \(caseID) ORDER BY created_at, id").map(Self.document)
    }

    /// Deletes a draft; a final letter is refused here, and by the trigger should anything else try.
    public func deleteDraft(_ id: Int64) async throws {
        let deleted = try await pool.query("DELETE FROM documents WHERE id = \(id) AND status = 'draft'").affectedRows
        guard deleted == 0 else { return }
        _ = try await document(id)  // throws notFound
        throw DocumentError.alreadyFinal(id)
    }

    /// Replaces a draft's body; a final letter is refused here with a clear error, and by the
    /// trigger should anything else try.
    public func edit(_ id: Int64, body: String) async throws -> Document {
        let body = Self.normalise(body)
        guard !body.isEmpty else { throw DocumentError.emptyBody }
        let rows = try await pool.query("UPDATE documents SET body = \(body) WHERE id = \(id) AND status = 'draft' RETURNING \(Self.columns)")
        if let row = rows.first { return try Self.document(row) }
        _ = try await document(id)  // throws notFound
        throw DocumentError.alreadyFinal(id)
    }

    /// Numbers the draft from its agency's counter for its kind and the year of its date, and
    /// makes it final. The counter row's lock serialises concurrent finalisations; the
    /// document's row lock makes finalising the same draft twice fail the second time.
    public func finalise(_ id: Int64, by userID: Int64) async throws -> Document {
        try await pool.withTransaction { connection in
            let draft = try await Self.lockDraft(connection, id)
            return try await Self.finalise(connection, draft, by: userID)
        }
    }

    /// The draft, locked for the rest of the transaction; a final letter is refused.
    static func lockDraft(_ connection: Connection, _ id: Int64) async throws -> Document {
        guard let row = try await connection.query("SELECT \(Self.columns) FROM documents WHERE id = \(id) FOR UPDATE").first else {
            throw DocumentError.notFound(id)
        }
        let draft = try Self.document(row)
        guard !draft.isFinal else { throw DocumentError.alreadyFinal(id) }
        return draft
    }

    static func finalise(_ connection: Connection, _ draft: Document, by userID: Int64) async throws -> Document {
            let id = draft.id
            if let gap = Self.unfilledGap(in: draft.body) { throw DocumentError.unfilled(gap) }
            // The year of the letter's date, so that the number and the date printed on it agree.
            let year = draft.date.year
            let counted = try await connection.query("""
                WITH counter AS (
                    INSERT INTO letter_number_counters (agency_id, kind, year, last_number)
                    VALUES (\(draft.agencyID), \(draft.kind.rawValue), \(year), 1)
                    ON CONFLICT (agency_id, kind, year) DO UPDATE SET last_number = letter_number_counters.last_number + 1
                    RETURNING last_number)
                SELECT counter.last_number, a.short_name FROM counter, agencies a WHERE a.id = \(draft.agencyID)
                """).single()
            let (sequence, shortName) = try counted.decode(Int.self, String.self)
            let number = LetterNumber.format(shortName: shortName, kind: draft.kind, year: year, sequence: sequence)
            return try Self.document(try await connection.query("""
                UPDATE documents SET status = 'final', number = \(number), finalised_at = now(), finalised_by = \(userID)
                WHERE id = \(id) RETURNING \(Self.columns)
                """).single())
    }

    /// The case's reply letter still in draft, if any: 拟稿 writes into it again after a return.
    static func replyDraft(_ connection: Connection, caseID: Int64) async throws -> Document? {
        try await connection.query("""
            SELECT \(Self.columns) FROM documents WHERE case_id = \(caseID) AND kind = 'reply' AND status = 'draft' ORDER BY id DESC LIMIT 1 FOR UPDATE
            """).first.map(Self.document)
    }

    /// Saves the letter a proposal carries: into the case's reply draft, or as a new one.
    static func saveReplyDraft(_ connection: Connection, _ draft: LetterDraft, caseID: Int64, agencyID: Int64, by userID: Int64) async throws -> Document {
        let body = normalise(draft.body)
        guard !body.isEmpty else { throw DocumentError.emptyBody }
        if let existing = try await replyDraft(connection, caseID: caseID) {
            return try Self.document(try await connection.query("""
                UPDATE documents SET title = \(draft.title), recipient = \(draft.recipient), body = \(body), signer = \(draft.signer),
                                     letter_date = \(draft.date)
                WHERE id = \(existing.id) RETURNING \(Self.columns)
                """).single())
        }
        return try Self.document(try await connection.query("""
            INSERT INTO documents (case_id, agency_id, kind, title, recipient, body, signer, letter_date, created_by)
            VALUES (\(caseID), \(agencyID), 'reply', \(draft.title), \(draft.recipient), \(body), \(draft.signer), \(draft.date), \(userID))
            RETURNING \(Self.columns)
            """).single())
    }

    /// The reply draft's text as the supervisor left it, when they return it with comments.
    static func reviseReply(_ connection: Connection, id: Int64, caseID: Int64, body: String) async throws {
        let draft = try await lockDraft(connection, id)
        guard draft.caseID == caseID, draft.kind == .reply else { throw DocumentError.notFound(id) }
        let body = normalise(body)
        guard !body.isEmpty else { throw DocumentError.emptyBody }
        guard body != draft.body else { return }
        try await connection.execute("UPDATE documents SET body = \(body) WHERE id = \(id)")
    }

    /// 签发: the reply draft as the supervisor approved it (their edits included), dated the day
    /// of signing and numbered.
    static func signReply(_ connection: Connection, id: Int64, caseID: Int64, body: String, on day: LocalDate, by userID: Int64) async throws -> Document {
        let draft = try await lockDraft(connection, id)
        guard draft.caseID == caseID, draft.kind == .reply else { throw DocumentError.notFound(id) }
        let body = normalise(body)
        guard !body.isEmpty else { throw DocumentError.emptyBody }
        let signed = try Self.document(try await connection.query("""
            UPDATE documents SET body = \(body), letter_date = \(day) WHERE id = \(id) RETURNING \(Self.columns)
            """).single())
        return try await finalise(connection, signed, by: userID)
    }

    /// The case's latest reply letter, draft or final.
    public func replyLetter(caseID: Int64) async throws -> Document? {
        try await pool.query("""
            SELECT \(Self.columns) FROM documents WHERE case_id = \(caseID) AND kind = 'reply' ORDER BY id DESC LIMIT 1
            """).first.map(Self.document)
    }

    /// Line endings as one kind, trailing spaces and blank lines gone: a textarea sends CRLF.
    static func normalise(_ body: String) -> String {
        body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The first 【请填写…】 gap left in the text, if any.
    static func unfilledGap(in body: String) -> String? {
        guard let start = body.range(of: "【请填写") else { return nil }
        let rest = body[start.lowerBound...]
        return String(rest.prefix { $0 != "】" }) + "】"
    }
}
