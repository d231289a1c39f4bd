import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// What an attacker with an ordinary account sent to a running service (issue 13), each answered
/// in plain words and without harm: nothing traps, nothing half-saved, nothing turned into a
/// formula or a database error page.
@Suite struct HostileInputTests: PageTesting {
    func token(_ s: PagesFixture, _ username: String) async throws -> HTTPFields {
        let user = s.directory.users.first { $0.username == username }!
        let secret = try await AccountStore(pool: s.pool).createAPIToken(for: user, name: "test")
        return [.authorization: "Bearer " + secret, .contentType: "application/json"]
    }

    @Test func pageNumbersAndFiltersNearIntMaxAreRefusedNotTrapped() async throws {
        let s = try await PagesFixture.make("hostile-numbers", users: ["zjj.officer"])
        let api = try await token(s, "zjj.officer")
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            for query in ["page=9223372036854775807", "page=-9223372036854775808", "page=0", "year=99999999999999999999", "agency=-1", "page=1e10"] {
                try await client.execute(uri: "/api/v1/library/search?q=a&\(query)", method: .get, headers: api) { response in
                    #expect(response.status == .unprocessableContent, "\(query)")
                    let error = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])["error"] as? [String: Any]
                    #expect((error?["chinese"] as? String)?.contains("查询参数") == true, "\(query)")
                }
                try await client.execute(uri: "/library?q=a&\(query)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .unprocessableContent, "\(query)")
                    #expect(String(buffer: response.body).contains("查询参数"), "\(query)")
                }
            }
            // The service is still up, and the last page a search can reach still answers.
            try await client.execute(uri: "/api/v1/library/search?q=a&page=\(LibraryStore.maxOffset / 20)", method: .get, headers: api) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func anOverlongSubjectIsRefusedByNameAndNothingIsSaved() async throws {
        let s = try await PagesFixture.make("hostile-length", users: [])
        let api = try await token(s, "zjj.officer")
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let subject = String(repeating: "征", count: 1_600_000 / 3)
        let body = """
            {"agencyID": \(housing.id), "channel": "in_person", "arrivedOn": "2024-09-02", "registeredOn": "2024-09-02", "subject": "\(subject)",
             "description": "请提供", "applicant": {"kind": "natural_person", "name": "张三", "phone": "13800138000"}}
            """
        try await s.app.test(.router) { client in
            let started = ContinuousClock.now
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: api, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                let error = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])["error"] as? [String: Any]
                let problems = try #require(error?["problems"] as? [[String: Any]])
                #expect(problems.map { $0["field"] as? String } == ["subject"])
            }
            // Refused before any statement: a 1.6 MB subject once held a connection for 30 s.
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(try await s.pool.query("SELECT count(*) FROM applicants").single().decode(Int.self, at: 0) == 0)
        }
    }

    @Test func aSubjectThatLooksLikeAFormulaIsExportedAsText() async throws {
        let s = try await PagesFixture.make("hostile-csv", users: ["zjj.officer"])
        let api = try await token(s, "zjj.officer")
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        let formula = "=HYPERLINK(\\\"http://evil.example\\\",\\\"详情\\\")"
        let body = """
            {"agencyID": \(housing.id), "channel": "in_person", "arrivedOn": "2024-09-02", "registeredOn": "2024-09-02", "subject": "\(formula)",
             "description": "请提供", "applicant": {"kind": "natural_person", "name": "@张三", "phone": "13800138000"}}
            """
        try await s.app.test(.router) { client in
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: api, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
            }
            let cookie = try await signIn(client, "zjj.officer")
            try await client.execute(uri: "/cases.csv", method: .get, headers: [.cookie: cookie]) { response in
                let text = String(decoding: Array(response.body.readableBytesView).dropFirst(3), as: UTF8.self)
                let row = try #require(text.split(separator: "\r\n").dropFirst().first)
                #expect(row.contains(",\"'=HYPERLINK("))
                #expect(!row.contains(",=HYPERLINK") && !row.contains(",\"=HYPERLINK"))
            }
            // A filter that cannot be read is refused, not silently dropped into a full export.
            try await client.execute(uri: "/cases.csv?receivedFrom=0000-01-01", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
    }

    @Test func earlierCasesAreLookedUpByPostAndOnlySoOften() async throws {
        let s = try await PagesFixture.make("hostile-lookup", users: [])
        let api = try await token(s, "zjj.officer")
        try await s.app.test(.router) { client in
            try await client.execute(uri: "/api/v1/applicants/cases?idNumber=370103198001011233", method: .get, headers: api) { response in
                #expect(response.status == .notFound || response.status == .methodNotAllowed)
            }
            var statuses: [HTTPResponse.Status] = []
            for n in 0..<61 {
                let guess = #"{"idNumber": "3701031980010112\#(String(format: "%02d", n))"}"#
                statuses.append(try await client.execute(uri: "/api/v1/applicants/cases", method: .post, headers: api, body: ByteBuffer(string: guess)) { $0.status })
            }
            #expect(statuses.prefix(60).allSatisfy { $0 == .ok })
            #expect(statuses.last == .tooManyRequests)
            // Another officer's allowance is their own.
            let colleague = try await token(s, "qls.officer")
            try await client.execute(uri: "/api/v1/applicants/cases", method: .post, headers: colleague,
                                     body: ByteBuffer(string: #"{"name": "张三", "phone": "13800138000"}"#)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func everyResponseCarriesTheSecurityHeadersAndTheLogNoQuery() async throws {
        let lines = LogLines()
        let s = try await PagesFixture.make("hostile-headers", users: ["zjj.officer"], logger: Logger(label: "test") { _ in lines })
        try await s.app.test(.router) { client in
            let cookie = try await signIn(client, "zjj.officer")
            for (uri, cached) in [("/cases?q=370103198001011233", false), ("/api/v1/cases?q=370103198001011233", false), ("/login", false),
                                  ("/static/style.css", true), ("/no-such-page", false)] {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { response in
                    let csp = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(csp.contains("script-src 'self'") && !csp.contains("script-src 'self' 'unsafe-inline'"), "\(uri)")
                    #expect(csp.contains("frame-ancestors 'none'"), "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                    #expect((response.headers[.cacheControl] == "no-store") == !cached, "\(uri)")
                }
            }
        }
        let logged = lines.all.joined(separator: "\n")
        #expect(logged.contains("/cases"))
        #expect(!logged.contains("370103198001011233"))
    }
}

/// A log handler that keeps every line, to check what reaches the log. Each logger's copy has its
/// own metadata (a request's id is set on its own copy, concurrently with other requests'); the
/// lines are shared.
struct LogLines: LogHandler, Sendable {
    final class Lines: @unchecked Sendable {
        let lock = NSLock()
        var lines: [String] = []
    }
    let kept = Lines()
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var all: [String] { kept.lock.withLock { kept.lines } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let all = self.metadata.merging(metadata ?? [:]) { $1 }
        kept.lock.withLock { kept.lines.append("\(message) \(all)") }
    }
}
