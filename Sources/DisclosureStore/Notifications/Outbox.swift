import DisclosureCore
import Foundation
import LibPQ

/// Writes notifications into the outbox (Schema 0029) on the caller's connection, inside the
/// transaction of what they tell of.
enum Outbox {
    /// An applicant's notice by e-mail and by SMS, to whichever of the two they gave.
    static func enqueue(_ notice: ApplicantNotice, email: String?, phone: String?, caseID: Int64?, submissionID: Int64?, _ connection: Connection) async throws {
        if let email, Contact.isEmail(email) {
            try await connection.execute("""
                INSERT INTO outbox (channel, recipient, subject, body, purpose, case_id, submission_id)
                VALUES ('email', \(email), \(notice.subject), \(notice.body), \(notice.purpose.rawValue), \(caseID), \(submissionID))
                """)
        }
        if let phone, let number = Contact.mobile(phone) {
            try await connection.execute("""
                INSERT INTO outbox (channel, recipient, subject, body, purpose, case_id, submission_id)
                VALUES ('sms', \(number), '', \(notice.sms), \(notice.purpose.rawValue), \(caseID), \(submissionID))
                """)
        }
    }

    /// The notice an appended event gives rise to, to the case's applicant.
    static func afterEvent(_ event: CaseEvent, record: CaseStore.Record, _ connection: Connection) async throws {
        // Most events tell the applicant nothing: decided before anything is read.
        guard ApplicantNotice.tellsOf(event.payload) else { return }
        guard let row = try await connection.query("""
            SELECT a.email, a.phone, g.name FROM cases c JOIN applicants a ON a.id = c.applicant_id JOIN agencies g ON g.id = c.agency_id
            WHERE c.id = \(record.id)
            """).first else { return }
        let (email, phone, agency) = try row.decode(String?.self, String?.self, String.self)
        guard let notice = ApplicantNotice.after(event, snapshot: record.snapshot, caseNumber: record.caseNumber, agency: agency) else { return }
        try await enqueue(notice, email: email, phone: phone, caseID: record.id, submissionID: nil, connection)
    }
}
