import DisclosureCore
import DisclosureStore
import Hummingbird
import LibPQ
import Logging
import Prometheus

/// Where the web server listens.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The legal day deadlines count from; fixed in tests, China's date otherwise.
    public var today: @Sendable () -> LocalDate

    public init(host: String = "127.0.0.1", port: Int = 8080, today: @escaping @Sendable () -> LocalDate = { ChinaToday.now() }) {
        self.host = host
        self.port = port
        self.today = today
    }
}

/// The Hummingbird application: routes, middleware and the database pool it runs with. The
/// pool is started and drained by the application's service group, after the HTTP server stops.
public func buildApplication(
    pool: ConnectionPool,
    configuration: WebConfiguration,
    metrics: PrometheusCollectorRegistry,
    logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    HealthController(pool: pool).register(on: router)
    MetricsController(registry: metrics, pool: pool).register(on: router)
    let calendars = CalendarStore(pool: pool)
    CasesController(store: CaseStore(pool: pool, calendars: calendars), directory: DirectoryStore(pool: pool),
                    today: configuration.today).register(on: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: [pool],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}
