import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird
import HTTPTypes

/// Signs the request in from the session cookie or, under /api/v1 only, an `Authorization:
/// Bearer` token (a token never opens a page: not the profile, where tokens are made, nor the
/// administration; elsewhere the header is ignored), and checks
/// the CSRF token on every unsafe request made with the cookie (form field `_csrf`, url-encoded
/// or multipart, or header `X-CSRF-Token`). Pages and API routes then decide what a missing
/// identity means.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "dd_session"

    let accounts: AccountStore
    let directory: DirectoryStore

    func handle(_ input: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = input
        var context = context
        context.requestTarget = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        if Self.isAPI(request.uri.path), let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            let secret = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            guard let user = try await accounts.user(forAPIToken: secret) else {
                return APIError(status: .unauthorized, code: "unauthenticated", message: "The API token is not valid (revoked, mistyped or of a removed account).", chinese: "API令牌无效（已撤销、输入有误或所属账号已删除）。").response
            }
            context.identity = Identity(viewer: try await directory.viewer(for: user), via: .apiToken)
        } else if !Self.isPortal(request.uri.path), let token = request.cookies[Self.cookieName]?.value, let session = try await accounts.session(token) {
            context.identity = Identity(viewer: try await directory.viewer(for: session.user), via: .session(token: token, csrf: session.csrfToken))
        }
        let unsafe = ![.get, .head, .options].contains(request.method)
        let isForm = request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true
        if isForm, unsafe {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            context.form = FormData(String(buffer: buffer))
        }
        // A file upload: read whole here, within its limit, so that its `_csrf` field can be
        // checked before any handler runs. Only with a session: nothing else may upload.
        let isMultipart = MultipartForm.boundary(of: request.headers[.contentType]) != nil
        if isMultipart, unsafe, context.identity?.csrf != nil {
            do {
                context.multipart = try await MultipartForm.read(request, limit: MultipartForm.maxStaffBytes)
            } catch let failure as MultipartForm.Failure {
                context.logger.notice("upload refused: unreadable form", metadata: ["path": "\(request.uri.path)", "reason": "\(failure)"])
                return failure == .tooLarge
                    ? Page.message(status: .contentTooLarge, title: "文件过大", text: "上传的内容超过\(ReleasedFile.maxBytes / 1_048_576)MB。请压缩或分成几个文件上传。")
                    : Page.message(status: .badRequest, title: "无法读取上传的内容", text: "上传的表单无法读取，请返回上一页重新选择文件。")
            }
        }
        if unsafe, let csrf = context.identity?.csrf {
            let sent = context.form?["_csrf"] ?? context.multipart?["_csrf"] ?? request.headers[HTTPField.Name("X-CSRF-Token")!]
            guard sent == csrf else {
                if isForm || isMultipart { return Page.message(status: .forbidden, title: "请求已失效", text: "页面已过期或来源不明（CSRF 校验未通过）。请返回上一页，刷新后重试。") }
                return APIError(status: .forbidden, code: "csrf", message: "Send the session's CSRF token in the X-CSRF-Token header.", chinese: "请求缺少有效的CSRF令牌（X-CSRF-Token）。").response
            }
        }
        return try await next(request, context)
    }

    /// The public portal: no staff session is looked up there, so that an officer's cookie
    /// neither shows on its pages nor makes its forms need the staff CSRF token.
    static func isPortal(_ path: String) -> Bool { path == "/apply" || path.hasPrefix("/apply/") }

    /// Under /api/v1, with no `.` or `..` segment that a router or proxy might resolve elsewhere.
    static func isAPI(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return segments.count >= 3 && segments[0].isEmpty && segments[1] == "api" && segments[2] == "v1"
            && !segments.contains { $0 == "." || $0 == ".." || $0.lowercased().contains("%2e") }
    }
}
