import DisclosureCore
import DisclosureStore
import Foundation
import Logging
import Mail
import ServiceLifecycle

/// Delivers the outbox and writes the officers' morning reminder, beside the web server in the
/// same service group. Every few seconds it leases what is due (several processes share the
/// work without sending anything twice), sends each notification, and records the outcome.
public struct NotificationWorker: Service {
    let store: NotificationStore
    let calendars: CalendarStore
    let smtp: SMTPClient?
    let sms: any SMSSender
    let logger: Logger
    let interval: Duration
    /// The instant now, for the reminder's hour; fixed in tests.
    let now: @Sendable () -> Date
    let today: @Sendable () -> LocalDate

    /// The reminder is written from this hour, China time, on.
    public static let digestHour = 8

    public init(store: NotificationStore, calendars: CalendarStore, smtp: SMTPClient?, sms: any SMSSender, logger: Logger,
                interval: Duration = .seconds(5), now: @escaping @Sendable () -> Date = { Date() },
                today: @escaping @Sendable () -> LocalDate = { ChinaToday.now() }) {
        self.store = store
        self.calendars = calendars
        self.smtp = smtp
        self.sms = sms
        self.logger = logger
        self.interval = interval
        self.now = now
        self.today = today
    }

    public func run() async throws {
        if smtp == nil { logger.warning("SMTP_URL is not set: e-mail notifications wait in the outbox until it is") }
        // A graceful shutdown cancels the loop between two sends, or its sleep.
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await digestIfDue()
                    while try await deliverDue() > 0, !Task.isCancelled {}
                } catch {
                    logger.error("notification worker: \(error)")
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Writes today's reminders once the morning has come (nothing when written already).
    func digestIfDue() async throws {
        let hour = (Int(now().timeIntervalSince1970) + 8 * 3600) % 86_400 / 3600
        guard hour >= Self.digestHour else { return }
        let day = today()
        let calendar = try await calendars.calendar()
        guard try calendar.isWorkingDay(day) else { return }
        if let officers = try await store.writeDigests(today: day, calendar: calendar) {
            logger.info("morning reminders written", metadata: ["officers": "\(officers)", "day": "\(day)"])
        }
    }

    /// Sends what is due now; how many were tried.
    @discardableResult
    public func deliverDue() async throws -> Int {
        let items = try await store.claim(smtp == nil ? [.sms] : [.email, .sms])
        for item in items {
            do {
                switch item.channel {
                case .email:
                    guard let smtp else { continue }
                    let message = MailMessage(from: smtp.configuration.from, to: item.recipient, subject: item.subject, body: item.body,
                                              date: Self.rfc5322(now()), messageID: "<outbox-\(item.id)@disclosure-desk>")
                    try await smtp.send(message)
                case .sms:
                    try await sms.send(to: item.recipient, text: item.body)
                }
                try await store.sent(item.id)
                logger.info("notification sent", metadata: ["id": "\(item.id)", "channel": "\(item.channel.rawValue)"])
            } catch let failure as SMTPFailure {
                try await store.failed(item, error: failure.description, permanent: failure.permanent)
                logger.notice("notification not delivered", metadata: ["id": "\(item.id)", "error": "\(failure)", "permanent": "\(failure.permanent)"])
            } catch {
                try await store.failed(item, error: "\(error)", permanent: false)
                logger.notice("notification not delivered", metadata: ["id": "\(item.id)", "error": "\(error)"])
            }
        }
        return items.count
    }

    /// "Mon, 30 Nov 2026 16:05:00 +0800".
    static func rfc5322(_ instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: instant)
    }
}
