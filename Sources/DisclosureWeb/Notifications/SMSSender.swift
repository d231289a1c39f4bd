import Logging

/// Where text messages go. The agency's SMS gateway (each province has its own contract and
/// API) is a conformance to write when one is chosen; until then `LoggingSMSSender`.
public protocol SMSSender: Sendable {
    /// `number`: a mainland mobile number (`Contact.mobile`).
    func send(to number: String, text: String) async throws
}

/// Writes each message to the service's log instead of sending it, the number partly hidden.
public struct LoggingSMSSender: SMSSender {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func send(to number: String, text: String) async throws {
        let shown = number.count == 11 ? number.prefix(3) + "****" + number.suffix(4) : "***"
        logger.notice("SMS (not sent: no gateway configured)", metadata: ["to": "\(shown)", "text": "\(text)"])
    }
}
