import DisclosureCore
import Foundation
import LibPQ

/// The public portal's side of PostgreSQL: submissions and their files, the question asked
/// before one is accepted, and the per-address limits. Applicants have no account and no scope:
/// the portal reads one submission at a time, named by its receipt code (`dd.portal_code`,
/// Schema 0028), and its case through that case's agency only after the password matched.
public struct PortalStore: Sendable {
    let pool: ConnectionPool
    public let cases: CaseStore

    public init(pool: ConnectionPool, cases: CaseStore) {
        self.pool = pool
        self.cases = cases
    }

    /// How long a question stays answerable: long enough to fill in a long form on a phone.
    public static let challengeLifetime: Duration = .seconds(2 * 60 * 60)

    /// A file as the applicant sent it, its kind already checked by its bytes.
    public struct NewAttachment: Sendable, Equatable {
        public var fileName: String
        public var kind: AttachmentKind
        public var bytes: [UInt8]

        public init(fileName: String, kind: AttachmentKind, bytes: [UInt8]) {
            self.fileName = fileName
            self.kind = kind
            self.bytes = bytes
        }
    }

    /// What the portal can offer to apply to: every agency, with its guide and published page.
    public struct AgencyChoice: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var kind: Agency.Kind
        public var guide: String
        public var publishedURL: String?
    }

    public func agencies() async throws -> [AgencyChoice] {
        try await pool.query("SELECT id, name, kind, portal_guide, published_url FROM agencies ORDER BY parent_id NULLS FIRST, id").map { row in
            let (id, name, kind, guide, url) = try row.decode(Int64.self, String.self, String.self, String.self, String?.self)
            return AgencyChoice(id: id, name: name, kind: Agency.Kind(rawValue: kind) ?? .department, guide: guide, publishedURL: url)
        }
    }

    // MARK: The question

    /// Stores a new question under `token`; forgets the ones that expired.
    public func ask(_ challenge: PortalChallenge, token: String) async throws {
        let seconds = Int(Self.challengeLifetime.components.seconds)
        try await pool.withTransaction { connection in
            try await connection.execute("DELETE FROM portal_challenges WHERE expires_at < now()")
            try await connection.execute("""
                INSERT INTO portal_challenges (token, answer, expires_at) VALUES (\(token), \(challenge.answer), now() + make_interval(secs => \(seconds)))
                """)
        }
    }

    /// Whether `answer` answers the question stored under `token`. A question is answered once,
    /// rightly or wrongly: a wrong answer gets a new question, so answers cannot be tried in turn.
    public func answer(token: String, with answer: Int?) async throws -> Bool {
        guard token.utf8.count <= 64 else { return false }
        let stored = try await pool.query("""
            DELETE FROM portal_challenges WHERE token = \(token) AND expires_at >= now() RETURNING answer
            """).first?.decode(Int.self, at: 0)
        return stored != nil && stored == answer
    }

    // MARK: Limits

    /// Counts one use of `purpose` by `subject` (an address, a receipt code); false when the
    /// window's `limit` is used up.
    public func take(_ purpose: String, for subject: String, limit: Int, window: Duration) async throws -> Bool {
        try await RateLimit.take(pool, table: "portal_limits", keyColumn: "subject", key: String(subject.prefix(64)), purpose: purpose, limit: limit, window: window)
    }

    /// Whether `subject` has used up `purpose` without counting a use (a code whose wrong
    /// passwords are spent is refused before any password is compared).
    public func isSpent(_ purpose: String, for subject: String, limit: Int, window: Duration) async throws -> Bool {
        let seconds = Int(window.components.seconds)
        return try await pool.query("""
            SELECT used >= \(limit) FROM portal_limits
            WHERE purpose = \(purpose) AND subject = \(String(subject.prefix(64))) AND window_start > now() - make_interval(secs => \(seconds))
            """).first?.decode(Bool.self, at: 0) ?? false
    }

    // MARK: Submitting

    /// Stores a submission and its files, all or nothing. The application must have no
    /// problems (checked here again); the agency must exist. `notice` (the receipt, with the
    /// password only the caller knows) goes to the applicant's e-mail and phone, and the
    /// agency's officers are told in the application that it waits for them.
    @discardableResult
    public func submit(_ application: PortalApplication, attachments: [NewAttachment], code: ReceiptCode, passwordHash: String,
                       submittedOn: LocalDate, address: String, notice: ApplicantNotice? = nil) async throws -> Int64 {
        var problems = application.problems()
        if attachments.count > AttachmentKind.maxFiles {
            problems.append(FieldProblem("attachments", "At most \(AttachmentKind.maxFiles) files.", "最多上传\(AttachmentKind.maxFiles)个附件。"))
        }
        guard problems.isEmpty else { throw LifecycleError.invalid(problems) }
        return try await StatementSettings.adding(.init("dd.portal_code", code.text)) {
            try await pool.withTransaction { connection in
                if try await connection.query("SELECT 1 FROM agencies WHERE id = \(application.agencyID)").isEmpty {
                    throw LifecycleError.invalid([FieldProblem("agencyID", "There is no agency \(application.agencyID).", "请选择要申请的机关。")])
                }
                let id = try await connection.query("""
                    INSERT INTO portal_submissions (receipt_code, password_hash, agency_id, application, subject, applicant_name, submitted_on, client_address)
                    VALUES (\(code.text), \(passwordHash), \(application.agencyID), \(PostgresJSON(application)), \(application.subject),
                            \(application.applicant.name), \(submittedOn), \(String(address.prefix(64))))
                    RETURNING id
                    """).single().decode(Int64.self, at: 0)
                for file in attachments {
                    try await connection.execute("""
                        INSERT INTO portal_attachments (submission_id, file_name, content_type, size, content)
                        VALUES (\(id), \(String(file.fileName.prefix(255))), \(file.kind.rawValue), \(file.bytes.count), \(Data(file.bytes)))
                        """)
                }
                if let notice {
                    try await Outbox.enqueue(notice, email: application.applicant.email, phone: application.applicant.phone, caseID: nil, submissionID: id, connection)
                }
                try await connection.execute("""
                    INSERT INTO user_notices (user_id, text, link)
                    SELECT u.id, \("新的网上申请待确认（回执编号" + code.text + "）：" + String(application.subject.prefix(100))), \("/submissions/\(id)")
                    FROM users u WHERE u.active AND u.role IN ('officer', 'supervisor') AND u.agency_id = \(application.agencyID)
                    """)
                return id
            }
        }
    }
}
