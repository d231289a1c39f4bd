import DisclosureCore
import LibPQ

extension CaseStore {
    /// Earlier cases of the same applicant, for intake (重复申请, and to answer alike): the same
    /// identity number, or the same name and phone. Only cases in scope.
    public func earlierCases(idNumber: String?, name: String?, phone: String?, scope: Scope, limit: Int = 10) async throws -> [CaseSummary] {
        try await scope.run {
            var matches: [Query] = []
            if let idNumber, idNumber.count >= 6 { matches.append("a.id_number = \(idNumber)") }
            if let name, let phone, !name.isEmpty, phone.count >= 6 { matches.append("(a.name = \(name) AND a.phone = \(phone))") }
            guard !matches.isEmpty else { return [] }
            return try await pool.query("""
                SELECT c.id, c.case_number, c.state, c.agency_id, c.officer_id, c.applicant_kind, c.channel, c.subject,
                       c.received_on, c.reply_due, c.next_due, c.disposition, c.disposed_on, c.replied_late, c.version
                FROM cases c JOIN applicants a ON a.id = c.applicant_id
                WHERE (\(Query.joined(matches, separator: " OR "))) AND \(scope.condition(on: "c.agency_id"))
                ORDER BY c.received_on DESC, c.id DESC LIMIT \(limit)
                """).map(Self.summary)
        }
    }
}
