import DisclosureCore
import DisclosureStore
import Hummingbird

/// 管理 › 文书模板: what ends every letter of a kind (contact person, phone, address).
extension AdminPages {
    /// Long enough for a contact block; a closing is printed at the end of every letter.
    static let closingLimit = 2_000

    func registerTemplates(on adminGroup: RouterGroup<SignedIn<Administrators>>) {
        adminGroup.get("templates") { request, context in
            await pages.respond { try await letterTemplates(context.identity, notice: Self.notice(request)) }
        }
        adminGroup.post("templates") { request, context in
            await pages.respond {
                let identity = context.identity
                let form = context.form ?? FormData("")
                guard let kind = form["kind"].flatMap(LetterKind.init(rawValue:)) else {
                    return try await letterTemplates(identity, error: "请选择文书种类。", status: .unprocessableContent)
                }
                let closing = form.all("closing").last ?? ""
                guard closing.count <= Self.closingLimit else {
                    return try await letterTemplates(identity, refused: (kind, closing, "最多\(Self.closingLimit)个字（现有\(closing.count)个字）。"),
                                                     error: "未保存\(kind.title)的模板：请按标出的提示修改。", status: .unprocessableContent)
                }
                try await templates.set(kind, closing: closing, by: identity.user)
                return Page.redirect(AdminSection.templates.path + "?done=template#tpl-\(kind.rawValue)")
            }
        }
    }

    func letterTemplates(_ identity: Identity, refused: (kind: LetterKind, closing: String, error: String)? = nil, notice: String = "", error: String = "",
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        let closings = try await templates.templates()
        let rows: [AdminTemplatesView.Row] = LetterKind.allCases.map { kind in
            let typed = refused?.kind == kind ? refused : nil
            return .init(kind: kind.rawValue, title: kind.title, closing: typed?.closing ?? closings[kind]?.closing ?? "", closingError: typed?.error)
        }
        return section(.templates, AdminTemplatesView(limit: Self.closingLimit, templates: rows), identity: identity, notice: notice, error: error, status: status)
    }
}
