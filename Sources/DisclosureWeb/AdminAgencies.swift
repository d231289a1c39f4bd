import DisclosureCore
import DisclosureStore
import Hummingbird

/// 管理 › 机关: each agency's short name, reconsideration body and case number format.
extension AdminPages {
    /// An agency's form sent back after a refusal: what was typed and the problem per field.
    struct AgencyForm: Sendable {
        var id: Int64
        var values: [String: String]
        var errors: [String: String]
    }

    static let agencyFieldLimit = 100

    func registerAgencies(on adminGroup: RouterGroup<SignedIn<Administrators>>) {
        adminGroup.get("agencies") { request, context in
            await pages.respond { try await agencies(context.identity, notice: Self.notice(request)) }
        }
        adminGroup.post("agencies/:id") { request, context in await pages.respond { try await changeAgency(context.identity, context) } }
    }

    func agencies(_ identity: Identity, refused: AgencyForm? = nil, notice: String = "", error: String = "",
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let agencies = try await pages.agencies()
        let rows: [AdminAgenciesView.Row] = agencies.map { a in
            let typed = refused?.id == a.id ? refused : nil
            let format = typed?.values["format"] ?? a.caseNumberFormat, short = typed?.values["shortName"] ?? a.shortName
            return .init(id: a.id, name: a.name, kind: a.kind.label, short: short, body: typed?.values["body"] ?? a.reconsiderationBody, format: format,
                         example: (try? CaseNumberFormat(format))?.render(shortName: short, name: a.name, year: 2024, sequence: 12),
                         errors: typed?.errors ?? [:])
        }
        return section(.agencies, AdminAgenciesView(limit: Self.agencyFieldLimit, agencies: rows), identity: identity, notice: notice, error: error, status: status)
    }

    func changeAgency(_ identity: Identity, _ context: some PageRequestContext) async throws -> Response {
        let form = context.form ?? FormData("")
        guard let id = context.parameters.get("id", as: Int64.self), try await pages.directory.agency(id: id) != nil else {
            return try await agencies(identity, error: "没有这个机关。", status: .notFound)
        }
        let short = form["shortName"] ?? "", body = form["body"] ?? "", format = form["format"] ?? ""
        var typed = AgencyForm(id: id, values: ["shortName": short, "body": body, "format": format], errors: [:])
        for (field, text, missing) in [("shortName", short, "请填写简称。"), ("body", body, "请填写行政复议机关。"), ("format", format, "请填写案件编号格式。")] {
            if text.isEmpty { typed.errors[field] = missing } else if text.count > Self.agencyFieldLimit { typed.errors[field] = "最多\(Self.agencyFieldLimit)个字。" }
        }
        if typed.errors["format"] == nil, case .failure(let error) = Result(catching: { try CaseNumberFormat(format) }) {
            typed.errors["format"] = (error as? CaseNumberFormat.Failure) == .missingSequence
                ? "编号格式必须包含 {seq} 或 {seq:N}，否则编号会重复。" : "编号格式中只能使用 {short}、{name}、{year}、{seq}、{seq:N}。"
        }
        guard typed.errors.isEmpty else {
            return try await agencies(identity, refused: typed, error: "未保存：请按标出的提示修改。", status: .unprocessableContent)
        }
        try await pages.directory.updateAgency(id, shortName: short, reconsiderationBody: body, caseNumberFormat: format)
        try await pages.audit.record(.agencyChanged, by: identity.user, subject: try await agencyCode(id),
                                     detail: ["shortName": short, "reconsiderationBody": body, "caseNumberFormat": format])
        return Page.redirect(AdminSection.agencies.path + "?done=agency#agency-\(id)")
    }
}
