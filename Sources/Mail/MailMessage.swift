/// A plain-text message in UTF-8, written as RFC 5322 with MIME: the subject encoded by RFC 2047
/// and the body in base64, so that Chinese text passes any server unchanged.
public struct MailMessage: Sendable, Equatable {
    public var from: String
    public var to: String
    public var subject: String
    public var body: String
    /// RFC 5322 date, e.g. "Mon, 30 Nov 2026 16:05:00 +0800".
    public var date: String
    /// Unique per message, e.g. "<outbox-42@disclosure-desk>": a retried send is the same message.
    public var messageID: String

    public init(from: String, to: String, subject: String, body: String, date: String, messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
    }

    /// The text after DATA, lines ending CRLF, body lines of 76 characters.
    public var rendered: String {
        let encoded = Base64.encode(Array(body.crlfLines().utf8))
        var lines: [String] = []
        var start = encoded.startIndex
        while start < encoded.endIndex {
            let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[start..<end]))
            start = end
        }
        return [
            "From: \(Self.headerSafe(from))",
            "To: \(Self.headerSafe(to))",
            "Subject: =?UTF-8?B?\(Base64.encode(Array(subject.utf8)))?=",
            "Date: \(date)",
            "Message-ID: \(Self.headerSafe(messageID))",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ].joined(separator: "\r\n") + "\r\n" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// No line break can reach a header: an address with one would start a header of its own.
    static func headerSafe(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })
    }

    /// Whether `address` is one SMTP may be asked to deliver to: local@domain, printable ASCII
    /// without spaces, brackets or line breaks, at most 254 characters.
    public static func isDeliverable(_ address: String) -> Bool {
        guard (3...254).contains(address.utf8.count), address.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != 0x3C && $0 != 0x3E }) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }
}
