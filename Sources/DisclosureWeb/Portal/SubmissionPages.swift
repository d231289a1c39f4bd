import DisclosureCore
import DisclosureStore
import Foundation
import HTTPTypes
import Hummingbird

/// 网上申请待确认: the agency's queue of portal submissions, one submission with its files, and
/// the confirmation that registers it as a case received today (Art. 31 ¶2).
struct SubmissionPages: Sendable {
    let pages: Pages
    var portal: PortalStore { pages.portal }

    func register(on router: Router<AppRequestContext>) {
        let group = router.group("submissions", context: SignedIn<Anyone>.self)
        group.get("") { request, context in await pages.respond { try await queue(context.identity) } }
        group.get(":id") { request, context in await pages.respond { try await show(context.identity, id: try id(context)) } }
        group.post(":id/confirm") { request, context in await pages.respond { try await confirm(context.identity, context, id: try id(context)) } }
        group.get("attachments/:id") { request, context in await pages.respond { try await attachment(context.identity, id: try id(context)) } }
    }

    func id(_ context: some PageRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw PortalError.submissionNotFound(0) }
        return id
    }

    func queue(_ identity: Identity) async throws -> Response {
        let today = pages.today()
        let calendar = try await pages.cases.calendars.calendar()
        let rows = try await portal.unconfirmed(scope: identity.viewer.scope).map { row in
            let waited = SubmissionWait(submittedOn: row.submittedOn, today: today, calendar: calendar)
            return SubmissionsView.Row(id: row.id, code: row.code.text, agency: row.agencyName, applicant: row.applicantName, subject: row.subject,
                                       submittedAt: Show.chinaTime(row.submittedAt), age: waited.text, overdue: waited.isLate, files: row.attachments)
        }
        return pages.page.render("submissions", view: SubmissionsView(rows: rows, today: today.chineseDay), identity: identity)
    }

    func show(_ identity: Identity, id: Int64) async throws -> Response {
        guard let submission = try await portal.submission(id, scope: identity.viewer.scope) else { throw PortalError.submissionNotFound(id) }
        let today = pages.today()
        let waited = SubmissionWait(submittedOn: submission.submittedOn, today: today, calendar: try await pages.cases.calendars.calendar())
        let application = submission.application, applicant = application.applicant
        if let number = applicant.idNumber, !number.isEmpty {
            try await pages.audit.record(.identityNumberViewed, by: identity.user, subject: "网上申请 \(submission.code.text)",
                                         detail: ["submissionID": String(id), "idType": applicant.idType ?? "", "via": "page"])
        }
        // The officers of the agency applied to handle it: they see the applicant in full, as on a case.
        let fields: [SubmissionView.Field] = [
            .init(label: "申请人类型", value: applicant.kind.label),
            .init(label: "姓名或名称", value: applicant.name),
            .init(label: "证件", value: [applicant.idType, applicant.idNumber].compactMap { $0 }.joined(separator: " ")),
            .init(label: "联系电话", value: applicant.phone ?? "—"),
            .init(label: "电子邮箱", value: applicant.email ?? "—"),
            .init(label: "通信地址", value: applicant.address ?? "—"),
            .init(label: "载体形式", value: application.formWanted?.label ?? "—"),
            .init(label: "获取方式", value: application.deliveryWanted?.label ?? "—"),
            .init(label: "提交地址", value: submission.clientAddress),
        ]
        return pages.page.render("submission", view: SubmissionView(
            id: submission.id, code: submission.code.text, agency: submission.agencyName, submittedAt: Show.chinaTime(submission.submittedAt),
            age: submission.caseID != nil ? "已确认" : submission.withdrawnAt != nil ? "已撤回" : "已等待" + waited.text, fields: fields, subject: application.subject,
            description: application.description,
            files: submission.attachments.map { .init(id: $0.id, name: $0.fileName, kind: $0.kind.label, size: FileDownload.size($0.size)) },
            caseID: submission.caseID, confirmedOn: submission.confirmedOn?.chineseDay, withdrawnAt: submission.withdrawnAt.map(Show.chinaTime),
            today: today.chineseDay
        ), identity: identity)
    }

    func confirm(_ identity: Identity, _ context: some PageRequestContext, id: Int64) async throws -> Response {
        do {
            let record = try await portal.confirm(id, by: identity.user.actor, today: pages.today(), scope: identity.viewer.scope)
            return Page.redirect("/cases/\(record.id)?done=register")
        } catch PortalError.alreadyConfirmed(let caseID) {
            return Page.redirect("/cases/\(caseID)")
        }
    }

    /// A file as the applicant sent it, to be saved rather than opened in the page: its type is
    /// the one its bytes were recognised as, and the browser may not guess another.
    func attachment(_ identity: Identity, id: Int64) async throws -> Response {
        guard let (info, bytes) = try await portal.attachment(id, scope: identity.viewer.scope) else { throw PortalError.submissionNotFound(id) }
        return FileDownload.response(name: info.fileName, kind: info.kind, content: bytes)
    }
}
