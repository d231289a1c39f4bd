/// A file of the information released with the reply (公开的政府信息, the "released documents"
/// of issue 17 ¶5): the copies, redacted where the reply discloses in part, that the officer
/// attaches to the case so that an applicant who chose the platform can download them.
///
/// What was released is part of the reply: files are added and withdrawn while the case is open,
/// and from the reply on the list is fixed, as the reply letter is.
public enum ReleasedFile {
    /// Per file. Scans of a few dozen pages fit; more is split into several files.
    public static let maxBytes = 20 * 1024 * 1024
    /// Per case, so that no case holds an unbounded share of the database.
    public static let maxFiles = 50
    /// A file's name as shown and downloaded, in characters.
    public static let maxNameLength = 120

    /// Checks an uploaded file: PDF, JPEG or PNG by its bytes, agreeing with its declared type,
    /// within the size limit. Returns the kind and the name it is kept under.
    public static func check(fileName: String, declaredType: String?, bytes: some Collection<UInt8>) throws -> (kind: AttachmentKind, name: String) {
        let kind = try AttachmentKind.check(fileName: fileName, declaredType: declaredType, bytes: bytes, limit: maxBytes, field: "file")
        return (kind, name(fileName, kind: kind))
    }

    /// The name a file is kept under: the uploaded name without any folder a browser sent, cut
    /// to the limit, and a name of its own when none is left.
    static func name(_ uploaded: String, kind: AttachmentKind) -> String {
        let base = uploaded.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = base.filter { !$0.isNewline && $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } }
        let cleaned = printable.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return cleaned.isEmpty ? "公开的信息.\(kind.fileExtension)" : String(String(cleaned).prefix(maxNameLength))
    }

    /// Whether files may still be added and withdrawn: until the reply (or closing) fixes them.
    public static func isChangeable(in state: CaseState) -> Bool { state.isOpen }

    /// Why a file cannot be added to the case now; nil when it can.
    public static func additionRefusal(state: CaseState, filesSoFar: Int) -> FieldProblem? {
        if !isChangeable(in: state) {
            return FieldProblem("file", "The case has been replied to or closed: what was released with the reply is fixed.",
                                "本案已答复或办结，随答复提供的信息已经确定，不能再增加文件。")
        }
        if filesSoFar >= maxFiles {
            return FieldProblem("file", "A case holds at most \(maxFiles) released files.", "每件案件最多上传\(maxFiles)个公开信息文件。")
        }
        return nil
    }

    /// Why a file cannot be withdrawn now; nil when it can.
    public static func withdrawalRefusal(state: CaseState) -> FieldProblem? {
        isChangeable(in: state) ? nil : FieldProblem("file", "The case has been replied to or closed: what was released with the reply is fixed.",
                                          "本案已答复或办结，随答复提供的信息已经确定，不能撤下。")
    }

    /// What the case page reminds the officer of, while the case is open: an applicant who chose
    /// the platform downloads the released information there, and none has been put up yet.
    /// Not once the proposed reply provides nothing (it withholds, or there is nothing to give).
    public static func reminder(_ snapshot: CaseSnapshot, deliveryWanted: DeliveryMethod?, filesSoFar: Int) -> String? {
        guard isChangeable(in: snapshot.state), deliveryWanted == .platform, filesSoFar == 0 else { return nil }
        if let draft = snapshot.draft, draft.disposition != .disclose, draft.disposition != .partial { return nil }
        return "申请人选择通过网上平台获取：予以公开或部分公开的，请在答复前于「公开的信息」上传提供给申请人的文件。"
    }

    /// Whether the applicant sees the case's released files: once the case is replied to with
    /// information provided, in whole or in part. Files of a reply that withholds are not shown.
    public static func shownToApplicant(_ snapshot: CaseSnapshot) -> Bool {
        snapshot.repliedOn != nil && (snapshot.disposition == .disclose || snapshot.disposition == .partial)
    }
}

extension AttachmentKind {
    /// The extension a file of this kind is saved with.
    public var fileExtension: String {
        switch self {
        case .pdf: return "pdf"
        case .jpeg: return "jpg"
        case .png: return "png"
        }
    }
}
