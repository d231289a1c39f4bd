import HTTPTypes
import Hummingbird
import Logging

/// Every failure that no handler answered becomes an answer with its reason — JSON under
/// /api/v1, a page in Chinese elsewhere — and a log line with the request id and the error.
/// Handlers map their own errors (`APIError.from`); what reaches this is thrown before a handler
/// runs, as the token or session lookup does when the database is down or the pool is full
/// (issue 16: 120 of 200 requests got an empty 500 with no request id and nothing logged).
/// Hummingbird's own errors without a message (no such route) get the same kind of body.
///
/// A 503 carries `Retry-After`: the database or the pool is expected back, and a client that
/// waits before trying again helps it come back.
struct FailureMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Seconds a client is asked to wait before trying again after a 503.
    static var retryAfterSeconds: Int { 5 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let api = AuthMiddleware.isAPI(request.uri.path)
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where error.body == nil {
            response = Self.answer(Self.describe(error.status), api: api)
            response.headers.append(contentsOf: error.headers)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            let answer = APIError.from(error)
            context.logger.error("Request failed", metadata: ["error": .string("\(error)"), "hb.response.status": .stringConvertible(answer.status.code)])
            response = Self.answer(answer, api: api)
        }
        if response.status == .serviceUnavailable, response.headers[.retryAfter] == nil {
            response.headers[.retryAfter] = String(Self.retryAfterSeconds)
        }
        return response
    }

    static func answer(_ error: APIError, api: Bool) -> Response {
        api ? error.response : Page.message(status: error.status, title: error.status.code < 500 ? "无法处理该请求" : "出错了", text: error.chinese)
    }

    /// Hummingbird's own refusals, in our words.
    static func describe(_ status: HTTPResponse.Status) -> APIError {
        switch status {
        case .notFound:
            return .notFound("There is no such page or resource.", "找不到该页面或资源。")
        case .methodNotAllowed:
            return APIError(status: status, code: "method_not_allowed", message: "This address does not take that method.", chinese: "该地址不支持此操作。")
        case .contentTooLarge:
            return APIError(status: status, code: "too_large", message: "The request is too large.", chinese: "请求内容过大。")
        default:
            return status.code < 500
                ? APIError(status: status, code: "bad_request", message: "The request could not be understood (\(status.code)).", chinese: "无法处理该请求。")
                : APIError(status: status, code: "internal", message: "Something went wrong on the server (\(status.code)).",
                           chinese: "服务器出错，操作未完成。请稍后重试；如仍有问题，请联系系统管理员。")
        }
    }
}
