import DisclosureCore
import Foundation
import Hummingbird
import HTTPTypes

/// An uploaded file sent back: an applicant's attachment, a released file. Always as the kind
/// its bytes were recognised as, and always to save, never shown inline, so that no uploaded
/// content runs as a page of this site.
enum FileDownload {
    static func response(name: String, kind: AttachmentKind, content: Data) -> Response {
        Response(status: .ok, headers: [
            .contentType: kind.rawValue,
            .contentDisposition: attachment(name, fallback: "file.\(kind.fileExtension)"),
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            .cacheControl: "private, no-store",
        ], body: .init(byteBuffer: ByteBuffer(bytes: content)))
    }

    /// A Content-Disposition that saves the file under its Chinese name (RFC 6266/5987: the
    /// name percent-encoded as UTF-8, only ASCII in the header), `fallback` for older clients.
    static func attachment(_ name: String, fallback: String) -> String {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: attrChar) ?? fallback
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }

    /// RFC 5987's attr-char. Foundation's `.alphanumerics` holds every script's letters, which
    /// would leave Chinese characters raw in a header.
    static let attrChar = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")

    /// A file's size as people read it.
    static func size(_ bytes: Int) -> String {
        bytes < 1024 * 1024 ? "\(max(1, bytes / 1024)) KB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
