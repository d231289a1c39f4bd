import DisclosureCore
import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` body (the portal's form and an officer's upload, which carry files):
/// its text fields and its files, read within bounds so that no request can make the server
/// hold more than its limit or parse more than `maxParts` parts.
struct MultipartForm: Sendable {
    struct File: Sendable, Equatable {
        var field: String
        var fileName: String
        var contentType: String?
        var bytes: [UInt8]
    }

    private(set) var fields: [String: [String]] = [:]
    private(set) var files: [File] = []

    /// Three files of 5 MB and the text around them (the portal's form).
    static let maxBytes = 16 * 1024 * 1024
    /// One released file of 20 MB and the text around it (an officer's upload).
    static let maxStaffBytes = ReleasedFile.maxBytes + 1024 * 1024
    static let maxParts = 40
    /// A text field's bytes; the application's own limits are checked later, in characters.
    static let maxFieldBytes = 64 * 1024

    enum Failure: Error, Equatable {
        case notMultipart
        case tooLarge
        case malformed
    }

    /// The boundary of a `multipart/form-data` content type, or nil.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    static func read(_ request: Request, limit: Int = maxBytes) async throws -> MultipartForm {
        guard let boundary = boundary(of: request.headers[.contentType]) else { throw Failure.notMultipart }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: limit) } catch { throw Failure.tooLarge }
        return try parse(body, boundary: boundary)
    }

    static func parse(_ body: ByteBuffer, boundary: String) throws -> MultipartForm {
        var form = MultipartForm()
        var headers: [(String, String)] = []
        var content: [UInt8] = []
        var parts = 0
        var failure: Failure?
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { buffer in content += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            defer { headers = []; content = [] }
            parts += 1
            guard parts <= maxParts else { failure = .tooLarge; return }
            guard let disposition = headers.first(where: { $0.0 == "content-disposition" })?.1,
                  let name = parameter("name", in: disposition) else { return }
            if let fileName = parameter("filename", in: disposition) {
                // A file input left empty still sends a part, with no name and no bytes.
                guard !(fileName.isEmpty && content.isEmpty) else { return }
                form.files.append(File(field: name, fileName: String(fileName.suffix(200)),
                                       contentType: headers.first(where: { $0.0 == "content-type" })?.1, bytes: content))
            } else {
                guard content.count <= maxFieldBytes else { failure = .tooLarge; return }
                form.fields[name, default: []].append(String(decoding: content, as: UTF8.self))
            }
        }
        do { try parser.execute(body) } catch { throw Failure.malformed }
        if let failure { throw failure }
        // The parser reports the parts it saw complete and quietly drops the rest: a body cut
        // off before its closing delimiter is refused whole, not read in part.
        guard Array(body.readableBytesView.suffix(boundary.utf8.count + 64)).firstRange(of: Array("--\(boundary)--".utf8)) != nil else {
            throw Failure.malformed
        }
        return form
    }

    /// `name="value"` in a Content-Disposition header; a browser escapes quotes as %22.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.replacingOccurrences(of: "%22", with: "\"")
        }
        return nil
    }

    /// The value, trimmed; nil when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.last?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
