import ArgumentParser
import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LibPQ

/// `disclosure bench portal` (issue 17): submissions through the public portal and tracking-page
/// reads per second over HTTP (wrk), each beside pgbench running the statements that request
/// sent (read from the server's log) with as many clients, on a copy of the database at hand.
struct BenchPortal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "Portal submissions and tracking pages per second over HTTP (wrk) beside pgbench on the same SQL, on a copy of the database at hand.")

    @Option(help: "Concurrent connections of wrk and clients of pgbench.") var connections = 32
    @Option(help: "Seconds of each measurement.") var seconds = 10
    @OptionGroup var database: DatabaseOptions

    static let scratch = "disclosure_bench_portal"
    static let boundary = "----bench-portal-boundary"

    func validate() throws {
        guard (1...1000).contains(connections) else { throw ValidationError("--connections must be between 1 and 1000, not \(connections).") }
        guard (1...3600).contains(seconds) else { throw ValidationError("--seconds must be between 1 and 3600, not \(seconds).") }
    }

    func run() async throws {
        try await reportingFailures {
            guard database.databaseURL == nil else { throw ValidationError("bench portal copies the embedded database; unset DATABASE_URL.") }
            _ = try Wrk.path()
            let target = try await database.target()
            guard let primary = target.embedded else { throw ValidationError("bench portal needs the embedded database.") }
            do {
                try await measure(primary)
            } catch {
                try? await drop(primary)
                try? await target.shutdown(onlyIfStartedHere: true)
                throw error
            }
            try await drop(primary)
            try await target.shutdown(onlyIfStartedHere: true)
        }
    }

    func drop(_ primary: LocalCluster) async throws {
        let admin = try await Connection.connect(primary.connectionConfiguration())
        defer { admin.close() }
        try await admin.executeScript("DROP DATABASE IF EXISTS \(Self.scratch) WITH (FORCE)")
    }

    func measure(_ primary: LocalCluster) async throws {
        try await drop(primary)
        let admin = try await Connection.connect(primary.connectionConfiguration())
        try await admin.executeScript("CREATE DATABASE \(Self.scratch) TEMPLATE \(DatabaseTarget.embeddedDatabaseName) STRATEGY FILE_COPY")
        let owner = benchPool(primary.connectionConfiguration(database: Self.scratch), size: 2)
        defer { admin.close() }
        // The copy is brought to this version's schema, as `serve` would bring the database.
        _ = try await Migrator(directory: database.schemaDirectory).migrate(owner)
        let cases = try await owner.query("SELECT count(*) FROM cases").single().decode(Int.self, at: 0)
        let demo = try await DemoDirectory.seed(owner)
        guard let agency = demo.agencies.first(where: { $0.code == "szq-zjj" }) ?? demo.agencies.first,
              let officer = demo.users.first(where: { $0.agencyID == agency.id && $0.role == .officer }) else {
            throw ValidationError("The database has no demo agency with an officer; run `disclosure demo generate` first.")
        }

        // One applicant's tracking page: a submission confirmed as a case, and its session.
        let portal = PortalStore(pool: owner, cases: CaseStore(pool: owner, calendars: CalendarStore(pool: owner)))
        var generator = SystemRandomNumberGenerator()
        let today = ChinaToday.now(), password = TrackingPassword.make(using: &generator)
        let code = ReceiptCode.make(on: today, using: &generator)
        let application = Self.application(agency: agency.id)
        let submission = try await portal.submit(application, attachments: [], code: code, passwordHash: await PasswordHasher.hash(password, cost: PasswordHasher.trackingPasswordCost),
                                                 submittedOn: today, address: "bench")
        _ = try await portal.confirm(submission, by: officer.actor, today: today, scope: .everything(reason: "bench portal"))
        guard let tracked = try await portal.submission(code: code) else { throw ValidationError("The submission made for the benchmark is not found.") }
        let token = "bench-portal-session-" + TrackingPassword.make(using: &generator)
        try await portal.startSession(for: tracked, token: token, csrf: "bench-portal-csrf-0123")
        print("bench portal: \(cases) cases copied to the scratch database \(Self.scratch); one confirmed submission tracked")

        // What one request of each runs, from the server's log.
        try await admin.executeScript("""
            ALTER ROLE \(DatabaseTarget.serviceRole) IN DATABASE \(Self.scratch) SET log_min_duration_statement = 0;
            ALTER ROLE \(DatabaseTarget.serviceRole) IN DATABASE \(Self.scratch) SET log_min_messages = log
            """)
        let limits = ["PORTAL_SUBMISSIONS_PER_HOUR": "1000000", "PORTAL_TRACKING_PER_15_MINUTES": "1000000"]
        var service = try ServeProcess.start(database: database, cluster: primary, databaseName: Self.scratch, environment: limits)
        let client = PortalClient()
        let (trackingSQL, submitSQL, submittedCode): ([LoggedStatement], [LoggedStatement], String)
        do {
            try await client.waitForHealth(service.port)
            _ = try await client.status(port: service.port, token: token)
            trackingSQL = try await ServerLog.statements(of: primary, what: "the tracking page") { _ = try await client.status(port: service.port, token: token) }
            var code = ""
            submitSQL = try await ServerLog.statements(of: primary, what: "a portal submission") { code = try await client.submit(port: service.port, body: Self.body) }
            submittedCode = code
        } catch {
            service.stop()
            try await admin.executeScript("ALTER ROLE \(DatabaseTarget.serviceRole) IN DATABASE \(Self.scratch) RESET ALL")
            throw error
        }
        service.stop()
        try await admin.executeScript("ALTER ROLE \(DatabaseTarget.serviceRole) IN DATABASE \(Self.scratch) RESET ALL")

        // Under load.
        service = try ServeProcess.start(database: database, cluster: primary, databaseName: Self.scratch, environment: limits)
        defer { service.stop() }
        try await client.waitForHealth(service.port)
        let wrk = Wrk(connections: connections, seconds: seconds), pgbench = PgBench(cluster: primary, database: Self.scratch, seconds: seconds)
        let base = "http://127.0.0.1:\(service.port)"

        let before = try await owner.query("SELECT count(*) FROM portal_submissions").single().decode(Int.self, at: 0)
        let started = ContinuousClock.now
        let submitHTTP = try wrk.run(base + "/apply", lua: Self.submitLua)
        let elapsed = (ContinuousClock.now - started).seconds
        let made = try await owner.query("SELECT count(*) FROM portal_submissions").single().decode(Int.self, at: 0) - before
        let submitSQLFigures = try pgbench.measure(script: try Self.submissionScript(submitSQL, code: submittedCode).text, clients: connections,
                                                   user: DatabaseTarget.serviceRole, variables: ["i": "-1"])
        let trackHTTP = try wrk.run(base + "/apply/status", lua: "wrk.headers[\"Cookie\"] = \"\(PortalCookie.name)=\(token)\"\n")
        let trackSQLFigures = try pgbench.measure(script: PgBenchScript(trackingSQL).text, clients: connections, user: DatabaseTarget.serviceRole)
        let peak = try service.peakResidentMegabytes()

        let submissions = Double(made) / elapsed
        print(String(format: "portal submission   HTTP %7.1f submissions/s (%5.0f requests/s, form and submission, p50 %6.1f ms p99 %6.1f ms)   pgbench (%2d statements) %7.0f/s p50 %6.1f ms p99 %6.1f ms   ratio %.2f",
                     submissions, submitHTTP.perSecond, submitHTTP.p50Milliseconds, submitHTTP.p99Milliseconds, submitSQL.count,
                     submitSQLFigures.perSecond, submitSQLFigures.p50Milliseconds, submitSQLFigures.p99Milliseconds, submissions / submitSQLFigures.perSecond)
              + (submitHTTP.failures > 0 ? "   \(submitHTTP.failures) requests failed (\(submitHTTP.failureKinds))" : ""))
        print(String(format: "tracking page       HTTP %7.0f/s p50 %6.1f ms p99 %6.1f ms   pgbench (%2d statements) %7.0f/s p50 %6.1f ms p99 %6.1f ms   ratio %.2f",
                     trackHTTP.perSecond, trackHTTP.p50Milliseconds, trackHTTP.p99Milliseconds, trackingSQL.count,
                     trackSQLFigures.perSecond, trackSQLFigures.p50Milliseconds, trackSQLFigures.p99Milliseconds, trackHTTP.perSecond / trackSQLFigures.perSecond)
              + (trackHTTP.failures > 0 ? "   \(trackHTTP.failures) requests failed (\(trackHTTP.failureKinds))" : ""))
        print(String(format: "service's peak resident memory (VmHWM) %.0f MB; %d connections, %d s each; a submission's bcrypt hash of its tracking password (cost %d) is the service's work pgbench does not do", peak, connections, seconds, Int(PasswordHasher.trackingPasswordCost)))
        await owner.close()
    }

    static func application(agency: Int64) -> PortalApplication {
        PortalApplication(agencyID: agency, applicant: Applicant(kind: .naturalPerson, name: "张三", idType: "身份证", idNumber: "370103198001011233",
                                                                 phone: "13800138000", email: "zhang@example.com"),
                          subject: "经七路片区征收补偿方案", description: "2026年经七路片区房屋征收补偿方案及批准文件", formWanted: .electronic, deliveryWanted: .platform)
    }

    /// The form's fields; the question's token and answer are added per request.
    static var body: String {
        let fields = [("agencyID", "AGENCY"), ("kind", "natural_person"), ("name", "张三"), ("idType", "身份证"), ("idNumber", "370103198001011233"),
                      ("phone", "13800138000"), ("email", "zhang@example.com"), ("subject", "经七路片区征收补偿方案"),
                      ("description", "2026年经七路片区房屋征收补偿方案及批准文件"), ("formWanted", "electronic"), ("deliveryWanted", "platform")]
        return fields.map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }.joined()
    }

    /// wrk alternates the form (GET /apply, whose question it answers) and the submission
    /// (POST /apply with that answer), on any of its connections.
    static var submitLua: String {
        """
        local numerals = { ["一"] = 1, ["二"] = 2, ["三"] = 3, ["四"] = 4, ["五"] = 5, ["六"] = 6, ["七"] = 7, ["八"] = 8, ["九"] = 9 }
        local solved = {}
        local fields = "\(luaQuoted(body))"
        function response(status, headers, body)
          if status ~= 200 or body == nil then return end
          local token = string.match(body, 'name="challengeToken" value="(%w+)"')
          local a, b = string.match(body, '<label for="challengeAnswer">(.-)加(.-)等于')
          local agency = string.match(body, '<option value="(%d+)">济南市市中区住房和城乡建设局</option>') or string.match(body, '<option value="(%d+)">')
          if token and a and b and agency and numerals[a] and numerals[b] then
            solved[#solved + 1] = { token = token, answer = numerals[a] + numerals[b], agency = agency }
          end
        end
        function request()
          local next = table.remove(solved)
          if next == nil then return wrk.format("GET", "/apply") end
          local body = string.gsub(fields, "AGENCY", next.agency)
            .. "--\(boundary)\\r\\nContent-Disposition: form-data; name=\\"challengeToken\\"\\r\\n\\r\\n" .. next.token .. "\\r\\n"
            .. "--\(boundary)\\r\\nContent-Disposition: form-data; name=\\"challengeAnswer\\"\\r\\n\\r\\n" .. next.answer .. "\\r\\n"
            .. "--\(boundary)--\\r\\n"
          return wrk.format("POST", "/apply", { ["Content-Type"] = "multipart/form-data; boundary=\(boundary)" }, body)
        end
        """
    }

    /// `text` inside a Lua double-quoted string: a long bracket string would turn each CRLF,
    /// which multipart needs, into a bare newline.
    static func luaQuoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// The form and a submission as pgbench runs them again and again: the question's token and
    /// the receipt code are unique in their tables, so each run draws its own (per client, in turn).
    static func submissionScript(_ statements: [LoggedStatement], code: String) throws -> PgBenchScript {
        var script = PgBenchScript(statements)
        script.preamble = ["\\set i :i + 1"]
        let alphabet = "'23456789ABCDEFGHJKMNPQRSTUVWXYZ'"
        let tail = (0..<6).map { "substr(\(alphabet), ((:i::bigint / \(Int(pow(31.0, Double($0))))) % 31)::int + 1, 1)" }.joined(separator: " || ")
        let unique = "(to_char(date '2001-01-01' + :client_id::int, 'YYYYMMDD') || '-' || \(tail))"
        var found = (token: false, code: false)
        for index in script.steps.indices {
            let sql = script.steps[index].statement.sql
            if sql.hasPrefix("INSERT INTO portal_challenges"), let token = PgBenchScript.parameter(ofColumn: "token", in: sql) {
                script.steps[index].replacements[token] = "md5(random()::text)"
                found.token = true
            }
            for (offset, value) in script.steps[index].statement.parameters.enumerated() where value == code {
                script.steps[index].replacements[offset + 1] = unique
                found.code = true
            }
        }
        guard found.token, found.code else { throw ValidationError("The portal's SQL no longer has the shape bench portal rewrites for pgbench; update BenchPortal.submissionScript.") }
        return script
    }
}

/// Single requests to the portal while the statements are logged.
struct PortalClient {
    let http = URLSession(configuration: .ephemeral)

    func waitForHealth(_ port: Int) async throws {
        try await BenchHTTP(token: "", session: "").waitForHealth(port)
    }

    func status(port: Int, token: String) async throws -> String {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/apply/status")!)
        request.httpShouldHandleCookies = false
        request.setValue("\(PortalCookie.name)=\(token)", forHTTPHeaderField: "Cookie")
        let (data, response) = try await http.data(for: request)
        let page = String(decoding: data, as: UTF8.self)
        guard (response as? HTTPURLResponse)?.statusCode == 200, page.contains("办理进度") else {
            throw ValidationError("The tracking page did not open for the benchmark's session: \(page.prefix(300))")
        }
        return page
    }

    /// Fills in the form once as wrk does; the receipt code it got.
    func submit(port: Int, body: String) async throws -> String {
        let (formData, _) = try await http.data(from: URL(string: "http://127.0.0.1:\(port)/apply")!)
        let form = String(decoding: formData, as: UTF8.self)
        let numerals: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        guard let tokenStart = form.range(of: "name=\"challengeToken\" value=\"")?.upperBound,
              let labelStart = form.range(of: "<label for=\"challengeAnswer\">")?.upperBound,
              let agencyEnd = form.range(of: "\">济南市市中区住房和城乡建设局</option>")?.lowerBound else {
            throw ValidationError("The portal's form no longer has the shape bench portal reads.")
        }
        let token = String(form[tokenStart...].prefix { $0 != "\"" })
        let question = Array(form[labelStart...].prefix { $0 != "<" })
        let agency = String(form[..<agencyEnd].reversed().prefix { $0 != "\"" }.reversed())
        guard question.count > 2, let a = numerals[question[0]], let b = numerals[question[2]] else { throw ValidationError("The portal's question could not be read.") }
        var text = body.replacingOccurrences(of: "AGENCY", with: agency)
        text += "--\(BenchPortal.boundary)\r\nContent-Disposition: form-data; name=\"challengeToken\"\r\n\r\n\(token)\r\n"
        text += "--\(BenchPortal.boundary)\r\nContent-Disposition: form-data; name=\"challengeAnswer\"\r\n\r\n\(a + b)\r\n--\(BenchPortal.boundary)--\r\n"
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/apply")!)
        request.httpMethod = "POST"
        request.setValue("multipart/form-data; boundary=\(BenchPortal.boundary)", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(text.utf8)
        let (data, _) = try await http.data(for: request)
        let page = String(decoding: data, as: UTF8.self)
        guard let start = page.range(of: "<strong id=\"receipt-code\">")?.upperBound else {
            throw ValidationError("The benchmark's submission was refused: \(page.prefix(400))")
        }
        return String(page[start...].prefix { $0 != "<" })
    }
}
