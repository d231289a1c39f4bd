import ArgumentParser
import Foundation
import LibPQ
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What `bench service` loads: each endpoint as wrk sends it and how its logged SQL becomes a
/// pgbench script that can run again and again.
struct BenchEndpoint {
    enum Caller { case token, session }
    /// What its pgbench script needs: reads run as logged; an intake's and an event's
    /// generated values become variables (`BenchScripts`); an event takes the intakes' cases.
    enum Kind { case read, intake, event }

    var name: String
    var kind: Kind
    var path: String
    var caller: Caller
    var body: String?
    /// The case page and the list answer 99 % of requests within this at 64 connections (issue 16).
    var p99GoalMilliseconds: Double?

    var isWrite: Bool { kind != .read }
    var method: String { isWrite ? "POST" : "GET" }
    /// Reads at least 0.6 of pgbench's rate, writes 0.5 (issue 16).
    var ratioGoal: Double { isWrite ? 0.5 : 0.6 }

    /// Those whose names contain one of `only` (all when it is empty), with the intake when an
    /// event is chosen: the events are recorded on the cases the intake made.
    static func chosen(_ all: [BenchEndpoint], only: [String]) -> [BenchEndpoint] {
        guard !only.isEmpty else { return all }
        let named = Set(all.filter { e in only.contains { e.name.contains($0) } }.map(\.name))
        let needsIntake = all.contains { named.contains($0.name) && $0.kind == .event }
        return all.filter { named.contains($0.name) || (needsIntake && $0.kind == .intake) }
    }

    /// The fixed parts every request carries: Lua for wrk.
    func lua(token: String, session: String, eventTargets: String? = nil, threads: Int = 2) -> String {
        let auth = caller == .token ? "wrk.headers[\"Authorization\"] = \"Bearer \(token)\"" : "wrk.headers[\"Cookie\"] = \"dd_session=\(session)\""
        var lua = """
            wrk.method = "\(method)"
            \(auth)
            wrk.headers["Content-Type"] = "application/json"

            """
        if let body, eventTargets == nil { lua += "wrk.body = [==[\(body)]==]\n" }
        if let eventTargets {
            // Each thread takes its own share of the cases (every other one) and records an
            // event on the next of them at the version it has by then, one per case per round:
            // no two requests race for one case and none is refused as stale.
            lua += """
                local made = 0
                function setup(thread) thread:set("first", made); made = made + 1 end
                function init(args)
                  ids = {}
                  local all = {}
                  for line in io.lines("\(eventTargets)") do all[#all + 1] = line end
                  for k = first + 1, #all, \(threads) do ids[#ids + 1] = all[k] end
                  sent = 0
                end
                function request()
                  local id = ids[(sent % #ids) + 1]
                  local version = 1 + math.floor(sent / #ids)
                  sent = sent + 1
                  local body = string.gsub([==[\(body ?? "")]==], "EXPECTED_VERSION", tostring(version))
                  return wrk.format(nil, "/api/v1/cases/" .. id .. "/events", nil, body)
                end

                """
        }
        return lua
    }
}

/// Turns a logged request into a pgbench script that can run any number of times at once:
/// values the service generated (ids, the case number, versions) become pgbench variables.
enum BenchScripts {
    /// Reads are run as logged.
    static func read(_ statements: [LoggedStatement]) -> PgBenchScript { PgBenchScript(statements) }

    /// An intake: the applicant's id comes from the sequence as the service draws it, the case
    /// number from the counter the service increments, and the case's id from its INSERT.
    static func intake(_ statements: [LoggedStatement]) throws -> PgBenchScript {
        var script = PgBenchScript(statements)
        var caseID: String?
        for index in script.steps.indices {
            let sql = script.steps[index].statement.sql, parameters = script.steps[index].statement.parameters
            if sql.contains("nextval(pg_get_serial_sequence('applicants'") { script.steps[index].gset = "applicant_" }
            if sql.hasPrefix("WITH counter AS") { script.steps[index].gset = "counter_" }
            if sql.hasPrefix("INSERT INTO applicants"), let id = PgBenchScript.parameter(ofColumn: "id", in: sql) {
                script.steps[index].replacements[id] = ":applicant_nextval"
            }
            if sql.hasPrefix("INSERT INTO cases") {
                guard let applicant = PgBenchScript.parameter(ofColumn: "applicant_id", in: sql),
                      let number = PgBenchScript.parameter(ofColumn: "case_number", in: sql), number <= parameters.count,
                      let logged = parameters[number - 1] else { throw shapeChanged("the INSERT of the case") }
                script.steps[index].replacements[applicant] = ":applicant_nextval"
                // 市中区住建局依申〔2026〕第17939号: the last run of digits is the counter's number.
                let characters = Array(logged)
                guard let end = characters.lastIndex(where: { $0.isASCII && $0.isNumber }) else { throw shapeChanged("the case number") }
                var start = end
                while start > 0, characters[start - 1].isASCII, characters[start - 1].isNumber { start -= 1 }
                let prefix = String(characters[..<start]), tail = String(characters[(end + 1)...])
                script.steps[index].replacements[number] = "\(PgBenchScript.literal(prefix)) || :counter_last_number || \(PgBenchScript.literal(tail))"
                script.steps[index].gset = "case_"
                continue
            }
            if sql.hasPrefix("INSERT INTO case_events"), let id = PgBenchScript.parameter(ofColumn: "case_id", in: sql) {
                caseID = parameters[id - 1]
            }
            // After the INSERT: every parameter that is the new case's id.
            if let caseID {
                for (offset, value) in parameters.enumerated() where value == caseID { script.steps[index].replacements[offset + 1] = ":case_id" }
            }
        }
        guard script.steps.contains(where: { $0.gset == "applicant_" }), script.steps.contains(where: { $0.gset == "counter_" }),
              script.steps.contains(where: { $0.gset == "case_" }) else { throw shapeChanged("the intake") }
        return script
    }

    /// An event on cases `first` … `first + count - 1`, all at version 1 at the start: client c
    /// takes the cases c, c + clients, c + 2 × clients … in turn, its own share, one event per case
    /// per round, so a case's version goes up by one each round, as wrk's requests do.
    static func event(_ statements: [LoggedStatement], loggedCase: Int64, clients: Int) throws -> PgBenchScript {
        var script = PgBenchScript(statements)
        script.preamble = [
            "\\set i :i + 1",
            "\\set mine :count / \(clients)",
            "\\set case_id :first + :client_id + \(clients) * (:i % :mine)",
            "\\set version 1 + :i / :mine",
        ]
        var found = (seq: false, version: false)
        for index in script.steps.indices {
            let sql = script.steps[index].statement.sql
            for (offset, value) in script.steps[index].statement.parameters.enumerated() where value == String(loggedCase) {
                script.steps[index].replacements[offset + 1] = ":case_id"
            }
            if sql.hasPrefix("INSERT INTO case_events"), let seq = PgBenchScript.parameter(ofColumn: "seq", in: sql) {
                script.steps[index].replacements[seq] = ":version + 1"
                found.seq = true
            }
            if sql.hasPrefix("UPDATE cases"), let version = PgBenchScript.parameter(ofColumn: "version", in: sql) {
                script.steps[index].replacements[version] = ":version + 1"
                found.version = true
            }
        }
        guard found.seq, found.version else { throw shapeChanged("the event") }
        return script
    }

    static func shapeChanged(_ what: String) -> ValidationError {
        ValidationError("The service's SQL for \(what) no longer has the shape bench service rewrites for pgbench; update BenchScripts.")
    }
}

/// Single requests of `bench service` (wrk sends the load): as the officer, by token or session.
struct BenchHTTP {
    let token: String
    let session: String
    let http = URLSession(configuration: .ephemeral)

    func send(_ endpoint: BenchEndpoint, path: String, body: String?, port: Int) async throws -> Data {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = endpoint.method
        request.httpShouldHandleCookies = false
        switch endpoint.caller {
        case .token: request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        case .session: request.setValue("dd_session=\(session)", forHTTPHeaderField: "Cookie")
        }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        let (data, response) = try await http.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw ValidationError("\(endpoint.method) \(path) answered \(status): \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
        return data
    }

    /// Until `/health` answers 200 (the service migrates and reads its dictionaries first).
    func waitForHealth(_ port: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(180)
        while ContinuousClock.now < deadline {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/health")!)
            request.timeoutInterval = 2
            if let (_, response) = try? await http.data(for: request), (response as? HTTPURLResponse)?.statusCode == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ValidationError("The service on port \(port) did not answer /health within 3 minutes.")
    }
}
