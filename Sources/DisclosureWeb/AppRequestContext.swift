import DisclosureCore
import DisclosureStore
import Hummingbird

/// Who is calling: set by `AuthMiddleware` from the session cookie or a personal API token.
struct Identity: Sendable {
    enum Via: Sendable { case session(token: String, csrf: String), apiToken }
    var viewer: Viewer
    var via: Via
    var user: User { viewer.user }
    var csrf: String? { if case .session(_, let csrf) = via { return csrf } else { return nil } }
}

struct AppRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: Identity?
    /// The form fields of an HTML POST, read (and checked against CSRF) by `AuthMiddleware`.
    var form: FormData?
    /// The fields and files of a `multipart/form-data` POST with a staff session, read (and
    /// checked against CSRF) by `AuthMiddleware`.
    var multipart: MultipartForm?
    /// The path and query asked for, to come back to after signing in.
    var requestTarget = "/"
    /// The address of the connection's other end (nil in tests without a socket), for the audit trail.
    let peerAddress: String?

    init(source: Source) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    var maxUploadSize: Int { 4 * 1024 * 1024 }
}
