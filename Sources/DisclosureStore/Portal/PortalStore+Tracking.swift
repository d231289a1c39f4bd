import DisclosureCore
import Foundation
import LibPQ

/// What an applicant sees with their receipt code and password.
extension PortalStore {
    /// A submission as the tracking page starts from; `passwordHash` is for the caller to check.
    public struct Tracked: Sendable, Equatable {
        public var id: Int64
        public var code: ReceiptCode
        public var passwordHash: String
        public var agencyID: Int64
        public var agencyName: String
        public var subject: String
        public var submittedOn: LocalDate
        public var caseID: Int64?
        public var confirmedOn: LocalDate?
        /// Withdrawn before the agency confirmed it.
        public var withdrawnAt: Date?
    }

    /// The submission of `code`, if there is one.
    public func submission(code: ReceiptCode) async throws -> Tracked? {
        try await StatementSettings.adding(.init("dd.portal_code", code.text)) {
            try await pool.query("""
                SELECT s.id, s.password_hash, s.agency_id, a.name, s.subject, s.submitted_on, s.case_id, s.confirmed_on, s.withdrawn_at
                FROM portal_submissions s JOIN agencies a ON a.id = s.agency_id
                WHERE s.receipt_code = \(code.text)
                """).first.map { row in
                let (id, hash, agency, name, subject, submitted, caseID, confirmed, withdrawn) = try row.decode(
                    Int64.self, String.self, Int64.self, String.self, String.self, LocalDate.self, Int64?.self, LocalDate?.self, Date?.self)
                return Tracked(id: id, code: code, passwordHash: hash, agencyID: agency, agencyName: name, subject: subject,
                               submittedOn: submitted, caseID: caseID, confirmedOn: confirmed, withdrawnAt: withdrawn)
            }
        }
    }

    /// A letter the applicant was sent, as the tracking page lists it (not those to a third
    /// party or another agency).
    public struct SentLetter: Sendable, Equatable {
        public var id: Int64
        public var kind: LetterKind
        public var title: String
        public var number: String?
        public var date: LocalDate
    }

    /// How the case made from a submission stands, for its applicant.
    public struct Progress: Sendable, Equatable {
        public var caseNumber: String
        public var state: CaseState
        public var receivedOn: LocalDate
        public var replyDue: LocalDate?
        public var disposedOn: LocalDate?
        /// Why the reply clock is stopped, when it is.
        public var stoppedBecause: String?
        public var letters: [SentLetter]
        /// The information released with the reply, once the applicant may download it
        /// (`ReleasedFile.shownToApplicant`); withdrawn files never.
        public var releasedFiles: [ReleasedFileStore.Info]
        /// The whole case as it stands, for what the applicant may do next.
        public var snapshot: CaseSnapshot
    }

    /// The case of a tracked submission, in the agency that holds it now.
    public func progress(of tracked: Tracked) async throws -> Progress? {
        guard let caseID = tracked.caseID else { return nil }
        let current = try await ownCase(caseID)
        let (number, snapshot) = (current.number, current.snapshot)
        return try await current.scope.run { () async throws -> Progress? in
            let letters = try await pool.query("""
                SELECT id, kind, title, number, letter_date FROM documents
                WHERE case_id = \(caseID) AND status = 'final' AND kind = ANY(\(LetterKind.toApplicant.map(\.rawValue)))
                ORDER BY letter_date, id
                """).map { row in
                let (id, kind, title, number, date) = try row.decode(Int64.self, String.self, String.self, String?.self, LocalDate.self)
                return SentLetter(id: id, kind: LetterKind(rawValue: kind) ?? .reply, title: title, number: number, date: date)
            }
            let stopped = snapshot.clock.isStopped ? snapshot.clock.segments.last?.reason : nil
            let files = ReleasedFile.shownToApplicant(snapshot)
                ? try await ReleasedFileStore(pool: pool).list(caseID: caseID, scope: current.scope).filter { !$0.isWithdrawn } : []
            return Progress(caseNumber: number, state: snapshot.state, receivedOn: snapshot.receivedOn, replyDue: snapshot.clock.due,
                            disposedOn: snapshot.disposedOn, stoppedBecause: stopped, letters: letters, releasedFiles: files, snapshot: snapshot)
        }
    }
}
