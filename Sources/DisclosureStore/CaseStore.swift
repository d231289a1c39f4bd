import DisclosureCore
import Foundation
import LibPQ

/// Cases on PostgreSQL: the history in case_events, the snapshot in cases, both written in one
/// transaction, guarded by the case's version (architecture.md "An event log plus a projection").
public struct CaseStore: Sendable {
    let pool: ConnectionPool
    public let calendars: CalendarStore

    public init(pool: ConnectionPool, calendars: CalendarStore) {
        self.pool = pool
        self.calendars = calendars
    }

    /// The case as stored after a write.
    public struct Record: Sendable, Equatable {
        public var id: Int64
        public var caseNumber: String
        public var snapshot: CaseSnapshot
        /// Written earlier under the same idempotency key: nothing was written this time.
        public var replayed = false
    }

    /// Registers an application: the applicant (unless on file), a case number of the agency's
    /// format for the year of receipt, the case and its first event, all or nothing.
    /// `alongside` runs in the same transaction with the new case, and what it throws undoes the
    /// registration (a portal submission is marked confirmed with it, or the case is not made).
    public func register(_ intake: Intake, by actor: Actor, today: LocalDate, scope: Scope, key: IdempotencyKey? = nil,
                         alongside: (@Sendable (Connection, Record) async throws -> Void)? = nil) async throws -> Record {
        try await scope.run { try await once(key) {
            if !scope.sees(agency: intake.agencyID) { throw CaseStoreError.notYourAgency(intake.agencyID) }
            var intake = intake
            // An officer who registers a case without naming another handles it.
            if intake.officerID == nil, actor.role == .officer { intake.officerID = actor.userID }
            var problems = intake.problems(today: today)
            let on = intake.registeredOn ?? today
            // Check the registration's own rules before touching the database, with a stand-in applicant id.
            if let kind = intake.applicant?.kind {
                let trial = CaseEvent(.register(intake.registration(applicantID: 0, kind: kind)), on: on, by: actor)
                switch Lifecycle.refusal(of: trial, to: nil, calendar: try await calendars.calendar()) {
                case .invalid(let more)?: problems += more
                case let other?: throw other
                case nil: break
                }
            }
            guard problems.isEmpty else { throw LifecycleError.invalid(problems) }

            return try await pool.withTransaction { connection in
                if let key, try await !Self.claim(key, caseID: nil, connection) { throw Claimed() }
                let calendar = try await calendars.calendarForWrite(connection)
                try await References(connection).require(agency: intake.agencyID, field: "agencyID")
                try await References(connection).require(officer: intake.officerID, of: intake.agencyID, field: "officerID")
                let applicantID: Int64, kind: ApplicantKind
                if let applicant = intake.applicant {
                    // The id is drawn first: row-level security shows an applicant only through a
                    // case, so the new row could not be read back with RETURNING.
                    applicantID = try await connection.query("SELECT nextval(pg_get_serial_sequence('applicants', 'id'))").single().decode(Int64.self, at: 0)
                    try await connection.execute("""
                        INSERT INTO applicants (id, kind, name, id_type, id_number, phone, email, address)
                        VALUES (\(applicantID), \(applicant.kind.rawValue), \(applicant.name), \(applicant.idType), \(applicant.idNumber),
                                \(applicant.phone), \(applicant.email), \(applicant.address))
                        """)
                    kind = applicant.kind
                } else {
                    let id = intake.applicantID!
                    // Only an applicant of a case in scope: ids are sequential, and the officer of
                    // the new case would see another agency's applicant in full.
                    let rows = try await connection.query("""
                        SELECT a.kind FROM applicants a
                        WHERE a.id = \(id) AND EXISTS (SELECT 1 FROM cases c WHERE c.applicant_id = a.id AND \(scope.condition(on: "c.agency_id")))
                        """)
                    guard let row = rows.first, let found = ApplicantKind(rawValue: try row.decode(String.self, at: 0)) else {
                        throw LifecycleError.invalid([FieldProblem("applicantID", "There is no applicant \(id).", "没有编号为\(id)的申请人。")])
                    }
                    applicantID = id
                    kind = found
                }
                let event = CaseEvent(.register(intake.registration(applicantID: applicantID, kind: kind)), on: on, by: actor)
                let snapshot = try Lifecycle.apply(event, to: nil, calendar: calendar)
                let number = try await Self.nextCaseNumber(connection, agency: intake.agencyID, year: snapshot.receivedOn.year)
                let id = try await connection.query("""
                    INSERT INTO cases (case_number, applicant_id, description, snapshot, \(CaseColumns.names()))
                    VALUES (\(number), \(applicantID), \(intake.description), \(PostgresJSON(snapshot)), \(CaseColumns.values(snapshot)))
                    RETURNING id
                    """).single().decode(Int64.self, at: 0)
                try await Self.insertEvent(connection, caseID: id, sequence: 1, event)
                if let key { try await connection.execute("UPDATE idempotency_keys SET case_id = \(id) WHERE user_id = \(key.userID) AND key = \(key.key)") }
                let record = Record(id: id, caseNumber: number, snapshot: snapshot)
                try await alongside?(connection, record)
                return record
            }
        } }
    }

    /// Appends an event if the case is still at `expectedVersion`; a stale version, an event the
    /// state does not allow, or a payload that breaks a rule change nothing.
    public func append(_ event: CaseEvent, to caseID: Int64, expectedVersion: Int, today: LocalDate, scope: Scope,
                       key: IdempotencyKey? = nil) async throws -> Record {
        try await append(event, to: caseID, expectedVersion: expectedVersion, today: today, scope: scope, key: key) { _, _ in }
    }

    /// Appends `event` and, in the same transaction, does what must stand or fall with it
    /// (`alongside`: numbering the letter a sign-off approves, saving the letter a proposal carries).
    func append(_ event: CaseEvent, to caseID: Int64, expectedVersion: Int, today: LocalDate, scope: Scope, key: IdempotencyKey? = nil,
                alongside: (Connection, Record) async throws -> Void) async throws -> Record {
        try await scope.run { try await once(key) {
            if event.on > today { throw LifecycleError.invalid([FieldProblem("on", "\(event.on) is in the future; record events on or before today (\(today)).",
                                                                                           "\(event.on.chineseDay)晚于今天（\(today.chineseDay)），只能记录今天及以前发生的事项。")]) }
            return try await pool.withTransaction { connection in
                if let key, try await !Self.claim(key, caseID: caseID, connection) { throw Claimed() }
                // The stamp is read after the lock, by a statement of its own, so that it sees an
                // import that committed while this write waited.
                try await CalendarStore.shareLock(connection)
                let rows = try await connection.query("""
                    SELECT case_number, version, snapshot, \(CalendarStore.stampSQL), agency_id FROM cases WHERE id = \(caseID) FOR UPDATE
                    """)
                guard let row = rows.first else { throw CaseStoreError.caseNotFound(caseID) }
                if !scope.sees(agency: try row.decode(Int64.self, at: 4)) { throw CaseStoreError.caseNotFound(caseID) }
                let (number, version, stored, stamp) = try row.decode(String.self, Int.self, PostgresJSON<CaseSnapshot>.self, String.self)
                guard version == expectedVersion else { throw LifecycleError.staleVersion(expected: expectedVersion, actual: version) }
                let calendar = try await calendars.calendar(stamp: stamp)
                let next = try Lifecycle.apply(event, to: stored.value, calendar: calendar)
                if case .transfer(let transfer) = event.payload {
                    try await References(connection).require(agency: transfer.toAgencyID, field: "toAgencyID")
                    try await References(connection).require(officer: transfer.toOfficerID, of: transfer.toAgencyID, field: "toOfficerID")
                }
                try await Self.insertEvent(connection, caseID: caseID, sequence: next.version, event)
                try await connection.execute("UPDATE cases SET \(CaseColumns.assignments(next)) WHERE id = \(caseID)")
                try await CaseProjections.refresh(connection, caseID: caseID, after: event.kind)
                try await Self.flagLockedYears(connection, caseID: caseID, sequence: next.version, before: stored.value, after: next, on: event.on)
                let record = Record(id: caseID, caseNumber: number, snapshot: next)
                try await Outbox.afterEvent(event, record: record, connection)
                try await alongside(connection, record)
                return record
            }
        } }
    }

    /// An event that changes what a locked (published) year counts is recorded all the same,
    /// and flagged against that year's lock so the report can show it (issue 5).
    static func flagLockedYears(_ connection: Connection, caseID: Int64, sequence: Int, before: CaseSnapshot, after: CaseSnapshot, on: LocalDate) async throws {
        func facts(_ c: CaseSnapshot) -> [String] {
            [String(c.agencyID), c.applicantKind.rawValue, c.receivedOn.description, c.disposedOn?.description ?? "", c.disposition?.rawValue ?? ""]
        }
        guard facts(before) != facts(after) else { return }
        let first = min(before.receivedOn.year, after.receivedOn.year)
        let last = max(on.year, before.disposedOn?.year ?? first, after.disposedOn?.year ?? first)
        try await connection.execute("""
            INSERT INTO report_lock_flags (lock_id, case_id, seq)
            SELECT id, \(caseID), \(sequence) FROM report_locks
            WHERE year BETWEEN \(first) AND \(last) AND (agency_id IS NULL OR agency_id = ANY(\([before.agencyID, after.agencyID])))
            ON CONFLICT DO NOTHING
            """)
    }

    static func insertEvent(_ connection: Connection, caseID: Int64, sequence: Int, _ event: CaseEvent) async throws {
        try await connection.execute("""
            INSERT INTO case_events (case_id, seq, kind, occurred_on, actor_id, actor_role, payload)
            VALUES (\(caseID), \(sequence), \(event.kind.rawValue), \(event.on), \(event.actor.userID), \(event.actor.role.rawValue),
                    \(PostgresJSON(PayloadBox(event.payload))))
            """)
    }

    /// Numbers are drawn from a per-agency, per-year counter whose row lock serialises
    /// concurrent intakes, so no number is handed out twice.
    static func nextCaseNumber(_ connection: Connection, agency: Int64, year: Int) async throws -> String {
        let row = try await connection.query("""
            WITH counter AS (
                INSERT INTO case_number_counters (agency_id, year, last_number) VALUES (\(agency), \(year), 1)
                ON CONFLICT (agency_id, year) DO UPDATE SET last_number = case_number_counters.last_number + 1
                RETURNING last_number)
            SELECT counter.last_number, a.short_name, a.name, a.case_number_format FROM counter, agencies a WHERE a.id = \(agency)
            """).single()
        let (sequence, short, name, pattern) = try row.decode(Int.self, String.self, String.self, String.self)
        let format = (try? CaseNumberFormat(pattern)) ?? .standard
        return format.render(shortName: short, name: name, year: year, sequence: sequence)
    }
}

/// A payload encoded on its own (the kind, date and actor have their own columns).
struct PayloadBox: Codable, Sendable {
    var payload: EventPayload?
    init(_ payload: EventPayload) { self.payload = payload }
    init(from decoder: any Decoder) throws { payload = nil }
    func encode(to encoder: any Encoder) throws { try payload?.encode(to: encoder) }
}

/// Checks that ids typed by a user name rows that exist, as field problems rather than
/// foreign-key errors.
struct References {
    let connection: Connection
    init(_ connection: Connection) { self.connection = connection }

    func require(agency id: Int64, field: String) async throws {
        if try await connection.query("SELECT 1 FROM agencies WHERE id = \(id)").isEmpty {
            throw LifecycleError.invalid([FieldProblem(field, "There is no agency \(id).", "没有编号为\(id)的机关。")])
        }
    }

    /// An active officer or supervisor who works for `agency` (their own, or one assigned to
    /// them): a case handed to anyone else would show its applicant to another agency.
    func require(officer id: Int64?, of agency: Int64, field: String) async throws {
        guard let id else { return }
        let rows = try await connection.query("""
            SELECT 1 FROM users u WHERE u.id = \(id) AND u.active AND u.role IN ('officer', 'supervisor')
              AND (u.agency_id = \(agency) OR EXISTS (SELECT 1 FROM user_agencies g WHERE g.user_id = u.id AND g.agency_id = \(agency)))
            """)
        if rows.isEmpty {
            throw LifecycleError.invalid([FieldProblem(field, "There is no active officer \(id) of agency \(agency).", "编号为\(id)的用户不是该机关的在用承办人或审核人。")])
        }
    }
}
