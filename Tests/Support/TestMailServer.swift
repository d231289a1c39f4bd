import Foundation

/// The local SMTP server the tests send to: Tests/mail/smtp_server.py on aiosmtpd, which
/// writes each message it accepts to a folder and refuses recipients named bounce…@. Deploy/test
/// starts it and names its folder in TEST_SMTP_DIR; `swift test` alone starts one here, from
/// the virtual environment Deploy/test made (.build/mail-venv).
public enum TestMailServer {
    public struct Server: Sendable {
        public let port: Int
        public let folder: URL
        /// `SMTP_URL` for it.
        public var url: String { "smtp://127.0.0.1:\(port)?from=gkb@szq.example.cn" }
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    private static let started: Result<Server, any Error> = Result { try start() }

    public static func server() throws -> Server { try started.get() }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func start() throws -> Server {
        let folder: URL
        if let given = ProcessInfo.processInfo.environment["TEST_SMTP_DIR"], !given.isEmpty {
            folder = URL(fileURLWithPath: given)
        } else {
            let python = repository.appendingPathComponent(".build/mail-venv/bin/python")
            guard FileManager.default.isExecutableFile(atPath: python.path) else {
                throw Unavailable(description: "No test SMTP server: run Deploy/test, which starts one, or make .build/mail-venv with aiosmtpd (python3 -m venv .build/mail-venv && .build/mail-venv/bin/pip install aiosmtpd).")
            }
            folder = TestPostgres.root.appendingPathComponent("mail-\(getpid())")
            try? FileManager.default.removeItem(at: folder)
            let process = Process()
            process.executableURL = python
            // It stops when this process has gone, and holds none of its output open meanwhile.
            process.arguments = [repository.appendingPathComponent("Tests/mail/smtp_server.py").path, folder.path, String(getpid())]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }
        let portFile = folder.appendingPathComponent("port")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) { return Server(port: port, folder: folder) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Unavailable(description: "The test SMTP server did not start within 20 s (no \(portFile.path)).")
    }

    /// The raw messages delivered to `recipient` so far, oldest first.
    public static func messages(to recipient: String) throws -> [String] {
        let folder = try server().folder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
        return try files.compactMap { name -> (Date, String)? in
            let url = folder.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            guard text.hasPrefix("X-Envelope-To: \(recipient)\r\n") else { return nil }
            let date = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date ?? .distantPast
            return (date, text)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// A message's subject and body as the recipient reads them (both are sent encoded).
    public static func read(_ raw: String) -> (subject: String, body: String) {
        let parts = raw.components(separatedBy: "\r\n\r\n")
        let headers = parts[0].components(separatedBy: "\r\n")
        var subject = headers.first { $0.hasPrefix("Subject: ") }.map { String($0.dropFirst("Subject: ".count)) } ?? ""
        if subject.hasPrefix("=?UTF-8?B?"), subject.hasSuffix("?="),
           let data = Data(base64Encoded: String(subject.dropFirst(10).dropLast(2))) {
            subject = String(decoding: data, as: UTF8.self)
        }
        let encoded = parts.dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "")
        let body = Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? encoded
        return (subject, body)
    }
}
