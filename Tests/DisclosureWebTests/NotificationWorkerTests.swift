import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ
import Logging
import Mail
import PostgresTestSupport
import Testing

@testable import DisclosureWeb

/// The worker against the local SMTP server the tests run (aiosmtpd): what it sends is read
/// back from the server's folder, a refused address is given up and its officer told, and a
/// server that is down leaves the message to be tried again.
@Suite struct NotificationWorkerTests {
    /// Text messages kept instead of sent.
    final class CapturedSMS: SMSSender, @unchecked Sendable {
        let lock = NSLock()
        var sent: [(String, String)] = []
        func send(to number: String, text: String) async throws { lock.withLock { sent.append((number, text)) } }
    }

    struct Setup {
        let owner: ConnectionPool
        let service: ConnectionPool
        let portal: PortalStore
        let agency: Int64
    }

    func setup(_ label: String) async throws -> Setup {
        let configuration = try await TestPostgres.freshDatabase(label)
        let owner = ConnectionPool(.init(connection: configuration, size: 2))
        try await Migrator(directory: CasesAPITests.schema).migrate(owner)
        let directory = try await DemoDirectory.seed(owner)
        let service = servicePool(configuration)
        let agency = directory.agencies.first { $0.code == "szq-zjj" }!.id
        return Setup(owner: owner, service: service, portal: PortalStore(pool: service, cases: CaseStore(pool: service, calendars: CalendarStore(pool: service))),
                     agency: agency)
    }

    func submit(_ s: Setup, email: String, phone: String? = nil, password: String = "7KQ4MX7KQ4") async throws -> ReceiptCode {
        var generator = SystemRandomNumberGenerator()
        let code = ReceiptCode.make(on: LocalDate(iso: "2026-11-30")!, using: &generator)
        let application = PortalApplication(agencyID: s.agency, applicant: Applicant(kind: .naturalPerson, name: "张三", idType: "身份证",
                                                                                     idNumber: "370103198001011233", phone: phone, email: email),
                                            subject: "经七路拆迁补偿标准", description: "补偿方案", formWanted: .electronic, deliveryWanted: .email)
        let notice = ApplicantNotice.submitted(code: code.text, password: password, agency: "济南市市中区住房和城乡建设局", subject: application.subject,
                                               on: LocalDate(iso: "2026-11-30")!)
        try await s.portal.submit(application, attachments: [], code: code, passwordHash: PortalStoreTestsHash.hash, submittedOn: LocalDate(iso: "2026-11-30")!,
                                  address: "203.0.113.9", notice: notice)
        return code
    }

    func worker(_ s: Setup, smtp: SMTPConfiguration?, sms: any SMSSender = LoggingSMSSender(logger: quietLogger)) -> NotificationWorker {
        NotificationWorker(store: NotificationStore(pool: s.service), calendars: CalendarStore(pool: s.service), smtp: smtp.map { SMTPClient(configuration: $0, timeoutSeconds: 5) },
                           sms: sms, logger: quietLogger)
    }

    @Test func theReceiptIsEmailedAndTextedToTheApplicant() async throws {
        let s = try await setup("worker-send")
        let server = try TestMailServer.server()
        let address = "zhang.\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let code = try await submit(s, email: address, phone: "+86 138-0013-8000")
        let sms = CapturedSMS()
        #expect(try await worker(s, smtp: try SMTPConfiguration(url: server.url), sms: sms).deliverDue() == 2)

        let messages = try TestMailServer.messages(to: address)
        #expect(messages.count == 1)
        let (subject, body) = TestMailServer.read(messages[0])
        #expect(subject == "政府信息公开申请已提交（回执编号\(code.text)）")
        #expect(body.contains("回执编号：\(code.text)") && body.contains("查询密码：7KQ4MX7KQ4"))
        #expect(messages[0].contains("From: gkb@szq.example.cn"))
        #expect(sms.sent.count == 1 && sms.sent[0].0 == "13800138000" && sms.sent[0].1.contains(code.text))
        #expect(try await s.owner.query("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL").single().decode(Int.self, at: 0) == 2)
        // Nothing is sent twice.
        #expect(try await worker(s, smtp: try SMTPConfiguration(url: server.url), sms: sms).deliverDue() == 0)
        #expect(try TestMailServer.messages(to: address).count == 1)
    }

    @Test func aRefusedAddressIsGivenUpAndTheAgencysOfficersAreTold() async throws {
        let s = try await setup("worker-bounce")
        let server = try TestMailServer.server()
        let address = "bounce.\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let code = try await submit(s, email: address)
        #expect(try await worker(s, smtp: try SMTPConfiguration(url: server.url)).deliverDue() == 1)
        let row = try await s.owner.query("SELECT failed_at IS NOT NULL, sent_at IS NULL, last_error FROM outbox").single()
        #expect(try row.decode(Bool.self, at: 0) && row.decode(Bool.self, at: 1))
        #expect(try row.decode(String.self, at: 2).contains("550"))
        let told = try await s.owner.query("""
            SELECT count(*) FROM user_notices n JOIN users u ON u.id = n.user_id WHERE u.agency_id = \(s.agency) AND n.text LIKE \("%邮件未能送达%" + code.text + "%")
            """).single().decode(Int.self, at: 0)
        #expect(told >= 1)
        #expect(try TestMailServer.messages(to: address).isEmpty)
    }

    /// The morning reminder is written on working days from 08:00 China time, once.
    @Test func theMorningReminderWaitsForAWorkingMorning() async throws {
        let s = try await setup("worker-morning")
        func runs() async throws -> [String] {
            try await s.owner.query("SELECT day::text FROM digest_runs ORDER BY day").map { try $0.decode(String.self, at: 0) }
        }
        func worker(at instant: String, today: String) -> NotificationWorker {
            let now = ISO8601DateFormatter().date(from: instant)!, day = LocalDate(iso: today)!
            return NotificationWorker(store: NotificationStore(pool: s.service), calendars: CalendarStore(pool: s.service), smtp: nil,
                                      sms: LoggingSMSSender(logger: quietLogger), logger: quietLogger, now: { now }, today: { day })
        }
        // 07:59 in China on Monday 30 November 2026 is 23:59 UTC the day before.
        try await worker(at: "2026-11-29T23:59:00Z", today: "2026-11-30").digestIfDue()
        #expect(try await runs().isEmpty)
        try await worker(at: "2026-11-29T00:30:00Z", today: "2026-11-29").digestIfDue()
        #expect(try await runs().isEmpty, "Sunday is no working day")
        try await worker(at: "2026-11-30T00:00:00Z", today: "2026-11-30").digestIfDue()
        try await worker(at: "2026-11-30T03:00:00Z", today: "2026-11-30").digestIfDue()
        #expect(try await runs() == ["2026-11-30"])
    }

    @Test func aServerThatIsDownLeavesTheMessageForLater() async throws {
        let s = try await setup("worker-down")
        let address = "later.\(UUID().uuidString.prefix(8).lowercased())@example.com"
        _ = try await submit(s, email: address)
        // Nothing listens on port 1.
        #expect(try await worker(s, smtp: SMTPConfiguration(host: "127.0.0.1", port: 1, from: "gkb@szq.example.cn")).deliverDue() == 1)
        let row = try await s.owner.query("SELECT attempts, failed_at IS NULL, not_before > now(), last_error FROM outbox").single()
        #expect(try row.decode(Int.self, at: 0) == 1 && row.decode(Bool.self, at: 1) && row.decode(Bool.self, at: 2))
        #expect(try row.decode(String.self, at: 3).contains("cannot connect"))
        // Without SMTP_URL, e-mail is not even taken.
        _ = try await s.owner.query("UPDATE outbox SET not_before = now()")
        #expect(try await worker(s, smtp: nil).deliverDue() == 0)
    }
}

/// A bcrypt-shaped hash for submissions whose password is never checked here.
enum PortalStoreTestsHash {
    static let hash = "$2b$04$abcdefghijklmnopqrstuu5n7mVfJ8m1n5vYc0qj0q8Jq9m1n5vYc"
}
