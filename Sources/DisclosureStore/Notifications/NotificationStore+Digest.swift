import DisclosureCore
import Foundation
import LibPQ

/// The officers' morning reminder (OfficerDigest): once a day, whichever process comes first.
extension NotificationStore {
    /// Writes today's reminders, as notices in the application and, for officers with an
    /// e-mail address, into the outbox. nil when today's were written already; otherwise how
    /// many officers were reminded.
    @discardableResult
    public func writeDigests(today: LocalDate, calendar: WorkCalendar) async throws -> Int? {
        let threshold = try calendar.workingDay(OfficerDigest.horizon, after: today)
        return try await Self.everything.run {
            try await pool.withTransaction { connection -> Int? in
                guard try await !connection.query("INSERT INTO digest_runs (day) VALUES (\(today)) ON CONFLICT DO NOTHING RETURNING day").isEmpty else { return nil }
                let rows = try await connection.query("""
                    SELECT c.officer_id, c.id, c.case_number, c.subject, c.next_due, u.email
                    FROM cases c JOIN users u ON u.id = c.officer_id AND u.active
                    WHERE c.state = ANY(\(CaseState.allCases.filter(\.isOpen).map(\.rawValue))) AND c.next_due <= \(threshold)
                    ORDER BY c.officer_id, c.next_due, c.id
                    """)
                var byOfficer: [Int64: (email: String?, lines: [OfficerDigest.Line])] = [:]
                for row in rows {
                    let (officer, id, number, subject, due, email) = try row.decode(Int64.self, Int64.self, String.self, String.self, LocalDate.self, String?.self)
                    let left = try calendar.workingDaysLeft(on: today, until: due)
                    byOfficer[officer, default: (email, [])].lines.append(.init(caseID: id, caseNumber: number, subject: subject, due: due, workingDaysLeft: left))
                }
                for (officer, entry) in byOfficer.sorted(by: { $0.key < $1.key }) {
                    let digest = OfficerDigest(lines: entry.lines)
                    try await connection.execute("INSERT INTO user_notices (user_id, text, link) VALUES (\(officer), \(digest.summary), '/')")
                    if let email = entry.email, Contact.isEmail(email) {
                        try await connection.execute("""
                            INSERT INTO outbox (channel, recipient, subject, body, purpose, user_id)
                            VALUES ('email', \(email), \(digest.subject(on: today)), \(digest.body(on: today)), 'digest', \(officer))
                            """)
                    }
                }
                return byOfficer.count
            }
        }
    }
}
