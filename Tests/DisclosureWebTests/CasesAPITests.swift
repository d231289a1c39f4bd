import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Logging
import PostgresTestSupport
import Testing

@Suite struct CasesAPITests {
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Schema")

    struct Setup {
        let app: any ApplicationProtocol
        let directory: DemoDirectory
        let tokens: [String: String]
        /// The owner's pool, for looking at what was stored.
        let pool: ConnectionPool
        var housing: Agency { directory.agencies.first { $0.code == "szq-zjj" }! }
        var officer: User { directory.officers(of: housing.id)[0] }
        var supervisor: User { directory.supervisor(of: housing.id)! }
    }

    func setup(_ label: String, today: String = "2024-09-20") async throws -> Setup {
        let configuration = try await TestPostgres.freshDatabase(label)
        let pool = ConnectionPool(.init(connection: configuration, size: 2))
        try await Migrator(directory: Self.schema).migrate(pool)
        let directory = try await DemoDirectory.seed(pool)
        let day = LocalDate(iso: today)!
        let app = try await buildApplication(pool: servicePool(configuration), configuration: .init(port: 0, today: { day }), metrics: metricsRegistry,
                                             logger: quietLogger)
        var tokens: [String: String] = [:]
        for user in directory.users { tokens[user.username] = try await AccountStore(pool: pool).createAPIToken(for: user, name: "test") }
        return Setup(app: app, directory: directory, tokens: tokens, pool: pool)
    }

    func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    func headers(_ user: User, _ s: Setup) -> HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer " + s.tokens[user.username]!
        fields[.contentType] = "application/json"
        return fields
    }

    func intakeBody(_ agency: Int64, extra: String = "") -> String {
        """
        {"agencyID": \(agency), "channel": "registered_post", "arrivedOn": "2024-09-02", "registeredOn": "2024-09-02",
         "subject": "申请公开经七路片区旧城改造征收补偿方案", "description": "请提供该片区房屋征收补偿方案及区政府批准文件",
         "applicant": {"kind": "natural_person", "name": "张三", "idType": "身份证", "idNumber": "370103198001011233",
                       "phone": "13800138000", "address": "济南市市中区经七路1号"}\(extra)}
        """
    }

    /// Issue 16: every request wrote its token's last use; two tokens used at once deadlocked in
    /// the transactions the pool runs waiting statements in (200 requests: p50 6.2 s, 8 deadlocks).
    @Test func twoTokensUsedAtOnceNeitherDeadlockNorWait() async throws {
        let s = try await setup("api-two-tokens")
        let owner = s.pool
        let deadlocks: Query = "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"
        let before = try await owner.query(deadlocks).single().decode(Int.self, at: 0)
        // Both measured in one run of the application, whose pool closes when a run ends.
        let (oneToken, twoTokens) = try await s.app.test(.router) { client in
            // The median of 200 requests at once, sent with `tokens` in turn.
            func median(_ tokens: [User]) async throws -> Duration {
                try await withThrowingTaskGroup(of: Duration.self) { group in
                    for n in 0..<200 {
                        group.addTask {
                            let started = ContinuousClock.now
                            try await client.execute(uri: "/api/v1/cases", method: .get, headers: headers(tokens[n % tokens.count], s)) { response in
                                #expect(response.status == .ok)
                            }
                            return ContinuousClock.now - started
                        }
                    }
                    let durations = try await group.reduce(into: [Duration]()) { $0.append($1) }.sorted()
                    return durations[durations.count / 2]
                }
            }
            return (try await median([s.officer]), try await median([s.officer, s.supervisor]))
        }
        // Waiting on each other's rows took seconds (p50 6.2 s); a deadlock is found only after
        // deadlock_timeout (1 s). Judged beside the same requests with one token, measured in the
        // same run: on a machine busy with other suites both are slow alike (a median of 2.3 s once
        // failed a fixed bound); the deadlock counter below is exact.
        #expect(twoTokens < .seconds(1) || twoTokens < oneToken * 3, "two tokens \(twoTokens), one token \(oneToken)")
        // Statistics reach the view when each server process next reports, within a second or so.
        try await Task.sleep(for: .milliseconds(1500))
        #expect(try await owner.query(deadlocks).single().decode(Int.self, at: 0) == before)
    }

    /// Issue 16: a write that committed could be answered 503, and its retry registered the case
    /// twice. With an `Idempotency-Key` a retry is applied once and answered with the case.
    @Test func aWriteRetriedWithItsIdempotencyKeyIsAppliedOnce() async throws {
        let s = try await setup("api-idempotent")
        @Sendable func keyed(_ key: String) -> HTTPFields {
            var fields = headers(s.officer, s)
            fields[HTTPField.Name("Idempotency-Key")!] = key
            return fields
        }
        let cases: Query = "SELECT count(*) FROM cases"
        try await s.app.test(.router) { client in
            let body = ByteBuffer(string: intakeBody(s.housing.id))
            let first = try await client.execute(uri: "/api/v1/cases", method: .post, headers: keyed("intake-1"), body: body) { response in
                #expect(response.status == .created)
                #expect(response.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
                return try #require(try json(response.body)["id"] as? Int)
            }
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: keyed("intake-1"), body: body) { response in
                #expect(response.status == .created)
                #expect(response.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
                let id = try json(response.body)["id"] as? Int
                #expect(id == first)
            }
            #expect(try await s.pool.query(cases).single().decode(Int.self, at: 0) == 1)
            // The same key for another request is refused, and nothing is saved.
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: keyed("intake-1"),
                                     body: ByteBuffer(string: intakeBody(s.housing.id).replacingOccurrences(of: "旧城改造", with: "棚户区改造"))) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("idempotency_key_reused"))
            }
            // Sent five times at once: one case, five answers naming it.
            let ids = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        try await client.execute(uri: "/api/v1/cases", method: .post, headers: keyed("intake-2"), body: body) { response in
                            #expect(response.status == .created)
                            return try #require(try json(response.body)["id"] as? Int)
                        }
                    }
                }
                return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            }
            #expect(ids.count == 1 && !ids.contains(first))
            #expect(try await s.pool.query(cases).single().decode(Int.self, at: 0) == 2)
            // An event sent again is not refused as stale: it was applied once.
            let consult = #"{"kind": "start_consultation", "expectedVersion": 1, "on": "2024-09-09", "payload": {"party": "third_party", "name": "某置业有限公司", "matter": "补偿协议是否涉及商业秘密"}}"#
            for replayed in [false, true] {
                try await client.execute(uri: "/api/v1/cases/\(first)/events", method: .post, headers: keyed("event-1"), body: ByteBuffer(string: consult)) { response in
                    #expect(response.status == .created)
                    #expect((response.headers[HTTPField.Name("Idempotent-Replayed")!] == "true") == replayed)
                    let version = try json(response.body)["version"] as? Int
                    #expect(version == 2)
                }
            }
            // A key no client would send is refused by name.
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: keyed(String(repeating: "k", count: 300)), body: body) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("Idempotency-Key"))
            }
            #expect(try await s.pool.query(cases).single().decode(Int.self, at: 0) == 2)
        }
    }

    @Test func intakeThenEventsThroughTheAPI() async throws {
        let s = try await setup("api-flow")
        try await s.app.test(.router) { client in
            var id = 0
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: intakeBody(s.housing.id))) { response in
                #expect(response.status == .created)
                let body = try json(response.body)
                #expect(body["caseNumber"] as? String == "市中区住建局依申〔2024〕第0001号")
                #expect(body["state"] as? String == "registered")
                let ledger = try #require(body["ledger"] as? [String: Any])
                #expect(ledger["replyDue"] as? String == "2024-09-30")
                id = try #require(body["id"] as? Int)
                #expect(response.headers[.location] == "/api/v1/cases/\(id)")
            }
            let consult = #"{"kind": "start_consultation", "expectedVersion": 1, "on": "2024-09-09", "payload": {"party": "third_party", "name": "某置业有限公司", "matter": "补偿协议是否涉及商业秘密"}}"#
            try await client.execute(uri: "/api/v1/cases/\(id)/events", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: consult)) { response in
                #expect(response.status == .created)
                let body = try json(response.body)
                #expect(body["state"] as? String == "consulting")
                #expect((body["allowedEvents"] as? [String])?.contains("consultation_answered") == true)
            }
            let answer = #"{"kind": "consultation_answered", "expectedVersion": 2, "on": "2024-09-20", "payload": {"outcome": "consent"}}"#
            try await client.execute(uri: "/api/v1/cases/\(id)/events", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: answer)) { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: headers(s.officer, s)) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                let events = try #require(body["events"] as? [[String: Any]])
                #expect(events.map { $0["kind"] as? String } == ["register", "start_consultation", "consultation_answered"])
                let deadlines = try #require(body["deadlines"] as? [[String: Any]])
                // 5 working days used (09-03…09-09), 15 more after Friday 09-20, across National Day.
                #expect(deadlines.first { $0["kind"] as? String == "reply" }?["due"] as? String == "2024-10-16")
                let segments = try #require((body["ledger"] as? [String: Any])?["segments"] as? [[String: Any]])
                #expect(segments.map { $0["kind"] as? String } == ["running", "stopped", "running"])
                #expect((body["applicant"] as? [String: Any])?["idNumber"] as? String == "370103198001011233")
            }
        }
    }

    @Test func errorsSayWhatIsWrong() async throws {
        let s = try await setup("api-errors")
        try await s.app.test(.router) { client in
            try await client.execute(uri: "/api/v1/cases", method: .post, body: ByteBuffer(string: intakeBody(s.housing.id))) { response in
                #expect(response.status == .unauthorized)
            }
            let bad = intakeBody(s.housing.id).replacingOccurrences(of: "\"subject\": \"申请公开经七路片区旧城改造征收补偿方案\"", with: "\"subject\": \"\"")
                .replacingOccurrences(of: "\"phone\": \"13800138000\", \"address\": \"济南市市中区经七路1号\"", with: "\"phone\": \"\"")
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent)
                let problems = try #require((try json(response.body)["error"] as? [String: Any])?["problems"] as? [[String: String]])
                #expect(Set(problems.compactMap { $0["field"] }) == ["subject", "applicant.phone"])
            }
            let wrongChannel = intakeBody(s.housing.id).replacingOccurrences(of: "registered_post", with: "pigeon")
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: wrongChannel)) { response in
                #expect(response.status == .unprocessableContent)
                let text = String(buffer: response.body)
                #expect(text.contains("\"field\":\"channel\""))
                #expect(text.contains("registered_post"))
            }
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: "{not json")) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/cases/999999", method: .get, headers: headers(s.officer, s)) { response in
                #expect(response.status == .notFound)
            }
            var id = 0
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: intakeBody(s.housing.id))) { response in
                id = try #require(try json(response.body)["id"] as? Int)
            }
            let archive = #"{"kind": "archive", "expectedVersion": 1}"#
            try await client.execute(uri: "/api/v1/cases/\(id)/events", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: archive)) { response in
                #expect(response.status == .conflict)
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect(error["code"] as? String == "not_allowed")
                #expect((error["allowedEvents"] as? [String])?.contains("request_correction") == true)
            }
            let stale = #"{"kind": "withdraw", "expectedVersion": 7, "on": "2024-09-03"}"#
            try await client.execute(uri: "/api/v1/cases/\(id)/events", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: stale)) { response in
                #expect(response.status == .conflict)
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect(error["code"] as? String == "stale_version")
                #expect(error["currentVersion"] as? Int == 1)
            }
            let unknown = #"{"kind": "teleport", "expectedVersion": 1}"#
            try await client.execute(uri: "/api/v1/cases/\(id)/events", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: unknown)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("request_extension"))
            }
            let missing = #"{"kind": "request_extension", "expectedVersion": 1, "on": "2024-09-03", "payload": {"reason": "档案多"}}"#
            try await client.execute(uri: "/api/v1/cases/\(id)/events", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: missing)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("\"field\":\"payload.workingDays\""))
            }
            let extensionRequest = #"{"kind": "request_extension", "expectedVersion": 1, "on": "2024-09-03", "payload": {"workingDays": 10, "reason": "档案多"}}"#
            try await client.execute(uri: "/api/v1/cases/\(id)/events", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: extensionRequest)) { response in
                #expect(response.status == .created)
            }
            let approve = #"{"kind": "approve_extension", "expectedVersion": 2, "on": "2024-09-04"}"#
            try await client.execute(uri: "/api/v1/cases/\(id)/events", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: approve)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/cases/\(id)/events", method: .post, headers: headers(s.supervisor, s), body: ByteBuffer(string: approve)) { response in
                #expect(response.status == .created)
                let ledger = try json(response.body)["ledger"] as? [String: Any]
                #expect(ledger?["replyDue"] as? String == "2024-10-18")
            }
            // Nothing half-saved: only the three accepted events are in the history.
            try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: headers(s.officer, s)) { response in
                let events = try json(response.body)["events"] as? [Any]
                #expect(events?.count == 3)
            }
        }
    }

    @Test func theListTakesFiltersAndRefusesBadOnes() async throws {
        let s = try await setup("api-list", today: "2024-11-01")
        try await s.app.test(.router) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: intakeBody(s.housing.id))) { response in
                    #expect(response.status == .created)
                }
            }
            try await client.execute(uri: "/api/v1/cases?overdue=true&agency=\(s.housing.id)&pageSize=2&sort=number&order=asc", method: .get, headers: headers(s.officer, s)) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["total"] as? Int == 3)
                #expect((body["cases"] as? [[String: Any]])?.map { $0["caseNumber"] as? String } == ["市中区住建局依申〔2024〕第0001号", "市中区住建局依申〔2024〕第0002号"])
            }
            try await client.execute(uri: "/api/v1/cases?state=replied", method: .get, headers: headers(s.officer, s)) { response in
                let total = try json(response.body)["total"] as? Int
                #expect(total == 0)
            }
            try await client.execute(uri: "/api/v1/cases?state=lost&dueWithin=abc&receivedFrom=yesterday", method: .get, headers: headers(s.officer, s)) { response in
                #expect(response.status == .unprocessableContent)
                let problems = try #require((try json(response.body)["error"] as? [String: Any])?["problems"] as? [[String: String]])
                #expect(Set(problems.compactMap { $0["field"] }) == ["state", "dueWithin", "receivedFrom"])
            }
        }
    }

    /// On 2026-11-29 a window reaching 2027 is answered, the reply date marked provisional with
    /// its reason, and the ledger counted up to today (issue 12).
    @Test func todayTheClockIsTruthfulAndTheNextYearProvisional() async throws {
        let s = try await setup("api-today", today: "2026-11-29")
        try await s.app.test(.router) { client in
            let body = intakeBody(s.housing.id).replacingOccurrences(of: "2024-09-02", with: "2026-11-02")
            let id = try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
                return try #require(try json(response.body)["id"] as? Int)
            }
            let late = intakeBody(s.housing.id).replacingOccurrences(of: "2024-09-02", with: "2026-11-27")
            let lateID = try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: late)) { response in
                try #require(try json(response.body)["id"] as? Int)
            }
            let extend = #"{"kind": "request_extension", "expectedVersion": 1, "on": "2026-11-28", "payload": {"workingDays": 20, "reason": "档案量大"}}"#
            try await client.execute(uri: "/api/v1/cases/\(lateID)/events", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: extend)) { #expect($0.status == .created) }
            let approve = #"{"kind": "approve_extension", "expectedVersion": 2, "payload": {}}"#
            try await client.execute(uri: "/api/v1/cases/\(lateID)/events", method: .post, headers: headers(s.supervisor, s), body: ByteBuffer(string: approve)) { response in
                #expect(response.status == .created)
                let detail = try json(response.body)
                let reply = try #require((detail["deadlines"] as? [[String: Any]])?.first { $0["kind"] as? String == "reply" })
                #expect(reply["due"] as? String == "2027-01-25")
                #expect(reply["provisional"] as? Bool == true)
                #expect((reply["provisionalReason"] as? String)?.contains("2027年的放假安排尚未公布") == true)
                #expect((detail["ledger"] as? [String: Any])?["replyDueProvisional"] as? Bool == true)
            }

            // Received Monday 11-02, due Monday 11-30: on Sunday 11-29, 19 used, 1 left, due tomorrow.
            try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: headers(s.officer, s)) { response in
                let detail = try json(response.body)
                let ledger = try #require(detail["ledger"] as? [String: Any])
                #expect(ledger["used"] as? Int == 19 && ledger["remaining"] as? Int == 1)
                let segment = try #require((ledger["segments"] as? [[String: Any]])?.first)
                #expect(segment["workingDays"] as? Int == 19 && segment["through"] == nil)
                let reply = try #require((detail["deadlines"] as? [[String: Any]])?.first { $0["kind"] as? String == "reply" })
                #expect(reply["status"] as? String == "明天到期" && reply["workingDaysLeft"] as? Int == 1 && reply["provisional"] as? Bool == false)
            }
            for window in [25, 40, 250] {
                try await client.execute(uri: "/api/v1/cases?dueWithin=\(window)&sort=due&order=asc", method: .get, headers: headers(s.officer, s)) { response in
                    #expect(response.status == .ok, "dueWithin=\(window)")
                    let cases = try #require(try json(response.body)["cases"] as? [[String: Any]])
                    #expect(cases.first?["remainingWorkingDays"] as? Int == 1)
                    if window >= 40 {
                        #expect((cases.last?["provisional"] as? [String: Any])?["years"] as? [Int] == [2027])
                    }
                }
            }
        }
    }

    /// Dates outside 1949–2100 and system entries are refused in plain words; every error carries its Chinese.
    @Test func outOfRangeDatesAndSystemEntriesAreRefusedInBothLanguages() async throws {
        let s = try await setup("api-bounds", today: "2026-11-29")
        try await s.app.test(.router) { client in
            for query in ["receivedFrom=0000-01-01", "dueTo=2101-01-01", "page=9223372036854775807", "reportYear=99999&reportRow=received"] {
                try await client.execute(uri: "/api/v1/cases?\(query)", method: .get, headers: headers(s.officer, s)) { response in
                    #expect(response.status == .unprocessableContent, "\(query)")
                    let error = try #require(try json(response.body)["error"] as? [String: Any])
                    #expect((error["chinese"] as? String)?.isEmpty == false, "\(query)")
                }
            }
            try await client.execute(uri: "/api/v1/cases?receivedFrom=0000-01-01", method: .get, headers: headers(s.officer, s)) { response in
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect((error["chinese"] as? String)?.contains("1949年至2100年") == true)
            }
            let farIntake = intakeBody(s.housing.id).replacingOccurrences(of: "2024-09-02", with: "1900-01-01")
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: farIntake)) { response in
                #expect(response.status == .unprocessableContent)
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect((error["chinese"] as? String)?.contains("1949") == true)
            }
            let id = try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers(s.officer, s),
                                              body: ByteBuffer(string: intakeBody(s.housing.id).replacingOccurrences(of: "2024-09-02", with: "2026-11-02"))) { response in
                try #require(try json(response.body)["id"] as? Int)
            }
            let system = #"{"kind": "recompute_deadlines", "expectedVersion": 1, "payload": {"year": 2027, "notice": "x", "changes": []}}"#
            try await client.execute(uri: "/api/v1/cases/\(id)/events", method: .post, headers: headers(s.officer, s), body: ByteBuffer(string: system)) { response in
                #expect(response.status == .unprocessableContent)
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect((error["chinese"] as? String)?.contains("由系统") == true)
            }
            for (uri, user) in [("/api/v1/cases/999999", Optional(s.officer)), ("/api/v1/cases", nil)] {
                let fields = user.map { headers($0, s) } ?? [:]
                try await client.execute(uri: uri, method: .get, headers: fields) { response in
                    #expect(response.status == .notFound || response.status == .unauthorized)
                    let error = try #require(try json(response.body)["error"] as? [String: Any])
                    #expect((error["chinese"] as? String)?.isEmpty == false, "\(uri)")
                }
            }
        }
    }
}
