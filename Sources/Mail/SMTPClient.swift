#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Sends one message over plain SMTP: the socket here, every decision in `SMTPDialogue`. The
/// socket is blocking, with a timeout on every connect, send and receive, and runs on its own
/// threads so that a slow mail server never holds Swift's cooperative pool.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    /// For the connection and for each reply.
    public let timeoutSeconds: Int

    static let queue = DispatchQueue(label: "disclosure.smtp", attributes: .concurrent)

    public init(configuration: SMTPConfiguration, timeoutSeconds: Int = 10) {
        self.configuration = configuration
        self.timeoutSeconds = timeoutSeconds
    }

    /// Delivers `message` to its `to`; throws `SMTPFailure` (permanent for a 5xx reply).
    public func send(_ message: MailMessage) async throws {
        let configuration = configuration, timeout = timeoutSeconds
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Self.queue.async {
                do {
                    try Self.deliver(message, configuration: configuration, timeout: timeout)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    static func deliver(_ message: MailMessage, configuration: SMTPConfiguration, timeout: Int) throws {
        let socket = try Socket(host: configuration.host, port: configuration.port, timeoutSeconds: timeout)
        defer { socket.close() }
        var dialogue = SMTPDialogue(from: configuration.from, to: message.to, message: message.rendered, credentials: configuration.credentials)
        while true {
            let reply = try socket.readReply()
            switch dialogue.receive(reply) {
            case .send(let line): try socket.write(line + "\r\n")
            case .delivered:
                try? socket.write("QUIT\r\n")
                return
            case .failed(let failure):
                try? socket.write("QUIT\r\n")
                throw failure
            }
        }
    }
}

/// A TCP connection that reads SMTP replies (multi-line ones joined).
final class Socket {
    let descriptor: Int32
    var buffer: [UInt8] = []

    init(host: String, port: Int, timeoutSeconds: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else {
            throw SMTPFailure(stage: "connect", code: nil, text: "cannot resolve \(host)", permanent: false)
        }
        defer { freeaddrinfo(found) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        var connected: Int32 = -1
        while let info = candidate, connected < 0 {
            let fd = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                var limit = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { connected = fd } else { Glibc.close(fd) }
            }
            candidate = info.pointee.ai_next
        }
        guard connected >= 0 else {
            throw SMTPFailure(stage: "connect", code: nil, text: "cannot connect to \(host):\(port) (\(String(cString: strerror(errno))))", permanent: false)
        }
        descriptor = connected
    }

    func close() { Glibc.close(descriptor) }

    func write(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw SMTPFailure(stage: "send", code: nil, text: "the connection failed while sending", permanent: false) }
            bytes = bytes.dropFirst(sent)
        }
    }

    func readLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: 0x0A) {
                let line = buffer[..<end]
                buffer.removeFirst(end + 1)
                return String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            }
            guard buffer.count < 64 * 1024 else { throw SMTPFailure(stage: "reply", code: nil, text: "a reply line longer than 64 KB", permanent: false) }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                throw SMTPFailure(stage: "reply", code: nil, text: count == 0 ? "the server closed the connection" : "no reply within the timeout", permanent: false)
            }
            buffer += chunk[..<count]
        }
    }

    /// "250-first", "250 last" → 250 with both texts.
    func readReply() throws -> SMTPDialogue.Reply {
        var texts: [String] = []
        for _ in 0..<100 {
            let line = try readLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPFailure(stage: "reply", code: nil, text: "not an SMTP reply: \(line.prefix(80))", permanent: false)
            }
            texts.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                return SMTPDialogue.Reply(code: code, text: texts.joined(separator: " "))
            }
        }
        throw SMTPFailure(stage: "reply", code: nil, text: "a reply of more than 100 lines", permanent: false)
    }
}
