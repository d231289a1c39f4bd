import Hummingbird
import LibPQ
import Metrics
import Prometheus

/// `GET /metrics`: everything recorded through swift-metrics, in Prometheus text format, plus
/// the database pool's state at the moment of the scrape.
struct MetricsController {
    let registry: PrometheusCollectorRegistry
    let pool: ConnectionPool

    func register(on router: Router<some RequestContext>) {
        router.get("metrics") { _, _ in
            let statistics = pool.statistics
            Gauge(label: "db_pool_connections", dimensions: [("state", "idle")]).record(statistics.idle)
            Gauge(label: "db_pool_connections", dimensions: [("state", "leased")]).record(statistics.leased)
            Gauge(label: "db_pool_waiters").record(statistics.waiting)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
