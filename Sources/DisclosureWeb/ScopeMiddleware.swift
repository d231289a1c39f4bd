import DisclosureStore
import Hummingbird

/// Every statement a request sends carries the caller's scope to PostgreSQL, whose row-level
/// security then shows nothing beyond it, whatever a handler forgets; a caller who is not signed
/// in carries an empty scope and sees no case. Store methods given another scope (a system-wide
/// count, a recomputation) carry theirs instead.
struct ScopeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await (context.identity?.viewer.scope ?? .agencies([])).run { try await next(request, context) }
    }
}
