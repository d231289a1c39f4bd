import DisclosureCore
import Foundation
import LibPQ

/// What an applicant does from the tracking page: stay signed in to their submission for a
/// while, withdraw it, answer a correction notice.
extension PortalStore {
    /// How long the tracking page stays open without being used.
    public static let sessionIdle: Duration = .seconds(20 * 60)

    /// Opens the tracking page of `tracked` for `token` (a random secret the caller made; only
    /// its SHA-256 is stored), with the CSRF token of its forms.
    public func startSession(for tracked: Tracked, token: String, csrf: String) async throws {
        let seconds = Int(Self.sessionIdle.components.seconds)
        try await pool.withTransaction { connection in
            try await connection.execute("DELETE FROM portal_sessions WHERE expires_at < now()")
            try await connection.execute("""
                INSERT INTO portal_sessions (token_hash, submission_id, receipt_code, csrf, expires_at)
                VALUES (sha256(convert_to(\(token), 'UTF8')), \(tracked.id), \(tracked.code.text), \(csrf), now() + make_interval(secs => \(seconds)))
                """)
        }
    }

    /// The submission a session token opens, and its CSRF token; nil when unknown or expired.
    /// Each use keeps it open for another `sessionIdle`.
    public func session(_ token: String) async throws -> (tracked: Tracked, csrf: String)? {
        guard (16...128).contains(token.utf8.count) else { return nil }
        let seconds = Int(Self.sessionIdle.components.seconds)
        guard let row = try await pool.query("""
            UPDATE portal_sessions SET expires_at = now() + make_interval(secs => \(seconds))
            WHERE token_hash = sha256(convert_to(\(token), 'UTF8')) AND expires_at > now()
            RETURNING csrf, receipt_code
            """).first else { return nil }
        let (csrf, code) = try row.decode(String.self, String.self)
        guard let tracked = try await submission(code: ReceiptCode(stored: code)) else { return nil }
        return (tracked, csrf)
    }

    /// Closes a session (the applicant leaves the page).
    public func endSession(_ token: String) async throws {
        _ = try await pool.query("DELETE FROM portal_sessions WHERE token_hash = sha256(convert_to(\(token), 'UTF8'))")
    }

    /// Withdraws the application: before confirmation the submission is marked withdrawn and
    /// never becomes a case; after, the case records the withdraw event (closed as 其他处理).
    public func withdraw(_ tracked: Tracked, today: LocalDate) async throws {
        if tracked.withdrawnAt != nil { throw LifecycleError.invalid([FieldProblem("withdraw", "Withdrawn already.", "该申请已经撤回。")]) }
        guard let caseID = tracked.caseID else {
            let changed = try await StatementSettings.adding(.init("dd.portal_code", tracked.code.text)) {
                try await pool.query("""
                    UPDATE portal_submissions SET withdrawn_at = now() WHERE id = \(tracked.id) AND case_id IS NULL AND withdrawn_at IS NULL
                    """).affectedRows
            }
            // Confirmed in the meantime: withdraw the case instead.
            if changed == 0, let now = try await submission(code: tracked.code), now.caseID != nil { return try await withdraw(now, today: today) }
            return
        }
        let current = try await ownCase(caseID)
        if let refusal = ApplicantAction.withdrawalRefusal(state: current.snapshot.state) { throw LifecycleError.invalid([refusal]) }
        let event = ApplicantAction.withdrawal(code: tracked.code.text, on: today, by: try await portalActor())
        _ = try await cases.append(event, to: caseID, expectedVersion: current.snapshot.version, today: today, scope: current.scope)
    }

    /// Records the corrected application the applicant sent, on `today`, if a correction
    /// notice waits and its period has not ended.
    public func correct(_ tracked: Tracked, text: String, today: LocalDate) async throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw LifecycleError.invalid([FieldProblem("correction", "Write the corrected application.", "请填写补正的内容。")])
        }
        guard let caseID = tracked.caseID else { throw LifecycleError.invalid([ApplicantAction.correctionRefusal(nil, today: today)!]) }
        let current = try await ownCase(caseID)
        if let refusal = ApplicantAction.correctionRefusal(current.snapshot, today: today) { throw LifecycleError.invalid([refusal]) }
        let event = ApplicantAction.correction(code: tracked.code.text, text: trimmed, on: today, by: try await portalActor())
        _ = try await cases.append(event, to: caseID, expectedVersion: current.snapshot.version, today: today, scope: current.scope)
    }

    /// The case a submission became, as it stands, and the scope of the agency holding it now:
    /// a transfer (转办) moves it, and its applicant follows it there. Read by the case's id,
    /// which only a confirmed submission whose password matched leads to.
    struct OwnCase {
        var number: String
        var snapshot: CaseSnapshot
        var scope: Scope
    }

    func ownCase(_ caseID: Int64) async throws -> OwnCase {
        try await Scope.everything(reason: "an applicant follows their own case").run {
            guard let row = try await pool.query("SELECT case_number, snapshot FROM cases WHERE id = \(caseID)").first else {
                throw CaseStoreError.caseNotFound(caseID)
            }
            let (number, snapshot) = try row.decode(String.self, PostgresJSON<CaseSnapshot>.self)
            return OwnCase(number: number, snapshot: snapshot.value, scope: .agencies([snapshot.value.agencyID]))
        }
    }

    /// Who records what an applicant does in the portal: the account `portal` (网上申请平台),
    /// which no one signs in to, made on first use.
    func portalActor() async throws -> Actor {
        _ = try await pool.query("""
            INSERT INTO users (username, name, role, agency_id, active)
            SELECT 'portal', '网上申请平台', 'officer', id, false FROM agencies ORDER BY parent_id NULLS FIRST, id LIMIT 1
            ON CONFLICT (username) DO NOTHING
            """)
        let id = try await pool.query("SELECT id FROM users WHERE username = 'portal'").single().decode(Int64.self, at: 0)
        return Actor(userID: id, role: .officer)
    }
}
