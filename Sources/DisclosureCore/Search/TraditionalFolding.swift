/// Traditional characters folded to simplified (issue 15: 政府資訊公開, 國家秘密, 個人隱私 found nothing),
/// with OpenCC's tables generated into TraditionalFoldingTable.swift by Deploy/tools/opencc-table.
/// The database folds with the same table (Schema 0021's dd_fold, inside dd_normalize), so that what
/// Swift highlights, suggests and spells in pinyin is what the index matched.
///
/// Folding is character by character, one character to one, so a folded text lines up with its
/// original (the highlighter marks the original's characters), and it never changes simplified
/// text: a character that simplified text also writes (乾, 瞭, 著) is left as it is.
public enum TraditionalFolding {
    /// By scalar, not Character: a Character is hashed through its normalised string, ten times
    /// slower, and the highlighter folds every character of every snippet's text.
    static let table: [Unicode.Scalar: Unicode.Scalar] = {
        let from = Array(traditionalCharacters.unicodeScalars.filter { $0 != "\n" })
        let to = Array(simplifiedCharacters.unicodeScalars.filter { $0 != "\n" })
        precondition(from.count == to.count, "TraditionalFoldingTable.swift: the two lists differ in length")
        return Dictionary(zip(from, to), uniquingKeysWith: { first, _ in first })
    }()

    /// Taiwan's words for mainland ones and phrases whose characters fold otherwise, both folded
    /// (资讯 → 信息, 瞭解 → 了解): offered beside a word typed in traditional characters.
    static let phrases: [String: String] = {
        var phrases: [String: String] = [:]
        for line in phraseLines.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { phrases[String(parts[0])] = String(parts[1]) }
        }
        return phrases
    }()

    static let longestPhrase = phrases.keys.map(\.count).max() ?? 0

    /// The simplified form of one character, or the character itself.
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.value < 0x3400 ? scalar : table[scalar] ?? scalar
    }

    /// The text with every traditional character folded to its simplified form; as many
    /// characters as the text, each at its place.
    public static func fold(_ text: String) -> String {
        guard holdsTraditional(text) else { return text }
        var folded = String.UnicodeScalarView()
        folded.append(contentsOf: text.unicodeScalars.lazy.map(fold))
        return String(folded)
    }

    /// Whether the text holds a character written only in traditional script: a typist who
    /// writes 資訊 may mean the mainland's 信息.
    public static func holdsTraditional(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value >= 0x3400 && table[$0] != nil }
    }

    /// The word (already folded) with the mainland phrase for each traditional one, longest
    /// first (政府资讯公开 → 政府信息公开); nil when no phrase changes it.
    public static func mainlandWording(_ word: String) -> String? {
        let characters = Array(word)
        var result = "", i = 0, changed = false
        while i < characters.count {
            var matched = false
            for length in stride(from: min(longestPhrase, characters.count - i), through: 2, by: -1) {
                if let meant = phrases[String(characters[i..<(i + length)])] {
                    result += meant
                    i += length
                    matched = true
                    changed = true
                    break
                }
            }
            if !matched { result.append(characters[i]); i += 1 }
        }
        return changed ? result : nil
    }

    /// A word's alternatives with the mainland wording of each added after them, once.
    public static func withMainlandWording(_ alternatives: [String]) -> [String] {
        var all = alternatives
        for word in alternatives {
            if let meant = mainlandWording(word), !all.contains(meant) { all.append(meant) }
        }
        return all
    }
}
