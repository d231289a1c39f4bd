import Hummingbird
import LibPQ

/// After a signed-in user's write succeeds, notes it with the `ReadRouter`, so that their next
/// reads come from the primary until the standby has replayed it: an officer who registers a
/// case always finds it in the list.
struct ReadYourWritesMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let reads: ReadRouter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        if reads.standby != nil, ![.get, .head, .options].contains(request.method), response.status.code < 400, let user = context.identity?.user {
            await reads.wrote(user.id)
        }
        return response
    }
}
