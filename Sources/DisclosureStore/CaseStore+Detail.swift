import DisclosureCore
import Foundation
import LibPQ

/// One entry of a case's history as stored: the event and when it was typed in.
public struct StoredEvent: Sendable, Equatable {
    public var sequence: Int
    public var event: CaseEvent
    public var recordedAt: Date
}

/// Everything the case page and `GET /cases/{id}` show.
public struct CaseDetail: Sendable {
    public var id: Int64
    public var caseNumber: String
    public var description: String
    public var snapshot: CaseSnapshot
    public var applicant: Applicant
    /// False when personal data was hidden from the viewer.
    public var personalDataShown: Bool
    public var events: [StoredEvent]
    /// Open deadlines, each marked where it is provisional.
    public var deadlines: [Deadline]
    public var allowedEvents: [EventKind]
    /// The calendar the dates were read on, for reading them on a given day.
    public var calendar: WorkCalendar

    /// The reply clock's ledger on `today`.
    public func clock(on today: LocalDate) throws -> ReplyClock.Reading {
        try snapshot.clock.reading(on: today, calendar: calendar)
    }

    /// How each open deadline stands on `today`.
    public func dueReadings(on today: LocalDate) throws -> [DueReading] {
        try deadlines.map { try DueReading(due: $0.due, today: today, calendar: calendar, countedFrom: $0.countedFrom) }
    }

    /// The reply date (also once replied) and whether it is provisional.
    public var replyDueProvisional: Provisional? {
        snapshot.clock.due.flatMap { calendar.provisional(countingFrom: snapshot.receivedOn, through: $0) }
    }
}

extension CaseStore {
    public func detail(_ caseID: Int64, viewer: Viewer) async throws -> CaseDetail {
        try await viewer.scope.run {
            let rows = try await pool.query("""
                SELECT c.case_number, c.description, c.snapshot, a.id, a.kind, a.name, a.id_type, a.id_number, a.phone, a.email, a.address
                FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.id = \(caseID) AND \(viewer.scope.condition(on: "c.agency_id"))
                """)
            guard let row = rows.first else { throw CaseStoreError.caseNotFound(caseID) }
            let (number, description, snapshot) = try row.decode(String.self, String.self, PostgresJSON<CaseSnapshot>.self)
            let applicant = Applicant(
                id: try row.decode(Int64.self, at: 3), kind: ApplicantKind(rawValue: try row.decode(String.self, at: 4)) ?? .naturalPerson,
                name: try row.decode(String.self, at: 5), idType: try row.decode(String?.self, at: 6),
                idNumber: try row.decode(String?.self, at: 7), phone: try row.decode(String?.self, at: 8),
                email: try row.decode(String?.self, at: 9), address: try row.decode(String?.self, at: 10))
            let shown = snapshot.value.isHandled(by: viewer.user)
            let calendar = try await calendars.calendar()
            return CaseDetail(
                id: caseID, caseNumber: number, description: description, snapshot: snapshot.value,
                applicant: shown ? applicant : applicant.masked(), personalDataShown: shown,
                events: try await events(of: caseID), deadlines: snapshot.value.deadlines(calendar: calendar),
                allowedEvents: Lifecycle.allowedEvents(in: snapshot.value.state), calendar: calendar)
        }
    }

    /// The history, oldest first.
    public func events(of caseID: Int64) async throws -> [StoredEvent] {
        try await pool.query("""
            SELECT seq, recorded_at, jsonb_build_object('kind', kind, 'on', occurred_on,
                   'actor', jsonb_build_object('userID', actor_id, 'role', actor_role), 'payload', payload)
            FROM case_events WHERE case_id = \(caseID) ORDER BY seq
            """).map { row in
            let (sequence, recordedAt, event) = try row.decode(Int.self, Date.self, PostgresJSON<CaseEvent>.self)
            return StoredEvent(sequence: sequence, event: event.value, recordedAt: recordedAt)
        }
    }
}

extension CaseStore {
    /// The applicant's name, address and identity numbers as stored, whoever asks: only to find
    /// and redact them in a text that will be published (转为典型案例), never to be shown. A
    /// supervisor who does not handle the case sees them masked, and the masked form would
    /// match nothing in the text.
    public func redactionTerms(ofCase caseID: Int64, scope: Scope) async throws -> Redactor.Known {
        try await scope.run {
            let rows = try await pool.query("""
                SELECT c.case_number, a.name, a.address FROM cases c JOIN applicants a ON a.id = c.applicant_id
                WHERE c.id = \(caseID) AND \(scope.condition(on: "c.agency_id"))
                """)
            guard let row = rows.first else { throw CaseStoreError.caseNotFound(caseID) }
            return Redactor.Known(names: [try row.decode(String.self, at: 1)], addresses: [try row.decode(String?.self, at: 2)].compactMap { $0 },
                                  caseNumbers: [try row.decode(String.self, at: 0)])
        }
    }
}
