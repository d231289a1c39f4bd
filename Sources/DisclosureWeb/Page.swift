import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird
import Mustache

/// Renders the Mustache templates in Resources/templates into HTML responses. Every page gets
/// the signed-in user, the navigation and the CSRF token for its forms.
struct Page: Sendable {
    let library: MustacheLibrary

    static func load() async throws -> Page {
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw APIError(status: .internalServerError, code: "templates", message: "The page templates are missing from the program's resources.", chinese: "程序缺少页面模板。")
        }
        // layout.mustache asks for "HTML" by pragma, so that every page escapes with HTMLText.
        MustacheContentTypes.register(EscapedHTML(), named: "HTML")
        return Page(library: try await MustacheLibrary(directory: folder.path))
    }

    /// A template's typed view (one struct per template, read by Mustache through reflection),
    /// with the layout's values beside it. An optional that is nil is false in a section.
    func render<View>(_ template: String, view: View, identity: Identity?, status: HTTPResponse.Status = .ok) -> Response {
        let context = PageContext(view: ReflectedView.wrap(view), me: identity.flatMap { ReflectedView.wrap(Me($0.user)) }, csrf: identity?.csrf)
        return html(library.render(context, withTemplate: template), template: template, status: status)
    }

    private func html(_ rendered: String?, template: String, status: HTTPResponse.Status) -> Response {
        let html = rendered ?? "<!DOCTYPE html><title>错误</title><p>页面模板 \(template) 无法显示。</p>"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A plain page for a message when no template is at hand (middleware).
    static func message(status: HTTPResponse.Status, title: String, text: String) -> Response {
        let html = """
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(HTMLText.escape(title))</title>
            <link rel="icon" href="data:,"><link rel="stylesheet" href="/static/style.css"></head><body><main id="main" class="narrow">
            <h1>\(HTMLText.escape(title))</h1><p>\(HTMLText.escape(text))</p><p><a href="/">返回工作台</a></p></main></body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// HTML as Mustache escapes it, by HTMLText: Mustache's own escaping walks every value
/// character by character, a tenth of the time a page took (perf, bench service).
struct EscapedHTML: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
}

/// The signed-in user, as the layout shows them and their menu.
struct Me {
    let name: String
    let username: String
    let role: String
    let isSupervisor: Bool
    let isAdmin: Bool
    let isSecurityAdmin: Bool
    let isAuditor: Bool

    init(_ user: User) {
        name = user.name
        username = user.username
        role = user.role.label
        isSupervisor = user.role == .supervisor
        isAdmin = user.role == .administrator
        isSecurityAdmin = user.role == .securityAdministrator
        isAuditor = user.role == .auditor
    }
}

/// A typed view and the layout's values: the view's own properties first.
struct PageContext: MustacheParent {
    let view: Any?
    let me: Any?
    let csrf: String?

    func child(named name: String) -> Any? {
        if let parent = view as? any MustacheParent, let value = parent.child(named: name) { return value }
        switch name {
        case "me": return me
        case "csrf": return csrf
        default: return nil
        }
    }
}

/// How dates, states and deadlines look on the pages.
enum Show {
    static func date(_ date: LocalDate?) -> String { date?.chinese ?? "—" }

    /// An instant as read in China (UTC+8): 2026年11月30日 14:05.
    static func chinaTime(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let ofDay = ((seconds % 86_400) + 86_400) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return ChinaToday.now(instant).chineseDay + " " + two(ofDay / 3600) + ":" + two(ofDay % 3600 / 60)
    }

    /// The reply clock in one sentence, as it stands today.
    static func clockSentence(_ clock: ReplyClock, _ reading: ReplyClock.Reading, today: LocalDate, replyDueProvisional: Provisional?) -> String {
        if let ended = clock.endedOn {
            return "答复期限共\(clock.allowance)个工作日，至\(ended.chineseDay)计时结束，用时\(reading.used)个工作日"
                + (reading.remaining < 0 ? "，超过期限\(-reading.remaining)个工作日。" : "。")
        }
        if let delayed = clock.delayedUntil {
            return "经批准延迟答复至\(delayed.chineseDay)，截至今天（\(today.chineseDay)）还有\(max(0, reading.remaining))个工作日。"
        }
        var sentence = "答复期限共\(clock.allowance)个工作日，截至今天（\(today.chineseDay)）已用\(reading.used)个，"
        sentence += reading.remaining >= 0 ? "剩余\(reading.remaining)个" : "已超过\(-reading.remaining)个"
        if clock.isStopped { sentence += "（目前暂停计算：\(clock.segments.last?.reason ?? "")）" }
        if replyDueProvisional != nil, !clock.isStopped { sentence += "；答复期限为预计日期" }
        return sentence + "。"
    }
}
