import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird
import LibPQ

/// What every HTML page handler needs: the stores, the templates and today's date.
struct Pages: Sendable {
    let page: Page
    let cases: CaseStore
    let directory: DirectoryStore
    let accounts: AccountStore
    let audit: AuditRecorder
    /// Sign-ins and password changes, for the audit trail.
    let events: AccountEventLog
    let today: @Sendable () -> LocalDate
    /// Where the case lists and the library search read: a hot standby when there is one.
    let reads: ReadRouter
    /// Notices shown in the application, and the online submissions waiting for confirmation.
    let notifications: NotificationStore
    let portal: PortalStore

    /// Runs a page handler; a redirect or an unexpected failure becomes a page, never a stack trace.
    func respond(_ identity: Identity? = nil, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let redirect as RedirectError {
            return Page.redirect(redirect.location)
        } catch let forbidden as ForbiddenError {
            return Page.message(status: .forbidden, title: "无权访问", text: forbidden.text)
        } catch let error as CaseStoreError {
            return Page.message(status: .notFound, title: "找不到案件", text: error.chineseDescription)
        } catch {
            // The same status and words the API gives; the server's own wording never reaches the page.
            let api = APIError.from(error)
            return Page.message(status: api.status, title: api.status.code < 500 ? "无法处理该请求" : "出错了", text: api.chinese)
        }
    }

    /// The step before something that cannot be undone: a page that says what will happen and
    /// sends the same form again with `confirm=yes`. Works without JavaScript.
    func confirmation(_ identity: Identity, heading: String, verb: String, text: String, action: String, back: String,
                      fields: [(name: String, value: String)] = []) -> Response {
        page.render("confirm", view: ConfirmView(heading: heading, text: text, action: action, button: "确认" + verb, verb: verb, back: back,
                                                 fields: fields.map { .init(name: $0.name, value: $0.value) }),
                    identity: identity)
    }

    func agencies() async throws -> [Agency] { try await directory.agencies() }

    func agencyNames() async throws -> [Int64: String] {
        Dictionary(uniqueKeysWithValues: try await agencies().map { ($0.id, $0.shortName) })
    }
}

/// Sends the browser elsewhere (the sign-in page); thrown where no handler is reached yet.
struct RedirectError: HTTPResponseError {
    let location: String
    var status: HTTPResponse.Status { .seeOther }
    func response(from request: Request, context: some RequestContext) throws -> Response { Page.redirect(location) }
}

/// A page the signed-in user may not see: a 403 with the reason (and an entry in the audit trail).
struct ForbiddenError: HTTPResponseError {
    let text: String
    var status: HTTPResponse.Status { .forbidden }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        Page.message(status: .forbidden, title: "无权访问", text: text)
    }
}

/// Errors as the pages show them: in Chinese.
enum UIText {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as LifecycleError: return error.chineseDescription
        case let error as CaseStoreError: return error.chineseDescription
        default: return APIError.from(error).chinese
        }
    }

    /// Field problems keyed by field, for showing beside each field.
    static func fieldErrors(_ error: any Error) -> (summary: String, fields: [String: String]) {
        let problems: [FieldProblem]?
        if case LifecycleError.invalid(let p)? = error as? LifecycleError { problems = p } else { problems = (error as? APIError)?.problems }
        if let problems {
            var fields: [String: String] = [:]
            for p in problems { fields[p.field.replacingOccurrences(of: "payload.", with: ""), default: ""] += p.chinese }
            return ("请修改标出的内容：" + problems.map(\.chinese).joined(), fields)
        }
        return (describe(error), [:])
    }
}
