import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LibPQ

/// `disclosure bench service`: the whole service under load over HTTP — `disclosure serve` as
/// its own process on a copy of the database at hand, wrk at 64 connections — beside pgbench
/// running the very SQL each request sent (read from the server's log) with as many clients, in
/// the same run; with a hot standby streaming beside it and its lag sampled throughout.
struct BenchService: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "The service over HTTP under load (wrk) beside pgbench on the same SQL, on a copy of the database at hand, with a hot standby beside it.")

    @Option(help: "Concurrent connections of wrk and clients of pgbench.") var connections = 64
    @Option(help: "Seconds of each measurement.") var seconds = 20
    @Option(help: "For each read, runs of wrk and pgbench taken in turn; the median run of each is printed. A shared machine's pgbench varied by 1.7× between runs minutes apart.")
    var rounds = 3
    @Option(help: "Also write the table in Markdown to this file.") var markdown: String?
    @Flag(help: "Leave out the hot standby (and the lag figures).") var noStandby = false
    @Option(help: "Measure only the endpoints whose names contain this, e.g. \"list\" (repeatable); events bring the intake they record on.")
    var only: [String] = []
    @OptionGroup var database: DatabaseOptions

    static let scratch = "disclosure_bench"

    func validate() throws {
        guard (1...1000).contains(connections) else { throw ValidationError("--connections must be between 1 and 1000, not \(connections).") }
        guard (1...3600).contains(seconds) else { throw ValidationError("--seconds must be between 1 and 3600, not \(seconds).") }
        guard (1...9).contains(rounds) else { throw ValidationError("--rounds must be between 1 and 9, not \(rounds).") }
    }

    func run() async throws {
        try await reportingFailures {
            guard database.databaseURL == nil else {
                throw ValidationError("bench service copies the embedded database and starts a standby beside it; unset DATABASE_URL.")
            }
            _ = try Wrk.path()
            let target = try await database.target()
            guard let primary = target.embedded else { throw ValidationError("bench service needs the embedded database.") }
            let standby = noStandby ? nil : try LocalCluster(directory: database.dataDirectory.appendingPathComponent("standby"))
            do {
                try await measure(primary, standby: standby)
            } catch {
                try? await dropScratch(primary)
                try? await standby?.stop()
                try? await target.shutdown(onlyIfStartedHere: true)
                throw error
            }
            try await dropScratch(primary)
            try await standby?.stop()
            try await target.shutdown(onlyIfStartedHere: true)
        }
    }

    func measure(_ primary: LocalCluster, standby: LocalCluster?) async throws {
        let source = try await Connection.connect(primary.connectionConfiguration(database: DatabaseTarget.embeddedDatabaseName))
        let cases = try await source.query("SELECT count(*) FROM cases").single().decode(Int.self, at: 0)
        source.close()
        guard cases > 0 else { throw ValidationError("The database holds no cases; run `disclosure demo generate --cases 1000000` first.") }

        // The standby first: made from the database at hand alone, it then replays the copy.
        var started = ContinuousClock.now
        if let standby {
            var made = false
            if !FileManager.default.fileExists(atPath: standby.directory.appendingPathComponent("PG_VERSION").path) {
                try standby.makeStandby(of: primary)
                made = true
            }
            try await standby.start()
            if try await !ReplicationLag(primary: primary).standbyStreams(within: .seconds(30)) {
                guard !made else { throw ValidationError("The hot standby in \(standby.directory.path) does not stream from the primary; see its server.log.") }
                print("the hot standby in \(standby.directory.path) does not stream (the primary no longer holds the WAL it needs): made again")
                try await standby.stop()
                try FileManager.default.removeItem(at: standby.directory)
                try standby.makeStandby(of: primary)
                try await standby.start()
                guard try await ReplicationLag(primary: primary).standbyStreams(within: .seconds(30)) else {
                    throw ValidationError("The hot standby in \(standby.directory.path), made again, does not stream from the primary; see its server.log.")
                }
            }
            print(String(format: "hot standby in %@ streaming (ready in %.0f s)", standby.directory.path, (ContinuousClock.now - started).seconds))
        }

        // A copy, so that the writes measured here leave the database at hand as it was.
        started = ContinuousClock.now
        try await dropScratch(primary)
        let admin = try await Connection.connect(primary.connectionConfiguration())
        try await admin.executeScript("CREATE DATABASE \(Self.scratch) TEMPLATE \(DatabaseTarget.embeddedDatabaseName) STRATEGY FILE_COPY")
        admin.close()
        print(String(format: "bench service: %d cases copied to the scratch database %@ in %.0f s", cases, Self.scratch, (ContinuousClock.now - started).seconds))
        let owner = benchPool(primary.connectionConfiguration(database: Self.scratch), size: 2)
        do {
            try await measure(primary, owner: owner, cases: cases, standby: standby != nil)
        } catch {
            await owner.close()
            throw error
        }
        await owner.close()
    }

    /// Every endpoint over HTTP and by pgbench, on the scratch copy `owner` reaches.
    func measure(_ primary: LocalCluster, owner: ConnectionPool, cases: Int, standby: Bool) async throws {
        let demo = try await DemoDirectory.seed(owner)
        guard let officer = demo.users.first(where: { $0.username == "zjj.officer" }) ?? demo.users.first(where: { $0.role == .officer }) else {
            throw ValidationError("The database has no demo officer; run `disclosure demo generate` first.")
        }
        let accounts = AccountStore(pool: owner)
        let session = try await accounts.startSession(for: officer).token
        let token = try await accounts.createAPIToken(for: officer, name: "bench service")
        guard let caseID = try await owner.query("""
            SELECT id FROM cases WHERE officer_id = \(officer.id) AND state <> 'closed' ORDER BY version DESC, id DESC LIMIT 1
            """).first?.decode(Int64.self, at: 0) else { throw ValidationError("The demo officer handles no open case.") }
        let agency = officer.agencyID
        let filters = "agency=\(agency)&dueWithin=10&sort=due&order=asc"
        let intakeBody = """
            {"agencyID": \(agency), "channel": "registered_post", "arrivedOn": "\(ChinaToday.now())", "registeredOn": "\(ChinaToday.now())", "subject": "申请公开经七路片区旧城改造征收补偿方案",
             "description": "请提供该片区房屋征收补偿方案及区政府批准文件",
             "applicant": {"kind": "natural_person", "name": "张三", "idType": "身份证", "idNumber": "370103198001011233", "phone": "13800138000", "address": "济南市市中区经七路1号"}}
            """
        let eventBody = #"{"kind": "record_communication", "expectedVersion": EXPECTED_VERSION, "payload": {"method": "phone", "summary": "电话告知申请人已受理"}}"#
        let all = [
            BenchEndpoint(name: "case page, JSON", kind: .read, path: "/api/v1/cases/\(caseID)", caller: .token, p99GoalMilliseconds: 50),
            BenchEndpoint(name: "case page, HTML", kind: .read, path: "/cases/\(caseID)", caller: .session, p99GoalMilliseconds: 50),
            BenchEndpoint(name: "case list with filters, JSON", kind: .read, path: "/api/v1/cases?\(filters)", caller: .token, p99GoalMilliseconds: 50),
            BenchEndpoint(name: "case list with filters, HTML", kind: .read, path: "/cases?\(filters)", caller: .session, p99GoalMilliseconds: 50),
            BenchEndpoint(name: "dashboard, HTML", kind: .read, path: "/", caller: .session),
            BenchEndpoint(name: "intake, API", kind: .intake, path: "/api/v1/cases", caller: .token, body: intakeBody),
            BenchEndpoint(name: "event, API", kind: .event, path: "/api/v1/cases/{id}/events", caller: .token, body: eventBody),
        ]
        let endpoints = BenchEndpoint.chosen(all, only: only)
        guard !endpoints.isEmpty else { throw ValidationError("No endpoint's name contains \(only.joined(separator: " or ")): they are \(all.map(\.name).joined(separator: "; ")).") }
        let http = BenchHTTP(token: token, session: session)

        // 1. What each request runs, from the server's log, with a service started for that.
        let captured = try await capture(endpoints, primary: primary, http: http)

        // 2. The measurements, with the log back to normal.
        let service = try ServeProcess.start(database: database, cluster: primary, databaseName: Self.scratch)
        defer { service.stop() }
        try await http.waitForHealth(service.port)
        let lag = ReplicationLag(primary: primary)
        try await lag.waitForStandbys()
        var rows: [BenchServiceRow] = []
        let pgbench = PgBench(cluster: primary, database: Self.scratch, seconds: seconds)
        let wrk = Wrk(connections: connections, seconds: seconds)
        var wrkTargets: String?
        var pgbenchTargets: (first: Int64, count: Int)?
        func newestCase() async throws -> Int64 { try await owner.query("SELECT max(id) FROM cases").single().decode(Int64.self, at: 0) }
        for endpoint in endpoints {
            let url = "http://127.0.0.1:\(service.port)" + (endpoint.kind == .event ? "/" : endpoint.path)
            guard let statements = captured[endpoint.name] else { throw ValidationError("Nothing was logged for \(endpoint.name).") }
            if endpoint.kind == .read {
                _ = try Wrk(connections: connections, seconds: 2).run(url, lua: endpoint.lua(token: token, session: session))
            }
            if endpoint.kind == .read {
                let script = BenchScripts.read(statements.statements).text, clients = connections
                var http: [LoadFigures] = [], sql: [LoadFigures] = [], worst = ReplicationLag.Worst()
                for _ in 0..<rounds {
                    let overHTTP = try await lag.sampling { try wrk.run(url, lua: endpoint.lua(token: token, session: session)) }
                    let sameSQL = try await lag.sampling { try pgbench.measure(script: script, clients: clients, user: DatabaseTarget.serviceRole, variables: [:]) }
                    http.append(overHTTP.value)
                    sql.append(sameSQL.value)
                    worst = worst.worse(overHTTP.lag).worse(sameSQL.lag)
                }
                let row = BenchServiceRow(endpoint: endpoint, http: .median(of: http), pgbench: .median(of: sql),
                                          statements: statements.statements.count, lagBytes: worst.bytes, lagSeconds: worst.seconds)
                print(row.line)
                rows.append(row)
                continue
            }
            let before = endpoint.kind == .intake ? try await newestCase() : 0
            let lua = endpoint.lua(token: token, session: session, eventTargets: endpoint.kind == .event ? wrkTargets : nil)
            let overHTTP = try await lag.sampling { try wrk.run(url, lua: lua) }
            let script: PgBenchScript, variables: [String: String]
            switch endpoint.kind {
            case .read: continue
            case .intake:
                let ids = try await owner.query("SELECT id FROM cases WHERE id > \(before) AND version = 1 ORDER BY id").map { try $0.decode(Int64.self, at: 0) }
                let file = NSTemporaryDirectory() + "bench-service-cases-\(getpid()).txt"
                try ids.map(String.init).joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
                wrkTargets = file
                (script, variables) = (try BenchScripts.intake(statements.statements), [:])
            case .event:
                guard let targets = pgbenchTargets, let logged = statements.caseID else { throw ValidationError("The intake measured no cases for the events.") }
                script = try BenchScripts.event(statements.statements, loggedCase: logged, clients: connections)
                variables = ["i": "-1", "first": String(targets.first), "count": String(targets.count)]
            }
            let pgbenchBefore = endpoint.kind == .intake ? try await newestCase() : 0
            let text = script.text, clients = connections
            let sameSQL = try await lag.sampling {
                try pgbench.measure(script: text, clients: clients, user: DatabaseTarget.serviceRole, variables: variables)
            }
            if endpoint.kind == .intake {
                let made = try await owner.query("""
                    SELECT coalesce(min(id), 0), count(*)::int8, coalesce(max(id) - min(id) + 1, 0), coalesce(bool_and(version = 1), false)
                    FROM cases WHERE id > \(pgbenchBefore)
                    """).single()
                let (first, count, span, fresh) = (try made.decode(Int64.self, at: 0), try made.decode(Int64.self, at: 1), try made.decode(Int64.self, at: 2), try made.decode(Bool.self, at: 3))
                guard count > Int64(connections), count == span, fresh else {
                    throw ValidationError("pgbench's intakes did not make a run of new cases to record events on (\(count) cases over \(span) ids).")
                }
                pgbenchTargets = (first, Int(count))
            }
            let row = BenchServiceRow(endpoint: endpoint, http: overHTTP.value, pgbench: sameSQL.value,
                                      statements: statements.statements.count, lagBytes: max(overHTTP.lag.bytes, sameSQL.lag.bytes),
                                      lagSeconds: max(overHTTP.lag.seconds, sameSQL.lag.seconds))
            print(row.line)
            rows.append(row)
        }
        let peak = try service.peakResidentMegabytes()
        service.stop()
        print(String(format: "service's peak resident memory (VmHWM) %.0f MB   (goal ≤ 150 MB)", peak))
        if standby {
            let worst = rows.max { $0.lagBytes < $1.lagBytes }
            print(String(format: "hot standby's replay lag under load: at most %.1f MB of WAL, %.3f s (%@)",
                         Double(worst?.lagBytes ?? 0) / 1_048_576, rows.map(\.lagSeconds).max() ?? 0, worst?.name ?? "-"))
        }
        if let markdown {
            try BenchServiceRow.markdown(rows, cases: cases, connections: connections, seconds: seconds, rounds: rounds, peakMegabytes: peak, standby: standby)
                .write(toFile: markdown, atomically: true, encoding: .utf8)
        }
        if let wrkTargets { try? FileManager.default.removeItem(atPath: wrkTargets) }
    }

    /// Each endpoint requested once to warm it up and once with every statement of the service's
    /// role logged; the intake's case then takes the logged event.
    func capture(_ endpoints: [BenchEndpoint], primary: LocalCluster, http: BenchHTTP) async throws -> [String: CapturedRequest] {
        let admin = try await Connection.connect(primary.connectionConfiguration())
        defer { admin.close() }
        // Settings of the role in this database reach the service's connections as they open.
        try await admin.executeScript("""
            ALTER ROLE \(DatabaseTarget.serviceRole) IN DATABASE \(Self.scratch) SET log_min_duration_statement = 0;
            ALTER ROLE \(DatabaseTarget.serviceRole) IN DATABASE \(Self.scratch) SET log_min_messages = log
            """)
        let service = try ServeProcess.start(database: database, cluster: primary, databaseName: Self.scratch)
        func finish() async throws {
            service.stop()
            try await admin.executeScript("ALTER ROLE \(DatabaseTarget.serviceRole) IN DATABASE \(Self.scratch) RESET ALL")
        }
        var captured: [String: CapturedRequest] = [:]
        do {
            try await http.waitForHealth(service.port)
            var intakeCase: Int64?
            for endpoint in endpoints {
                var path = endpoint.path, body = endpoint.body
                if endpoint.kind == .event {
                    guard let intakeCase else { throw ValidationError("The intake made no case for the event.") }
                    path = path.replacingOccurrences(of: "{id}", with: String(intakeCase))
                    body = body?.replacingOccurrences(of: "EXPECTED_VERSION", with: "1")
                }
                if endpoint.kind == .read { _ = try await http.send(endpoint, path: path, body: body, port: service.port) }
                var answer = Data()
                let statements = try await ServerLog.statements(of: primary, what: endpoint.name) {
                    answer = try await http.send(endpoint, path: path, body: body, port: service.port)
                }
                let id = (try? JSONSerialization.jsonObject(with: answer) as? [String: Any])?["id"] as? Int
                if endpoint.kind == .intake { intakeCase = id.map(Int64.init) }
                captured[endpoint.name] = CapturedRequest(statements: statements, caseID: endpoint.kind == .event ? intakeCase : nil)
            }
        } catch {
            try? await finish()
            throw error
        }
        try await finish()
        return captured
    }

    func dropScratch(_ primary: LocalCluster) async throws {
        let admin = try await Connection.connect(primary.connectionConfiguration())
        defer { admin.close() }
        try await admin.executeScript("DROP DATABASE IF EXISTS \(Self.scratch) WITH (FORCE)")
    }
}

/// The statements one request ran, and for an event the case it was recorded on.
struct CapturedRequest {
    var statements: [LoggedStatement]
    var caseID: Int64?
}
