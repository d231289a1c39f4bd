/// The title and text of a policy document file: plain text, Markdown or HTML (issue 6,
/// `disclosure library import`). The title is the HTML title or first heading, or the first line.
public enum DocumentText {
    public enum Format { case text, markdown, html }

    public static func format(ofFileNamed name: String) -> Format? {
        let lower = name.lowercased()
        if lower.hasSuffix(".txt") { return .text }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
        return nil
    }

    public static func extract(_ contents: String, format: Format) -> (title: String, body: String) {
        var text = contents
        var title: String?
        if format == .html {
            title = between(text, "<title>", "</title>") ?? between(text, "<h1>", "</h1>")
            for block in ["script", "style", "head"] { text = removingElements(text, block) }
            for tag in ["</p>", "<br>", "<br/>", "<br />", "</div>", "</li>", "</h1>", "</h2>", "</h3>", "</tr>"] {
                text = text.replacing(tag, with: "\n").replacing(tag.uppercased(), with: "\n")
            }
            text = strippingTags(text)
            for (entity, character) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
                text = text.replacing(entity, with: character)
            }
        }
        var lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharactersInWhitespace() }.filter { !$0.isEmpty }
        if format == .markdown {
            lines = lines.map { line in
                var l = Substring(line)
                while l.first == "#" || l.first == ">" { l = l.dropFirst() }
                if l.hasPrefix("- ") || l.hasPrefix("* ") { l = l.dropFirst(2) }
                return String(l).replacing("**", with: "").replacing("__", with: "").trimmingCharactersInWhitespace()
            }.filter { !$0.isEmpty }
        }
        let heading = title.map { strippingTags($0).trimmingCharactersInWhitespace() } ?? lines.first ?? ""
        if title == nil, !lines.isEmpty { lines.removeFirst() }
        return (heading, lines.joined(separator: "\n"))
    }

    static func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let start = text.firstRange(of: open) ?? text.firstRange(of: open.uppercased()),
              let end = text[start.upperBound...].firstRange(of: close) ?? text[start.upperBound...].firstRange(of: close.uppercased()) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    static func removingElements(_ text: String, _ name: String) -> String {
        var result = text
        while let start = result.firstRange(of: "<\(name)"), let end = result[start.lowerBound...].firstRange(of: "</\(name)>") {
            result.removeSubrange(start.lowerBound..<end.upperBound)
        }
        return result
    }

    static func strippingTags(_ text: String) -> String {
        var out = ""
        var inTag = false
        for ch in text {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out
    }
}
