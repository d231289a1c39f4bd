import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LibPQ
import PostgresTestSupport
import Testing

/// Issue 16: `kill -9` of the service in the middle of concurrent intakes and events over HTTP,
/// twenty times. Every write answered 2xx is in the database afterwards, no case is half
/// written (its snapshot's version is its last event), and `disclosure verify` passes.
@Suite struct ServiceCrashTests {
    /// What the clients were told was written.
    actor Acknowledged {
        var intakes: [Int] = []
        var events: [Int] = []
        /// Answers that were neither a write nor the service going away, to say what went wrong.
        var refused: [String] = []
        func intake(_ id: Int) { intakes.append(id) }
        func refuse(_ answer: String) { if refused.count < 5 { refused.append(answer) } }
        func event(_ id: Int) { events.append(id) }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 5
        return URLSession(configuration: configuration)
    }()

    /// Sends `body` to `path`; the answer's status and JSON, or nil when the service is gone.
    static func post(_ port: Int, _ path: String, token: String, key: String, body: String) async -> (Int, [String: Any])? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(key, forHTTPHeaderField: "Idempotency-Key")
        guard let (data, response) = try? await session.data(for: request), let http = response as? HTTPURLResponse else { return nil }
        return (http.statusCode, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
    }

    @Test func acknowledgedWritesOutliveTwentyKillNines() async throws {
        let serve = ServeCommandTests()
        let database = try await TestPostgres.freshDatabase("crash")
        let url = database.url
        let (generated, log) = try CommandRun.run(["demo", "generate", "--cases", "1"], databaseURL: url)
        #expect(generated == 0, "\(log)")
        let (_, printed) = try CommandRun.run(["user", "token", "zjj.officer", "--name", "crash"], databaseURL: url)
        let token = printed.trimmingCharacters(in: .whitespacesAndNewlines)
        let owner = try await Connection.connect(database)
        defer { owner.close() }
        let agency = try await owner.query("SELECT id FROM agencies WHERE code = 'szq-zjj'").single().decode(Int.self, at: 0)
        let china = DateFormatter()
        china.dateFormat = "yyyy-MM-dd"
        china.timeZone = TimeZone(identifier: "Asia/Shanghai")
        let today = china.string(from: Date())
        let intake = """
            {"agencyID": \(agency), "channel": "in_person", "arrivedOn": "\(today)", "subject": "申请公开征收补偿方案",
             "description": "请提供该片区房屋征收补偿方案", "applicant": {"kind": "natural_person", "name": "张三", "phone": "13800138000"}}
            """
        let consult = #"{"kind": "start_consultation", "expectedVersion": 1, "payload": {"party": "third_party", "name": "某置业有限公司", "matter": "是否涉及商业秘密"}}"#
        let acknowledged = Acknowledged()

        for cycle in 1...20 {
            let port = serve.freePort()
            let run = try serve.start(["serve", "--port", String(port)], environment: ["DATABASE_URL": url])
            #expect(try await serve.waitForLine(run, containing: "running at") != nil, "cycle \(cycle): \(run.output)")
            // Eight clients registering a case and recording an event on it, again and again.
            let clients = Task {
                await withTaskGroup(of: Void.self) { group in
                    for client in 0..<8 {
                        group.addTask {
                            for n in 0... {
                                let key = "c\(cycle)-\(client)-\(n)"
                                guard let (status, body) = await Self.post(port, "/api/v1/cases", token: token, key: key + "-intake", body: intake) else { return }
                                guard status == 201, let id = body["id"] as? Int else { await acknowledged.refuse("\(status) \(body)"); continue }
                                await acknowledged.intake(id)
                                guard let (answered, _) = await Self.post(port, "/api/v1/cases/\(id)/events", token: token, key: key + "-event", body: consult) else { return }
                                if answered == 201 { await acknowledged.event(id) }
                            }
                        }
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...700)))
            kill(run.pid, SIGKILL)
            _ = ChildProcess.waitForExit(run.pid)
            await clients.value
        }

        let intakes = await acknowledged.intakes, events = await acknowledged.events, refused = await acknowledged.refused
        #expect(intakes.count >= 20, "\(refused)")
        print("kill -9 × 20: \(intakes.count) intakes and \(events.count) events acknowledged")
        // Every acknowledged case and event is there.
        let stored = Set(try await owner.query("SELECT id FROM cases WHERE id = ANY(\(intakes.map(Int64.init)))").map { try $0.decode(Int.self, at: 0) })
        #expect(stored == Set(intakes))
        let consulted = Set(try await owner.query("""
            SELECT case_id FROM case_events WHERE seq = 2 AND kind = 'start_consultation' AND case_id = ANY(\(events.map(Int64.init)))
            """).map { try $0.decode(Int.self, at: 0) })
        #expect(consulted == Set(events))
        // No case half written: each snapshot's version is its last event.
        let torn = try await owner.query("""
            SELECT count(*) FROM cases c WHERE c.version <> (SELECT max(seq) FROM case_events e WHERE e.case_id = c.id)
            """).single().decode(Int.self, at: 0)
        #expect(torn == 0)
        let (verified, report) = try CommandRun.run(["verify"], databaseURL: url)
        #expect(verified == 0, "\(report)")
        #expect(report.contains("every snapshot matches its history"))
    }
}
