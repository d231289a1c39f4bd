import Hummingbird
import LibPQ

/// `GET /health`: 200 only when the database answers a query, 503 with the reason otherwise.
struct HealthController {
    let pool: ConnectionPool

    func register(on router: Router<some RequestContext>) {
        router.get("health") { _, _ in await check() }
    }

    func check() async -> Response {
        do {
            _ = try await pool.query("SELECT 1")
            return JSONBody.response(.ok, ["status": "ok", "database": "ok"])
        } catch {
            return JSONBody.response(.serviceUnavailable, ["status": "unavailable", "database": "\(error)"])
        }
    }
}
