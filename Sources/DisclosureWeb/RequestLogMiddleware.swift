import Hummingbird
import Logging

/// One log line per request with its method, path, status and time, but never its query
/// string: a search for an identity number or a phone would otherwise be written to the log
/// (the request id on the line finds the rest).
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let took = ContinuousClock.now - started
            context.logger.info("Request", metadata: [
                "hb.request.method": .string(request.method.rawValue), "hb.request.path": .string(request.uri.path),
                "hb.response.status": .stringConvertible(status),
                "took_ms": .stringConvertible(Double(took.components.seconds) * 1000 + Double(took.components.attoseconds) / 1e15),
            ])
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as any HTTPResponseError {
            status = error.status.code
            throw error
        }
    }
}
