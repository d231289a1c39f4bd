import Foundation

/// Where to go after signing in (`next`): only a plain path on this site, or "/" (issue 13).
/// Browsers read `\` as `/`, drop tabs and line breaks inside URLs, and a proxy or a second
/// decoding may turn `%2F` into `/`, so `/\evil.example/`, `/%09/evil.example` and
/// `/%2F%2Fevil.example` would all lead off the site. The check is made on the text as sent and
/// on each of its percent-decodings.
enum LocalRedirect {
    static let maximumLength = 2_000

    static func target(_ next: String?) -> String {
        guard let next, next.utf8.count <= maximumLength else { return "/" }
        var text = next
        for _ in 0..<4 {
            guard isPlainLocalPath(text) else { return "/" }
            guard let decoded = text.removingPercentEncoding, decoded != text else { return next }
            text = decoded
        }
        return "/"
    }

    /// Starts with one "/", and holds no "\", no "//" and no control character (tabs and line
    /// breaks among them, which browsers drop; a space inside a path is only a space).
    static func isPlainLocalPath(_ text: String) -> Bool {
        text.hasPrefix("/") && !text.contains("//") && !text.contains("\\")
            && !text.unicodeScalars.contains { [.control, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) }
    }
}
