import DisclosureCore
import Foundation
import LibPQ

/// The agency's side: the queue of submissions waiting for confirmation, and the confirmation
/// that makes one a case (Art. 31 ¶2).
extension PortalStore {
    /// One line of the queue.
    public struct Unconfirmed: Sendable, Equatable {
        public var id: Int64
        public var code: ReceiptCode
        public var agencyID: Int64
        public var agencyName: String
        public var applicantName: String
        public var subject: String
        public var submittedAt: Date
        public var submittedOn: LocalDate
        public var attachments: Int
    }

    /// The submissions in `scope` not yet confirmed, oldest first.
    public func unconfirmed(scope: Scope, limit: Int = 200) async throws -> [Unconfirmed] {
        try await scope.run {
            try await pool.query("""
                SELECT s.id, s.receipt_code, s.agency_id, a.name, s.applicant_name, s.subject, s.submitted_at, s.submitted_on,
                       (SELECT count(*) FROM portal_attachments f WHERE f.submission_id = s.id)::int
                FROM portal_submissions s JOIN agencies a ON a.id = s.agency_id
                WHERE s.case_id IS NULL AND s.withdrawn_at IS NULL AND \(scope.condition(on: "s.agency_id"))
                ORDER BY s.submitted_at, s.id LIMIT \(min(max(limit, 1), 1000))
                """).map { row in
                let (id, code, agency, name, applicant, subject, at, on, files) = try row.decode(
                    Int64.self, String.self, Int64.self, String.self, String.self, String.self, Date.self, LocalDate.self, Int.self)
                return Unconfirmed(id: id, code: ReceiptCode(stored: code), agencyID: agency, agencyName: name, applicantName: applicant,
                                   subject: subject, submittedAt: at, submittedOn: on, attachments: files)
            }
        }
    }

    /// How many submissions in `scope` wait for confirmation.
    public func unconfirmedCount(scope: Scope) async throws -> Int {
        try await scope.run {
            try await pool.query("""
                SELECT count(*)::int FROM portal_submissions s WHERE s.case_id IS NULL AND s.withdrawn_at IS NULL AND \(scope.condition(on: "s.agency_id"))
                """).single().decode(Int.self, at: 0)
        }
    }

    /// A file attached to a submission, without its bytes.
    public struct AttachmentInfo: Sendable, Equatable {
        public var id: Int64
        public var fileName: String
        public var kind: AttachmentKind
        public var size: Int
    }

    /// A submission in full, for the officer who confirms it.
    public struct Submission: Sendable, Equatable {
        public var id: Int64
        public var code: ReceiptCode
        public var application: PortalApplication
        public var agencyName: String
        public var submittedAt: Date
        public var submittedOn: LocalDate
        public var clientAddress: String
        public var caseID: Int64?
        public var confirmedOn: LocalDate?
        public var withdrawnAt: Date?
        public var attachments: [AttachmentInfo]
    }

    public func submission(_ id: Int64, scope: Scope) async throws -> Submission? {
        try await scope.run { () async throws -> Submission? in
            guard let row = try await pool.query("""
                SELECT s.receipt_code, s.application, a.name, s.submitted_at, s.submitted_on, s.client_address, s.case_id, s.confirmed_on, s.withdrawn_at
                FROM portal_submissions s JOIN agencies a ON a.id = s.agency_id
                WHERE s.id = \(id) AND \(scope.condition(on: "s.agency_id"))
                """).first else { return nil }
            let (code, application, agency, at, on, address, caseID, confirmed, withdrawn) = try row.decode(
                String.self, PostgresJSON<PortalApplication>.self, String.self, Date.self, LocalDate.self, String.self, Int64?.self, LocalDate?.self, Date?.self)
            let files = try await pool.query("""
                SELECT id, file_name, content_type, size FROM portal_attachments WHERE submission_id = \(id) ORDER BY id
                """).map { row in
                let (id, name, type, size) = try row.decode(Int64.self, String.self, String.self, Int.self)
                return AttachmentInfo(id: id, fileName: name, kind: AttachmentKind(rawValue: type) ?? .pdf, size: size)
            }
            return Submission(id: id, code: ReceiptCode(stored: code), application: application.value, agencyName: agency, submittedAt: at,
                              submittedOn: on, clientAddress: address, caseID: caseID, confirmedOn: confirmed, withdrawnAt: withdrawn, attachments: files)
        }
    }

    /// One attached file with its bytes, within `scope`.
    public func attachment(_ id: Int64, scope: Scope) async throws -> (info: AttachmentInfo, bytes: Data)? {
        try await scope.run {
            try await pool.query("""
                SELECT f.id, f.file_name, f.content_type, f.size, f.content
                FROM portal_attachments f JOIN portal_submissions s ON s.id = f.submission_id
                WHERE f.id = \(id) AND \(scope.condition(on: "s.agency_id"))
                """).first.map { row in
                let (id, name, type, size, bytes) = try row.decode(Int64.self, String.self, String.self, Int.self, Data.self)
                return (AttachmentInfo(id: id, fileName: name, kind: AttachmentKind(rawValue: type) ?? .pdf, size: size), bytes)
            }
        }
    }

    /// Confirms a submission: registers its case, received today (Art. 31 ¶2), and marks the
    /// submission confirmed in the same transaction, so that two officers confirming at once
    /// make one case and the other is told which.
    public func confirm(_ id: Int64, by actor: Actor, today: LocalDate, scope: Scope) async throws -> CaseStore.Record {
        guard let submission = try await submission(id, scope: scope) else { throw PortalError.submissionNotFound(id) }
        if let caseID = submission.caseID { throw PortalError.alreadyConfirmed(caseID: caseID) }
        if submission.withdrawnAt != nil { throw PortalError.withdrawn }
        let intake = submission.application.intake(submittedOn: submission.submittedOn, confirmedOn: today, receiptCode: submission.code.text)
        do {
            let code = submission.code.text, agency = submission.agencyName, applicant = submission.application.applicant
            return try await cases.register(intake, by: actor, today: today, scope: scope) { connection, record in
                let marked = try await connection.execute("""
                    UPDATE portal_submissions SET case_id = \(record.id), confirmed_on = \(today), confirmed_by = \(actor.userID)
                    WHERE id = \(id) AND case_id IS NULL AND withdrawn_at IS NULL
                    """)
                if marked != 1 { throw Raced() }
                let notice = ApplicantNotice.received(code: code, caseNumber: record.caseNumber, agency: agency, snapshot: record.snapshot)
                try await Outbox.enqueue(notice, email: applicant.email, phone: applicant.phone, caseID: record.id, submissionID: id, connection)
            }
        } catch is Raced {
            let now = try await self.submission(id, scope: scope)
            if let caseID = now?.caseID { throw PortalError.alreadyConfirmed(caseID: caseID) }
            throw PortalError.withdrawn
        }
    }

    private struct Raced: Error {}
}
