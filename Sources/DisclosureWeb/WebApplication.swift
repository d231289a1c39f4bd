import DisclosureCore
import DisclosureStore
import Hummingbird
import LibPQ
import Logging
import Mail
import ServiceLifecycle
import Prometheus

/// Where the web server listens.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The legal day deadlines count from; fixed in tests, China's date otherwise.
    public var today: @Sendable () -> LocalDate
    /// Session cookies only over HTTPS (set when a TLS proxy is in front).
    public var secureCookies: Bool
    /// A session unused for this long ends.
    public var sessionIdleTimeout: Duration
    /// Where sign-ins and password changes are recorded; nil: `AccountEventLog.standard(pool:)`.
    public var accountEvents: AccountEventLog?
    /// What one address may do in the public portal.
    var portalLimits = PortalLimits()

    /// Submissions an hour and tracking attempts in 15 minutes that one address may make in the
    /// portal (`PORTAL_SUBMISSIONS_PER_HOUR`, `PORTAL_TRACKING_PER_15_MINUTES`): an office
    /// whose applicants share one address, or a benchmark, needs more than the defaults.
    public mutating func limitPortal(submissionsPerHour: Int?, trackingPer15Minutes: Int?) {
        if let submissionsPerHour { portalLimits.submissionsPerAddress = submissionsPerHour }
        if let trackingPer15Minutes { portalLimits.trackingPerAddress = trackingPer15Minutes }
    }
    /// Where e-mail notifications go (`SMTP_URL`); nil: they wait in the outbox.
    public var smtp: SMTPConfiguration?
    /// Where text messages go.
    public var sms: (any SMSSender)?
    /// Whether this process delivers notifications and writes the morning reminders.
    public var deliversNotifications = false

    public init(host: String = "127.0.0.1", port: Int = 8080, today: @escaping @Sendable () -> LocalDate = { ChinaToday.now() },
                secureCookies: Bool = false, sessionIdleTimeout: Duration = .seconds(30 * 60), accountEvents: AccountEventLog? = nil) {
        self.host = host
        self.port = port
        self.today = today
        self.secureCookies = secureCookies
        self.sessionIdleTimeout = sessionIdleTimeout
        self.accountEvents = accountEvents
    }
}

/// The Hummingbird application: routes, middleware and the database pool it runs with. The
/// pool is started and drained by the application's service group, after the HTTP server stops.
public func buildApplication(
    pool: ConnectionPool,
    readPool: ConnectionPool? = nil,
    configuration: WebConfiguration,
    metrics: PrometheusCollectorRegistry,
    logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    Application(
        router: try await buildRouter(pool: pool, readPool: readPool, configuration: configuration, metrics: metrics),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: [pool] + (readPool.map { [$0] } ?? []) + notificationWorker(pool: pool, configuration: configuration, logger: logger),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

/// The worker that delivers the outbox, when this process is to run one.
func notificationWorker(pool: ConnectionPool, configuration: WebConfiguration, logger: Logger) -> [any Service] {
    guard configuration.deliversNotifications else { return [] }
    return [NotificationWorker(store: NotificationStore(pool: pool), calendars: CalendarStore(pool: pool),
                               smtp: configuration.smtp.map { SMTPClient(configuration: $0) }, sms: configuration.sms ?? LoggingSMSSender(logger: logger),
                               logger: logger, today: configuration.today)]
}

/// The routes and their middleware, apart from the application so that a test can list the
/// routes (`Router.routes`) and hold them against the OpenAPI document.
///
/// `readPool`, a hot standby's (`DATABASE_READ_URL`), answers the case lists, the library
/// search, the statistics and the report's views (`ReadRouter`); everything else, and those reads
/// right after the reader's own write, go to `pool`.
func buildRouter(pool: ConnectionPool, readPool: ConnectionPool? = nil, configuration: WebConfiguration,
                 metrics: PrometheusCollectorRegistry) async throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(https: configuration.secureCookies))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: FailureMiddleware())
    HealthController(pool: pool).register(on: router)
    MetricsController(registry: metrics, pool: pool).register(on: router)
    try StaticFiles.load().register(on: router)
    try OpenAPIDocument.load().register(on: router)
    let directory = DirectoryStore(pool: pool)
    let accounts = AccountStore(pool: pool, idleTimeout: configuration.sessionIdleTimeout)
    let cases = CaseStore(pool: pool, calendars: CalendarStore(pool: pool))
    let audit = AuditRecorder(store: AuditStore(pool: pool))
    router.add(middleware: AuthMiddleware(accounts: accounts, directory: directory))
    router.add(middleware: AuditMiddleware(audit: audit))
    router.add(middleware: ScopeMiddleware())
    let reads = ReadRouter(primary: pool, standby: readPool)
    router.add(middleware: ReadYourWritesMiddleware(reads: reads))
    CasesController(store: cases, directory: directory, audit: audit, today: configuration.today, reads: reads,
                    lookups: RateLimit(pool: pool, purpose: "earlier_cases", limit: 60, window: .seconds(600))).register(on: router)
    let events = configuration.accountEvents ?? .standard(pool: pool)
    let portal = PortalStore(pool: pool, cases: cases)
    let pages = Pages(page: try await Page.load(), cases: cases, directory: directory, accounts: accounts, audit: audit, events: events,
                      today: configuration.today, reads: reads, notifications: NotificationStore(pool: pool), portal: portal)
    AccountPages(pages: pages, secureCookies: configuration.secureCookies, signIn: SignIn(accounts: accounts, events: events)).register(on: router)
    let casePages = CasePages(pages: pages, documents: DocumentStore(pool: pool), files: ReleasedFileStore(pool: pool))
    casePages.register(on: router)
    ReviewPage(pages: pages, cases: casePages).register(on: router)
    AdminPages(pages: pages, templates: LetterTemplateStore(pool: pool), library: LibraryStore(pool: pool)).register(on: router)
    CalendarPages(pages: pages).register(on: router)
    SecurityPages(pages: pages).register(on: router)
    ReportPages(pages: pages, reports: ReportStore(pool: pool)).register(on: router)
    LetterPages(pages: pages, documents: DocumentStore(pool: pool), templates: LetterTemplateStore(pool: pool)).register(on: router)
    ReleasedFilePages(pages: pages, files: ReleasedFileStore(pool: pool)).register(on: router)
    ReplyReviewPages(pages: pages, documents: DocumentStore(pool: pool), templates: LetterTemplateStore(pool: pool),
                     review: ReplyReview(cases: cases)).register(on: router)
    ApprovalFormPage(pages: pages).register(on: router)
    LibraryPages(pages: pages, library: LibraryStore(pool: pool), similar: SimilarStore(pool: pool)).register(on: router)
    StatisticsPage(pages: pages, statistics: StatisticsStore(pool: pool, calendars: cases.calendars)).register(on: router)
    AuditPage(pages: pages, store: audit.store).register(on: router)
    PortalPages(page: pages.page, portal: pages.portal, today: configuration.today, limits: configuration.portalLimits,
                secureCookies: configuration.secureCookies).register(on: router)
    SubmissionPages(pages: pages).register(on: router)
    return router
}
