/// Text made safe inside HTML and SVG, as Mustache escapes `{{name}}`: & < > " and ' replaced.
/// The one escaping for everything written here (pages by pragma, CaseTable, the report
/// document, charts, plain messages).
enum HTMLText {
    /// Most text (Chinese above all) has none of the five characters and is returned as it is,
    /// found by one pass over its bytes; Mustache's own escaping walks it character by character.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
