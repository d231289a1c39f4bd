/// Chinese words by how they are typed in pinyin (issue 15): the whole spelling (zhengfu,
/// yinhang) and the initials (zf, yh), each word with its cost (−ln of its probability in the
/// segmenter's dictionary), so that a decoder prefers the common word.
public struct PinyinLexicon: Sendable {
    struct Word: Sendable, Equatable {
        let text: String
        let cost: Double
    }

    let bySpelling: WordIndex
    let byInitials: WordIndex
    /// Words of three characters or more by each of their characters left out (房屋征?, 房?征收,
    /// …): a typed word one character off, whatever that character sounds like.
    let byMasked: WordIndex
    /// The longest spelling known, in letters: a decoder looks no further ahead.
    let longestSpelling: Int
    public let table: PinyinTable

    /// Words typed by their initials are many (zf: 政府, 支付, 执法, …): the commonest this many
    /// of each are kept, which still holds the domain's words (the library's presence filter
    /// picks among them).
    static let initialsKept = 400
    /// A single character typed in one of its less common readings costs this much more.
    static let otherReadingCost = 2.0

    public init(segmenter: Segmenter, table: PinyinTable) {
        var words: [Word] = [], spellings: [String] = []
        for (text, frequency) in segmenter.frequencies where frequency > 0 && text.count <= 8 {
            guard let syllables = table.syllables(ofWord: text) else { continue }
            words.append(Word(text: text, cost: segmenter.logTotal - Segmenter.ln(Double(frequency))))
            spellings.append(syllables.joined(separator: " "))
        }
        // One index at a time, so that only one index's entries are held while it is built.
        func index(keep: Int? = nil, _ entries: (_ text: String, _ syllables: [String], _ add: (String, Bool) -> Void) -> Void) -> WordIndex {
            var all: [WordIndex.Entry] = []
            for (i, word) in words.enumerated() {
                let n = Int32(i)
                entries(word.text, spellings[i].split(separator: " ").map(String.init)) { all.append(.init(key: $0, word: n, dearer: $1)) }
            }
            return WordIndex(all, words: words, keep: keep)
        }
        self.bySpelling = index { text, syllables, add in
            add(syllables.joined(), false)
            if text.count == 1, let ch = text.first {
                for other in table.readings(ch).dropFirst() { add(other, true) }
            }
            // Whoever reads a polyphonic character its other common way (调换 as tiao huan) still finds the word.
            for variant in Self.otherReadings(of: text, spelled: syllables, table: table) { add(variant.joined(), true) }
        }
        self.byInitials = index(keep: Self.initialsKept) { text, syllables, add in
            add(String(syllables.compactMap(\.first)), false)
            for variant in Self.otherReadings(of: text, spelled: syllables, table: table) { add(String(variant.compactMap(\.first)), true) }
        }
        self.byMasked = index { text, _, add in
            guard text.count >= 3 else { return }
            let chars = Array(text)
            for i in chars.indices { add(Self.masked(chars, at: i), false) }
        }
        self.longestSpelling = spellings.map { $0.count - $0.count(where: { $0 == " " }) }.max() ?? 0
        self.table = table
    }

    /// A word's spellings with one of its characters in its other common reading (the first
    /// two a character has), at most four.
    static func otherReadings(of word: String, spelled syllables: [String], table: PinyinTable) -> [[String]] {
        guard word.count > 1, word.count == syllables.count else { return [] }
        var out: [[String]] = []
        for (i, ch) in word.enumerated() {
            for reading in table.readings(ch).prefix(2) where reading != syllables[i] {
                var variant = syllables
                variant[i] = reading
                out.append(variant)
            }
            if out.count >= 4 { break }
        }
        return Array(out.prefix(4))
    }

    /// The key of a word with one character left out.
    static func masked(_ chars: [Character], at i: Int) -> String {
        var key = chars
        key[i] = "?"
        return String(key)
    }
}
