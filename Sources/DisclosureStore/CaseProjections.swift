import DisclosureCore
import LibPQ

/// The record tables derived from a case's snapshot (consultations, assists, fees, deliveries,
/// reconsiderations, litigations), rewritten in the transaction that changed the snapshot.
enum CaseProjections {
    /// An exhaustive switch: a new event kind does not compile until it says which record
    /// tables it changes.
    static func tables(affectedBy kind: EventKind) -> [Table] {
        switch kind {
        case .startConsultation, .consultationAnswered, .consultationLapsed: return [.consultations]
        case .assist, .assistReturned: return [.assists]
        case .issueFeeNotice, .feePaid: return [.fees]
        case .recordDelivery: return [.deliveries]
        case .recordReview: return [.reconsiderations]
        case .recordLitigation: return [.litigations]
        // Dates of consultations, assists and fees move with the calendar.
        case .recomputeDeadlines: return [.consultations, .assists, .fees]
        case .register, .requestCorrection, .correctionReceived, .correctionLapsed, .transfer, .requestReasons, .approveDelay,
             .feeLapsed, .requestExtension, .approveExtension, .rejectExtension, .submitForSignoff, .signOff, .returnForRevision,
             .reply, .withdraw, .archive, .reopen, .recordCommunication, .flagComplex, .correctEntry:
            return []
        }
    }

    /// The table whose rows hold a date of this kind, if one does.
    static func table(holding kind: Deadline.Kind) -> Table? {
        switch kind {
        case .consultationAnswer: return .consultations
        case .assist: return .assists
        case .feePayment: return .fees
        case .reply, .correctionNotice, .applicantCorrection: return nil
        }
    }

    enum Table: CaseIterable, Sendable {
        case consultations, assists, fees, deliveries, reconsiderations, litigations

        /// Rebuilds the table's rows for the cases `scope` selects (a `c.id = …` condition).
        func rebuild(_ scope: Query) -> [Query] {
            switch self {
            case .consultations: return ["""
                DELETE FROM consultations WHERE case_id IN (SELECT c.id FROM cases c WHERE \(scope))
                """, """
                INSERT INTO consultations (case_id, n, party, name, started_on, due_on, closed_on, outcome, lapsed)
                SELECT c.id, e.n, e.x->>'party', e.x->>'name', (e.x->>'startedOn')::date, (e.x->>'dueOn')::date,
                       (e.x->>'closedOn')::date, e.x->>'outcome', coalesce((e.x->>'lapsed')::boolean, false)
                FROM cases c, jsonb_array_elements(c.snapshot->'consultations') WITH ORDINALITY AS e(x, n) WHERE \(scope)
                """]
            case .assists: return ["""
                DELETE FROM assists WHERE case_id IN (SELECT c.id FROM cases c WHERE \(scope))
                """, """
                INSERT INTO assists (case_id, n, department, asked_on, due_on, returned_on)
                SELECT c.id, e.n, e.x->>'department', (e.x->>'askedOn')::date, (e.x->>'dueOn')::date, (e.x->>'returnedOn')::date
                FROM cases c, jsonb_array_elements(c.snapshot->'assists') WITH ORDINALITY AS e(x, n) WHERE \(scope)
                """]
            case .fees: return ["""
                DELETE FROM fees WHERE case_id IN (SELECT c.id FROM cases c WHERE \(scope))
                """, """
                INSERT INTO fees (case_id, amount, explanation, notice_on, due_on, paid_on)
                SELECT c.id, (f->>'amount')::int, f->>'explanation', (f->>'noticeOn')::date, (f->>'dueOn')::date, (f->>'paidOn')::date
                FROM cases c, LATERAL (SELECT c.snapshot->'fee' AS f) s WHERE \(scope) AND f IS NOT NULL AND f <> 'null'::jsonb
                """]
            case .deliveries: return ["""
                DELETE FROM deliveries WHERE case_id IN (SELECT c.id FROM cases c WHERE \(scope))
                """, """
                INSERT INTO deliveries (case_id, n, method, delivered_on, reference)
                SELECT c.id, e.n, e.x->>'method', (e.x->>'on')::date, e.x->>'reference'
                FROM cases c, jsonb_array_elements(c.snapshot->'deliveries') WITH ORDINALITY AS e(x, n) WHERE \(scope)
                """]
            case .reconsiderations: return ["""
                DELETE FROM reconsiderations WHERE case_id IN (SELECT c.id FROM cases c WHERE \(scope))
                """, """
                INSERT INTO reconsiderations (case_id, reference, body, filed_on, result)
                SELECT c.id, e.x->>'reference', e.x->>'body', (e.x->>'filedOn')::date, e.x->>'result'
                FROM cases c, jsonb_array_elements(c.snapshot->'reviews') AS e(x) WHERE \(scope)
                """]
            case .litigations: return ["""
                DELETE FROM litigations WHERE case_id IN (SELECT c.id FROM cases c WHERE \(scope))
                """, """
                INSERT INTO litigations (case_id, reference, court, filed_on, after_review, result)
                SELECT c.id, e.x->>'reference', e.x->>'court', (e.x->>'filedOn')::date, (e.x->>'afterReview')::boolean, e.x->>'result'
                FROM cases c, jsonb_array_elements(c.snapshot->'litigations') AS e(x) WHERE \(scope)
                """]
            }
        }
    }

    static func refresh(_ connection: Connection, caseID: Int64, after kind: EventKind) async throws {
        for table in tables(affectedBy: kind) {
            for statement in table.rebuild("c.id = \(caseID)") { try await connection.execute(statement) }
        }
    }

    /// Rebuilds every record table for every case (after a bulk load).
    static func rebuildAll(_ connection: Connection) async throws {
        for table in Table.allCases {
            for statement in table.rebuild("true") { try await connection.execute(statement) }
        }
    }
}
