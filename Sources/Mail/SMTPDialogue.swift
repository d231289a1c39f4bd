/// One SMTP conversation (RFC 5321) as a pure state machine: given each reply of the server it
/// returns what to send next, and knows nothing of sockets, so that every turn of the dialogue,
/// refusals included, is tested without a server (as postgres-nio's state machines are).
public struct SMTPDialogue: Sendable {
    public struct Reply: Sendable, Equatable {
        public var code: Int
        public var text: String
        public init(code: Int, text: String) {
            self.code = code
            self.text = text
        }
    }

    public enum Action: Sendable, Equatable {
        /// Send this line (CRLF added by the transport), or for the message the whole text.
        case send(String)
        /// The message was accepted; the transport may say QUIT and close.
        case delivered
        case failed(SMTPFailure)
    }

    enum Step: Sendable { case greeting, ehlo, helo, auth, mailFrom, rcptTo, data, message, done }

    let from: String
    let to: String
    let message: String
    let heloName: String
    let credentials: SMTPConfiguration.Credentials?
    var step: Step = .greeting

    /// `message`: the whole RFC 5322 text (`MailMessage.rendered`), sent after DATA with its
    /// lines that begin with a dot doubled (RFC 5321 §4.5.2).
    public init(from: String, to: String, message: String, heloName: String = "disclosure-desk", credentials: SMTPConfiguration.Credentials? = nil) {
        self.from = from
        self.to = to
        self.message = message
        self.heloName = heloName
        self.credentials = credentials
    }

    public mutating func receive(_ reply: Reply) -> Action {
        func fail(_ stage: String) -> Action {
            step = .done
            return .failed(SMTPFailure(stage: stage, code: reply.code, text: reply.text, permanent: reply.code >= 500))
        }
        switch step {
        case .greeting:
            guard reply.code == 220 else { return fail("greeting") }
            step = .ehlo
            return .send("EHLO \(heloName)")
        case .ehlo, .helo:
            guard reply.code == 250 else {
                // An old server that knows only HELO says 500/502 to EHLO.
                if step == .ehlo, reply.code == 500 || reply.code == 502 { step = .helo; return .send("HELO \(heloName)") }
                return fail(step == .ehlo ? "EHLO" : "HELO")
            }
            if let credentials {
                step = .auth
                return .send("AUTH PLAIN " + Base64.encode(Array("\0\(credentials.user)\0\(credentials.password)".utf8)))
            }
            step = .mailFrom
            return .send("MAIL FROM:<\(from)>")
        case .auth:
            guard reply.code == 235 else { return fail("AUTH") }
            step = .mailFrom
            return .send("MAIL FROM:<\(from)>")
        case .mailFrom:
            guard reply.code == 250 else { return fail("MAIL FROM") }
            step = .rcptTo
            return .send("RCPT TO:<\(to)>")
        case .rcptTo:
            guard reply.code == 250 || reply.code == 251 else { return fail("RCPT TO") }
            step = .data
            return .send("DATA")
        case .data:
            guard reply.code == 354 else { return fail("DATA") }
            step = .message
            return .send(Self.dotStuffed(message) + "\r\n.")
        case .message:
            guard reply.code == 250 else { return fail("message") }
            step = .done
            return .delivered
        case .done:
            return .failed(SMTPFailure(stage: "after the end", code: reply.code, text: reply.text, permanent: false))
        }
    }

    /// Lines as CRLF, a line that begins with "." doubled.
    static func dotStuffed(_ text: String) -> String {
        text.crlfLines().split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
    }
}

/// Why a message was not delivered. `permanent` (a 5xx reply: the address does not exist, the
/// message was refused) means trying again will not help; otherwise it may.
public struct SMTPFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var stage: String
    public var code: Int?
    public var text: String
    public var permanent: Bool

    public init(stage: String, code: Int?, text: String, permanent: Bool) {
        self.stage = stage
        self.code = code
        self.text = text
        self.permanent = permanent
    }

    public var description: String { "\(stage): \(code.map(String.init) ?? "no reply") \(text)" }
}

extension String {
    /// Any mix of CRLF, LF and CR as CRLF.
    func crlfLines() -> String {
        var out = ""
        var previousCR = false
        for scalar in unicodeScalars {
            switch scalar {
            case "\r": out += "\r\n"; previousCR = true
            case "\n": if !previousCR { out += "\r\n" }; previousCR = false
            default: out.unicodeScalars.append(scalar); previousCR = false
            }
        }
        return out
    }
}
