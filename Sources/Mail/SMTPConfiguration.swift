/// Where mail goes: `SMTP_URL`, e.g. `smtp://127.0.0.1:25?from=gkb@szq.gov.cn` or
/// `smtp://user:password@relay.example:587?from=…`. Plain SMTP only: on a server the service
/// hands mail to a relay on the same machine or network (postfix), which speaks TLS onwards.
public struct SMTPConfiguration: Sendable, Equatable {
    public struct Credentials: Sendable, Equatable {
        public var user: String
        public var password: String
    }

    public var host: String
    public var port: Int
    public var from: String
    public var credentials: Credentials?

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notSMTP
        case noHost
        case badPort(String)
        case badFrom(String)

        public var description: String {
            switch self {
            case .notSMTP: return "SMTP_URL must start with smtp:// (for example smtp://127.0.0.1:25?from=office@example.gov.cn)."
            case .noHost: return "SMTP_URL names no host."
            case .badPort(let text): return "SMTP_URL's port must be a number between 1 and 65535, not \"\(text)\"."
            case .badFrom(let text): return "SMTP_URL's from= must be one e-mail address, not \"\(text)\"."
            }
        }
    }

    public init(host: String, port: Int, from: String, credentials: Credentials? = nil) {
        self.host = host
        self.port = port
        self.from = from
        self.credentials = credentials
    }

    public init(url text: String) throws(Problem) {
        guard text.hasPrefix("smtp://") else { throw .notSMTP }
        var rest = Substring(text.dropFirst("smtp://".count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") { query = rest[rest.index(after: mark)...]; rest = rest[..<mark] }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        var credentials: Credentials?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            credentials = Credentials(user: Self.unescape(userInfo[0]), password: userInfo.count > 1 ? Self.unescape(userInfo[1]) : "")
            rest = rest[rest.index(after: at)...]
        }
        var host = String(rest), port = 25
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            let digits = rest[rest.index(after: colon)...]
            guard let number = Int(digits), (1...65535).contains(number) else { throw .badPort(String(digits)) }
            port = number
            host = String(rest[..<colon])
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw .noHost }
        var from = "noreply@localhost.localdomain"
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == "from" { from = Self.unescape(parts[1]) }
        }
        guard MailMessage.isDeliverable(from) else { throw .badFrom(from) }
        self.init(host: host, port: port, from: from, credentials: credentials)
    }

    /// %XX escapes, as a URL's user, password and query may carry them.
    static func unescape(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), high < utf8.endIndex,
               let low = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex), low < utf8.endIndex,
               let value = UInt8(String(decoding: [utf8[high], utf8[low]], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index = utf8.index(after: low)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
