import ArgumentParser
import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LibPQ
import Logging
import Prometheus
import ServiceLifecycle

/// `disclosure bench admin`: each 管理 section's page as an administrator's browser gets it —
/// over HTTP from the real application (router, middleware, store, templates) as the service's
/// role — on a throwaway cluster with the demo district and a thousand more users, beside a
/// plain sequential scan of the users table and the read of every user the single page used to make.
struct BenchAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Time each 管理 section page with 1,000 users beside a scan of the users table.")

    @Option(help: "Users to add to the demo district's.") var users: Int = 1_000
    @Option(help: "Requests of each page; the median and the 95th percentile are printed.") var runs: Int = 40

    static let goalMilliseconds = 300.0

    func run() async throws {
        try await reportingFailures {
            try await onThrowawayCluster("bench-admin", durability: .throwaway) { cluster in try await measure(cluster) }
        }
    }

    func measure(_ cluster: LocalCluster) async throws {
        let owner = try await benchDatabase(cluster, poolSize: 2)
        let demo = try await DemoDirectory.seed(owner)
        let directory = DirectoryStore(pool: owner)
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"), given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂")
        for i in 0..<users {
            let agency = demo.agencies[i % demo.agencies.count]
            let name = String(surnames[i % surnames.count]) + String(given[(i / surnames.count) % given.count]) + String(given[(i * 7) % given.count])
            try await directory.addUser(username: "bench.user\(i)", name: name, role: .officer, agencyID: agency.id)
        }
        guard let admin = demo.users.first(where: { $0.role == .administrator }) else { throw ValidationError("The demo district has no administrator.") }
        let session = try await AccountStore(pool: owner).startSession(for: admin)
        let total = try await owner.query("SELECT count(*) FROM users").single().decode(Int.self, at: 0)
        try await owner.withConnection { try await $0.executeScript("VACUUM ANALYZE users") }

        let service = benchPool(cluster.connectionConfiguration(database: "bench").as(user: DatabaseTarget.serviceRole), size: 4)
        var logger = makeLogger("bench")
        if ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { logger.logLevel = .warning }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(pool: service, configuration: WebConfiguration(port: 0), metrics: PrometheusCollectorRegistry(),
                                             logger: logger, onServerRunning: { portContinuation.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ValidationError("The application did not start.") }
            let pages: [(String, String)] = [
                ("overview", "/admin"),
                ("users, page 1", "/admin/users"),
                ("users, last page", "/admin/users?page=\((total + DirectoryStore.userPageSize - 1) / DirectoryStore.userPageSize)"),
                ("users, search by agency", "/admin/users?q=" + (demo.agencies[1].shortName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")),
                ("users, search by name", "/admin/users?q=" + ("王".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")),
                ("agencies", "/admin/agencies"),
                ("letter templates", "/admin/templates"),
                ("library words", "/admin/words"),
                ("calendar", "/admin/calendar"),
            ]
            print("bench admin: \(total) users (\(users) added to the demo district's), \(demo.agencies.count) agencies; each page \(runs) times over HTTP "
                  + "from the application on 127.0.0.1 as an administrator (the service's role, row-level security on), after one warm-up request")
            let http = URLSession(configuration: .ephemeral)
            for (title, path) in pages {
                var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
                request.httpShouldHandleCookies = false
                request.setValue("dd_session=\(session.token)", forHTTPHeaderField: "Cookie")
                var times: [Double] = [], bytes = 0
                for run in 0...runs {
                    let start = ContinuousClock.now
                    let (body, response) = try await http.data(for: request)
                    let elapsed = (ContinuousClock.now - start).seconds * 1000
                    guard (response as? HTTPURLResponse)?.statusCode == 200 else {
                        throw ValidationError("\(path) answered \((response as? HTTPURLResponse)?.statusCode ?? 0)")
                    }
                    bytes = body.count
                    if run > 0 { times.append(elapsed) }
                }
                print(title.padding(toLength: 26, withPad: " ", startingAt: 0)
                      + String(format: "median %7.1f ms   p95 %7.1f ms   %6.1f KB   (goal: under %.0f ms)",
                               median(times), percentile95(times), Double(bytes) / 1024, Self.goalMilliseconds))
            }
            var scan: [Double] = [], every: [Double] = []
            for run in 0...runs {
                var start = ContinuousClock.now
                _ = try await owner.query("SELECT * FROM users")
                if run > 0 { scan.append((ContinuousClock.now - start).seconds * 1000) }
                start = ContinuousClock.now
                _ = try await directory.allUsers()
                if run > 0 { every.append((ContinuousClock.now - start).seconds * 1000) }
            }
            print(String(format: "reference: sequential scan of users (SELECT *)   median %7.2f ms   p95 %7.2f ms", median(scan), percentile95(scan)))
            print(String(format: "reference: every user with their grants, as the single page read them   median %7.2f ms   p95 %7.2f ms", median(every), percentile95(every)))
            // An error above cancels the group instead, which stops the application as well.
            await group.triggerGracefulShutdown()
        }
        await owner.close()
    }

    func percentile95(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
    }
}
