import HTTPTypes
import Hummingbird

/// The headers every response carries (OWASP ASVS V14.4): scripts only from our own files, no
/// framing, no sniffing, no referrer, and nothing but the static files kept in any cache, since
/// pages and API answers carry personal data.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Behind HTTPS: tell browsers to keep to it.
    let https: Bool

    static var contentSecurityPolicy: String {
        // Inline styles stay allowed (the printed report's layout); inline script never is.
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        if !request.uri.path.hasPrefix("/static/") { response.headers[.cacheControl] = "no-store" }
        if https { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
