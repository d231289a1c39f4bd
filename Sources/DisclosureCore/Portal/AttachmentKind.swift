/// The files an applicant may attach in the portal: PDF, JPEG and PNG, recognised by what the
/// bytes are, not by the name or the type the browser declared (either can be anything).
public enum AttachmentKind: String, CaseIterable, Sendable, Codable {
    case pdf = "application/pdf"
    case jpeg = "image/jpeg"
    case png = "image/png"

    /// Per file, and per submission in all.
    public static let maxBytes = 5 * 1024 * 1024
    public static let maxFiles = 3

    public var label: String {
        switch self {
        case .pdf: return "PDF"
        case .jpeg: return "JPEG"
        case .png: return "PNG"
        }
    }

    /// The kind the content begins like, by its signature bytes.
    public static func detect(_ bytes: some Collection<UInt8>) -> AttachmentKind? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }

    /// Checks one uploaded file: its kind by content, agreeing with the type declared for it,
    /// within `limit` bytes (a whole number of MB). `field` names the form's field in the
    /// problem it throws (`LifecycleError.invalid`).
    public static func check(fileName: String, declaredType: String?, bytes: some Collection<UInt8>, limit: Int = maxBytes,
                             field: String = "attachments") throws -> AttachmentKind {
        func refuse(_ english: String, _ chinese: String) -> LifecycleError { .invalid([FieldProblem(field, english, chinese)]) }
        let name = fileName.isEmpty ? "附件" : "“\(fileName)”"
        guard !bytes.isEmpty else {
            throw refuse("\(fileName) is empty.", "\(name)是空文件，请重新选择。")
        }
        let megabytes = limit / (1024 * 1024)
        guard bytes.count <= limit else {
            throw refuse("\(fileName) is larger than \(megabytes) MB.", "\(name)超过\(megabytes)MB，请压缩或分开提交。")
        }
        guard let kind = detect(bytes) else {
            throw refuse("\(fileName) is not a PDF, JPEG or PNG file.", "\(name)不是PDF、JPEG或PNG文件，只能上传这三种格式。")
        }
        let declared = declaredType?.split(separator: ";").first.map { $0.filter { !$0.isWhitespace }.lowercased() }
        // Browsers send application/octet-stream when they cannot tell; anything else must agree.
        if let declared, !declared.isEmpty, declared != "application/octet-stream", declared != kind.rawValue,
           !(kind == .jpeg && declared == "image/jpg") {
            throw refuse("\(fileName) is labelled \(declared) but its content is \(kind.label).",
                                         "\(name)标注的类型（\(declared)）与文件内容（\(kind.label)）不符，请确认文件后重新上传。")
        }
        return kind
    }
}
