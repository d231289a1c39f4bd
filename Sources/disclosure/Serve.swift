import ArgumentParser
import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation
import Hummingbird
import LibPQ
import Logging
import Mail
import Metrics
import Prometheus
import ServiceLifecycle

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the web service (on the embedded PostgreSQL unless DATABASE_URL is set).")

    @Option(help: "Address to listen on (env HTTP_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (env HTTP_PORT; default 8080).")
    var port: Int?

    @Option(help: "Pretend today is this day (YYYY-MM-DD), for demonstrations and tests; default: today's date in China.", transform: parseDate)
    var today: LocalDate?

    @Option(help: "Minutes a session may stay unused before it ends (env SESSION_IDLE_MINUTES; default 30).")
    var sessionIdleMinutes: Int?

    @OptionGroup var database: DatabaseOptions

    func web() throws -> WebConfiguration {
        let environment = database.environment
        let host = host ?? environment["HTTP_HOST"] ?? "127.0.0.1"
        let port = try port ?? environment["HTTP_PORT"].map { text in
            guard let n = Int(text) else { throw ValidationError("HTTP_PORT must be a port number, not \"\(text)\".") }
            return n
        } ?? 8080
        guard (0...65535).contains(port) else { throw ValidationError("The port must be between 0 and 65535, not \(port).") }
        let idle = try sessionIdleMinutes ?? environment["SESSION_IDLE_MINUTES"].map { text in
            guard let n = Int(text), n > 0 else { throw ValidationError("SESSION_IDLE_MINUTES must be a positive number of minutes, not \"\(text)\".") }
            return n
        } ?? 30
        guard idle > 0 else { throw ValidationError("--session-idle-minutes must be positive, not \(idle).") }
        let fixed = today
        var web = WebConfiguration(host: host, port: port, today: { fixed ?? ChinaToday.now() },
                                   secureCookies: environment["SECURE_COOKIES"] == "1", sessionIdleTimeout: .seconds(idle * 60))
        if let url = environment["SMTP_URL"], !url.isEmpty {
            do { web.smtp = try SMTPConfiguration(url: url) } catch { throw ValidationError(error.description) }
        }
        web.deliversNotifications = environment["NOTIFICATIONS"] != "off"
        func limit(_ name: String) throws -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let n = Int(text), (1...1_000_000).contains(n) else { throw ValidationError("\(name) must be a whole number from 1 to 1000000, not \"\(text)\".") }
            return n
        }
        web.limitPortal(submissionsPerHour: try limit("PORTAL_SUBMISSIONS_PER_HOUR"), trackingPer15Minutes: try limit("PORTAL_TRACKING_PER_15_MINUTES"))
        return web
    }

    func run() async throws {
        let web = try web()
        try await reportingFailures {
            let logger = makeLogger("disclosure")
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            let migrator = try Migrator(directory: database.schemaDirectory)
            let poolSettings = try database.poolSettings()

            let target = try await database.target()
            logger.info("Database: \(target.description)")
            let pool = ConnectionPool(poolSettings.configuration(target.serviceConfiguration), logger: logger)
            let readPool = try database.readURL.map { ConnectionPool(poolSettings.configuration(try ConnectionConfiguration(url: $0)), logger: logger) }
            if readPool != nil { logger.info("Reads (case lists, library search) from the hot standby DATABASE_READ_URL names") }
            do {
                // Migrations and the upkeep at start run as the owner of the tables; the service
                // itself as a role that row-level security holds.
                let owner = ConnectionPool(poolSettings.configuration(target.configuration), logger: logger)
                do {
                    let applied = try await migrator.migrate(owner)
                    if !applied.isEmpty { logger.info("Applied migrations: \(applied.map(\.fileName).joined(separator: ", "))") }
                    if let rewritten = try await CaseStore(pool: owner, calendars: CalendarStore(pool: owner)).refreshSnapshotsIfOutdated() {
                        logger.info("Case snapshots recomputed for this version: \(rewritten) changed")
                    }
                    // The search dictionaries take a second or two to read: now, not on the first search.
                    SearchDictionary.warm()
                    try await LibraryStore(pool: owner).refreshTerms()
                    FreedMemory.returnToSystem()
                    await owner.close()
                } catch {
                    await owner.close()
                    throw error
                }
                if try await pool.query("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user").single().decode(Bool.self, at: 0) {
                    logger.warning("The service connects as a role that bypasses row-level security; set DATABASE_URL to the disclosure_service role and DATABASE_OWNER_URL to the owner (see the README).")
                }
                let app = try await buildApplication(
                    pool: pool, readPool: readPool, configuration: web, metrics: registry, logger: logger,
                    onServerRunning: { port in
                        let shown = web.host == "0.0.0.0" ? "127.0.0.1" : web.host
                        announce("Disclosure Desk is running at http://\(shown):\(port)/")
                    })
                let group = ServiceGroup(configuration: .init(
                    services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
                // The library's character pairs, which respelling pinyin and typos reads, in the
                // background while the service starts answering.
                let reading = Task {
                    do {
                        let library = LibraryStore(pool: pool)
                        let loaded = try await library.notePairs()
                        if loaded > 0 { logger.info("Search: the character pairs of \(loaded) entries loaded in bulk noted") }
                        let pairs = try await library.readCharacterPairs()
                        logger.info("Search: \(pairs) character pairs of the library read")
                    } catch {
                        logger.warning("Search: the library's character pairs could not be read yet (\(error)); the first search that respells reads them.")
                    }
                }
                do {
                    try await group.run()
                } catch {
                    // Its lines come before the failure's, which must be the last one printed.
                    reading.cancel()
                    _ = await reading.result
                    throw error
                }
                reading.cancel()
            } catch {
                await pool.close()
                try? await target.shutdown()
                throw error
            }
            try await target.shutdown()
            logger.info("Stopped")
        }
    }
}
