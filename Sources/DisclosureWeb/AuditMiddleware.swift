import DisclosureCore
import DisclosureStore
import Hummingbird
import HTTPTypes
import Logging

/// Finds the request's client address for the audit trail, and records every 403 given to a
/// signed-in user (等保: attempts beyond one's rights). Runs after `AuthMiddleware`, so the
/// CSRF refusals that middleware answers itself are not seen here.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let audit: AuditRecorder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let client = ClientAddress.of(peer: context.peerAddress, forwardedFor: request.headers[HTTPField.Name("X-Forwarded-For")!])
        return try await AuditRecorder.$client.withValue(client) {
            do {
                let response = try await next(request, context)
                if response.status == .forbidden { await denied(request, context) }
                return response
            } catch let error as any HTTPResponseError where error.status == .forbidden {
                await denied(request, context)
                throw error
            }
        }
    }

    /// The path without its query (which may carry personal data, e.g. an identity number).
    /// A failure to record is logged, not turned into another answer than the 403.
    func denied(_ request: Request, _ context: Context) async {
        guard let identity = context.identity else { return }
        do {
            try await audit.record(.permissionDenied, by: identity.user, subject: request.uri.path,
                                   detail: ["method": request.method.rawValue, "role": identity.user.role.rawValue])
        } catch {
            context.logger.error("could not record a refused request in the audit trail", metadata: ["error": "\(error)"])
        }
    }
}
