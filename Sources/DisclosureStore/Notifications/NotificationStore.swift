import DisclosureCore
import Foundation
import LibPQ

/// The outbox as the delivering worker and the pages see it, and the notices shown to users.
public struct NotificationStore: Sendable {
    let pool: ConnectionPool
    /// The worker reads every agency's outbox; it says so.
    static let everything = Scope.everything(reason: "delivering notifications")

    public init(pool: ConnectionPool) { self.pool = pool }

    public enum Channel: String, Sendable { case email, sms }

    /// One notification to deliver.
    public struct Item: Sendable, Equatable {
        public var id: Int64
        public var channel: Channel
        public var recipient: String
        public var subject: String
        public var body: String
        public var attempts: Int
    }

    /// Tries after a temporary failure: 1, 2, 4 … minutes, then given up.
    public static let maxAttempts = 8

    /// Takes up to `limit` notifications due now, leased for `lease` so that another worker
    /// (or this one after a crash) takes them again only if they were not finished.
    /// `channels`: those the worker can send (no e-mail without SMTP_URL: those wait).
    public func claim(_ channels: Set<Channel>, limit: Int = 20, lease: Duration = .seconds(300)) async throws -> [Item] {
        guard !channels.isEmpty else { return [] }
        return try await Self.everything.run {
            try await pool.query("""
                UPDATE outbox SET not_before = now() + make_interval(secs => \(Int(lease.components.seconds))), attempts = attempts + 1
                WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND not_before <= now()
                             AND channel = ANY(\(channels.map(\.rawValue).sorted()))
                             ORDER BY not_before, id LIMIT \(min(max(limit, 1), 500)) FOR UPDATE SKIP LOCKED)
                RETURNING id, channel, recipient, subject, body, attempts
                """).map { row in
                let (id, channel, recipient, subject, body, attempts) = try row.decode(Int64.self, String.self, String.self, String.self, String.self, Int.self)
                return Item(id: id, channel: Channel(rawValue: channel) ?? .email, recipient: recipient, subject: subject, body: body, attempts: attempts)
            }.sorted { $0.id < $1.id }
        }
    }

    public func sent(_ id: Int64) async throws {
        try await Self.everything.run {
            _ = try await pool.query("UPDATE outbox SET sent_at = now(), last_error = NULL WHERE id = \(id)")
        }
    }

    /// A failed try: given up when `permanent` or after `maxAttempts`, else tried again later.
    /// Given up, the case's officer (or the agency's officers, for a submission not yet a case)
    /// is told in the application.
    public func failed(_ item: Item, error: String, permanent: Bool) async throws {
        let giveUp = permanent || item.attempts >= Self.maxAttempts
        let wait = min(60 << min(item.attempts - 1, 10), 6 * 3600)
        try await Self.everything.run {
            try await pool.withTransaction { connection in
                if giveUp {
                    try await connection.execute("UPDATE outbox SET failed_at = now(), last_error = \(String(error.prefix(1000))) WHERE id = \(item.id)")
                    let channel = item.channel == .email ? "邮件" : "短信"
                    try await connection.execute("""
                        INSERT INTO user_notices (user_id, text, link)
                        SELECT u.id, \("发给申请人的" + channel + "未能送达（") || coalesce(c.case_number, '网上申请 ' || s.receipt_code) || \("）：" + String(error.prefix(200))),
                               CASE WHEN c.id IS NOT NULL THEN '/cases/' || c.id ELSE '/submissions/' || s.id END
                        FROM outbox o
                        LEFT JOIN cases c ON c.id = o.case_id
                        LEFT JOIN portal_submissions s ON s.id = o.submission_id
                        JOIN users u ON u.active AND (u.id = c.officer_id OR (c.officer_id IS NULL AND u.role IN ('officer', 'supervisor')
                                                      AND u.agency_id = coalesce(c.agency_id, s.agency_id)))
                        WHERE o.id = \(item.id)
                        """)
                } else {
                    try await connection.execute("""
                        UPDATE outbox SET not_before = now() + make_interval(secs => \(wait)), last_error = \(String(error.prefix(1000))) WHERE id = \(item.id)
                        """)
                }
            }
        }
    }

    /// How the notifications about a case stand, newest first, for its page.
    public struct Sent: Sendable, Equatable {
        public var channel: Channel
        public var recipient: String
        public var purpose: String
        public var createdAt: Date
        public var sentAt: Date?
        public var failedAt: Date?
        public var lastError: String?
    }

    public func notifications(ofCase caseID: Int64, scope: Scope) async throws -> [Sent] {
        try await scope.run {
            try await pool.query("""
                SELECT channel, recipient, purpose, created_at, sent_at, failed_at, last_error FROM outbox
                WHERE case_id = \(caseID) ORDER BY id DESC LIMIT 50
                """).map { row in
                let (channel, recipient, purpose, created, sent, failed, error) = try row.decode(
                    String.self, String.self, String.self, Date.self, Date?.self, Date?.self, String?.self)
                return Sent(channel: Channel(rawValue: channel) ?? .email, recipient: recipient, purpose: purpose, createdAt: created,
                            sentAt: sent, failedAt: failed, lastError: error)
            }
        }
    }

    // MARK: Where a user's reminder goes

    /// The address a user's morning reminder is e-mailed to, if any.
    public func reminderAddress(of userID: Int64) async throws -> String? {
        try await pool.query("SELECT email FROM users WHERE id = \(userID)").first?.decode(String?.self, at: 0)
    }

    /// Sets (or, with nil, clears) the address; refused unless it is one e-mail can reach.
    public func setReminderAddress(_ address: String?, of userID: Int64) async throws {
        let address = address?.trimmingCharacters(in: .whitespaces)
        if let address, !address.isEmpty, !Contact.isEmail(address) {
            throw LifecycleError.invalid([FieldProblem("email", "\(address.prefix(60)) is not an e-mail address.", "“\(address.prefix(60))”不是有效的电子邮箱地址。")])
        }
        let stored = (address?.isEmpty ?? true) ? nil : address
        _ = try await pool.query("UPDATE users SET email = \(stored) WHERE id = \(userID)")
    }

    // MARK: Notices in the application

    public struct Notice: Sendable, Equatable {
        public var id: Int64
        public var text: String
        public var link: String?
        public var createdAt: Date
    }

    public func unread(for userID: Int64, limit: Int = 20) async throws -> [Notice] {
        try await pool.query("""
            SELECT id, text, link, created_at FROM user_notices WHERE user_id = \(userID) AND read_at IS NULL ORDER BY created_at DESC, id DESC LIMIT \(limit)
            """).map { row in
            let (id, text, link, created) = try row.decode(Int64.self, String.self, String?.self, Date.self)
            return Notice(id: id, text: text, link: link, createdAt: created)
        }
    }

    /// Marks a notice read; only the user's own.
    public func markRead(_ id: Int64, by userID: Int64) async throws {
        _ = try await pool.query("UPDATE user_notices SET read_at = now() WHERE id = \(id) AND user_id = \(userID) AND read_at IS NULL")
    }
}
