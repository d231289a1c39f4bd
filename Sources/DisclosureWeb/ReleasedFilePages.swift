import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 公开的信息: the files of the information released with a case's reply. Whoever may see the
/// case may see and download them; those who handle it (its officer, a supervisor of its agency)
/// put them up and withdraw them while the case is open. An applicant who chose the platform
/// downloads them in the portal once the case is replied to (`PortalPages`).
struct ReleasedFilePages: Sendable {
    let pages: Pages
    let files: ReleasedFileStore

    func register(on router: Router<AppRequestContext>) {
        let group = router.group("cases", context: SignedIn<Anyone>.self)
        group.get(":id/files") { request, context in
            await pages.respond {
                try await list(context.identity, caseID: try id(context), notice: request.uri.queryParameters.get("done").flatMap { Self.notices[$0] })
            }
        }
        group.post(":id/files") { request, context in await pages.respond { try await upload(context.identity, context, caseID: try id(context)) } }
        group.get(":id/files/:file") { request, context in
            await pages.respond { try await download(context.identity, caseID: try id(context), fileID: try id(context, "file")) }
        }
        group.post(":id/files/:file/withdraw") { request, context in
            await pages.respond { try await withdraw(context.identity, context, caseID: try id(context), fileID: try id(context, "file")) }
        }
    }

    static let notices = ["added": "文件已上传。", "withdrawn": "文件已撤下，申请人不会看到它；记录仍然保留。"]

    func id(_ context: some PageRequestContext, _ name: String = "id") throws -> Int64 {
        guard let id = context.parameters.get(name, as: Int64.self) else { throw CaseStoreError.caseNotFound(0) }
        return id
    }

    func list(_ identity: Identity, caseID: Int64, notice: String? = nil, error: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let detail = try await pages.cases.detail(caseID, viewer: identity.viewer)
        let users = Dictionary(uniqueKeysWithValues: try await pages.directory.users().map { ($0.id, $0.name) })
        let rows = try await files.list(caseID: caseID, scope: identity.viewer.scope)
        let s = detail.snapshot
        let platform = CaseFacts.registration(detail)?.deliveryWanted == .platform
        let open = ReleasedFile.isChangeable(in: s.state)
        return pages.page.render("released_files", view: ReleasedFilesView(
            id: caseID, number: detail.caseNumber, subject: s.subject, notice: notice, error: error,
            canUpload: detail.personalDataShown && open, handles: detail.personalDataShown, open: open,
            maxMB: ReleasedFile.maxBytes / 1_048_576, maxFiles: ReleasedFile.maxFiles,
            delivery: platform
                ? (ReleasedFile.shownToApplicant(s) ? "申请人选择网上平台送达，已可在网上平台下载下列文件（已撤下的除外）。"
                                                   : "申请人选择网上平台送达：以公开或部分公开答复后，申请人可在网上平台下载下列文件（已撤下的除外）。")
                : "申请人未选择网上平台送达，这些文件不在网上平台提供，请按申请人选择的方式提供。",
            files: rows.map { f in
                .init(id: f.id, caseID: caseID, name: f.fileName, kind: f.kind.label, size: FileDownload.size(f.size), sha256: f.sha256,
                      uploadedBy: users[f.uploadedBy] ?? "", uploadedAt: Show.chinaTime(f.uploadedAt),
                      withdrawn: f.withdrawnAt.map { "\(users[f.withdrawnBy ?? 0] ?? "")于\(Show.chinaTime($0))撤下" },
                      canWithdraw: detail.personalDataShown && open && !f.isWithdrawn)
            }), identity: identity, status: status)
    }

    func upload(_ identity: Identity, _ context: some PageRequestContext, caseID: Int64) async throws -> Response {
        let detail = try await pages.cases.detail(caseID, viewer: identity.viewer)
        guard detail.personalDataShown else { return forbidden() }
        guard let form = context.multipart, let file = form.files.first(where: { $0.field == "file" }) else {
            return try await list(identity, caseID: caseID, error: "请选择要上传的文件。", status: .unprocessableContent)
        }
        do {
            let (kind, name) = try ReleasedFile.check(fileName: file.fileName, declaredType: file.contentType, bytes: file.bytes)
            _ = try await files.add(caseID: caseID, fileName: name, kind: kind, bytes: file.bytes, by: identity.user.id, scope: identity.viewer.scope)
            context.logger.info("released file added", metadata: ["case": "\(caseID)", "bytes": "\(file.bytes.count)"])
            return Page.redirect("/cases/\(caseID)/files?done=added")
        } catch LifecycleError.invalid(let problems) {
            context.logger.notice("released file refused", metadata: ["case": "\(caseID)", "reason": "\(problems.map(\.description))"])
            return try await list(identity, caseID: caseID, error: problems.map(\.chinese).joined(), status: .unprocessableContent)
        }
    }

    func download(_ identity: Identity, caseID: Int64, fileID: Int64) async throws -> Response {
        _ = try await pages.cases.detail(caseID, viewer: identity.viewer)
        guard let (info, content) = try await files.file(fileID, scope: identity.viewer.scope), info.caseID == caseID else {
            return Page.message(status: .notFound, title: "找不到文件", text: "本案没有该文件。")
        }
        return FileDownload.response(name: info.fileName, kind: info.kind, content: content)
    }

    func withdraw(_ identity: Identity, _ context: some PageRequestContext, caseID: Int64, fileID: Int64) async throws -> Response {
        let detail = try await pages.cases.detail(caseID, viewer: identity.viewer)
        guard detail.personalDataShown else { return forbidden() }
        guard let (info, _) = try await files.file(fileID, scope: identity.viewer.scope), info.caseID == caseID else {
            return Page.message(status: .notFound, title: "找不到文件", text: "本案没有该文件。")
        }
        guard context.form?["confirm"] == "yes" else {
            return pages.confirmation(identity, heading: "撤下文件", verb: "撤下",
                                      text: "撤下“\(info.fileName)”后，申请人不会在网上平台看到它。文件及上传、撤下的记录仍然保留，不能删除。",
                                      action: "/cases/\(caseID)/files/\(fileID)/withdraw", back: "/cases/\(caseID)/files")
        }
        do {
            _ = try await files.withdraw(fileID, by: identity.user.id, scope: identity.viewer.scope)
            context.logger.info("released file withdrawn", metadata: ["case": "\(caseID)", "file": "\(fileID)"])
            return Page.redirect("/cases/\(caseID)/files?done=withdrawn")
        } catch LifecycleError.invalid(let problems) {
            return try await list(identity, caseID: caseID, error: problems.map(\.chinese).joined(), status: .conflict)
        }
    }

    func forbidden() -> Response {
        Page.message(status: .forbidden, title: "无权上传", text: "只有本案承办人或本机关审核人可以上传或撤下公开的信息。")
    }
}
