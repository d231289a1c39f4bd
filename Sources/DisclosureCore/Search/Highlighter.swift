/// Snippets with the query's words marked, done in Swift because ts_headline cannot mark pair
/// matches (architecture.md "Search").
public enum Highlighter {
    public struct Segment: Sendable, Equatable {
        public var text: String
        public var marked: Bool
    }

    /// The words of a query as the index sees them: full-width folded, traditional characters
    /// folded to simplified, lower case, split at anything that is not a letter, digit or Chinese
    /// character.
    public static func terms(_ query: String) -> [String] {
        var terms: [String] = []
        var current = ""
        for ch in fold(query) {
            if ch.isLetter || ch.isNumber { current.append(ch) } else if !current.isEmpty { terms.append(current); current = "" }
        }
        if !current.isEmpty { terms.append(current) }
        return terms
    }

    static func fold(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            // Full-width ASCII (U+FF01…U+FF5E) to half-width.
            if (0xFF01...0xFF5E).contains(scalar.value), let half = Unicode.Scalar(scalar.value - 0xFEE0) { return Character(half) }
            // As dd_normalize does: a traditional text's words are marked where the index matched them.
            return Character(TraditionalFolding.fold(scalar))
        }).lowercased()
    }

    /// About `width` characters around the first match, split into marked and unmarked parts.
    public static func snippet(_ text: String, terms: [String], width: Int = 80) -> [Segment] {
        let chars = Array(text)
        let folded = Array(fold(text))
        guard folded.count == chars.count else { return [Segment(text: String(chars.prefix(width)), marked: false)] }
        var marks = [Bool](repeating: false, count: chars.count)
        var first: Int?
        for term in terms where !term.isEmpty {
            let t = Array(term)
            var i = 0
            while i + t.count <= folded.count {
                if folded[i..<(i + t.count)].elementsEqual(t) {
                    for k in i..<(i + t.count) { marks[k] = true }
                    first = min(first ?? i, i)
                    i += t.count
                } else {
                    i += 1
                }
            }
        }
        let start = max(0, (first ?? 0) - width / 4)
        let end = min(chars.count, start + width)
        var segments: [Segment] = []
        if start > 0 { segments.append(Segment(text: "…", marked: false)) }
        var i = start
        while i < end {
            var j = i
            while j < end, marks[j] == marks[i] { j += 1 }
            segments.append(Segment(text: String(chars[i..<j]), marked: marks[i]))
            i = j
        }
        if end < chars.count { segments.append(Segment(text: "…", marked: false)) }
        return segments
    }
}
