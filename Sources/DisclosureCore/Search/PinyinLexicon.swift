/// Chinese words by how they are typed in pinyin (issue 15): the whole spelling (zhengfu,
/// yinhang) and the initials (zf, yh), each word with its cost (−ln of its probability in the
/// segmenter's dictionary), so that a decoder prefers the common word.
public struct PinyinLexicon: Sendable {
    struct Word: Sendable, Equatable {
        let text: String
        let cost: Double
    }

    let bySpelling: [String: [Word]]
    let byInitials: [String: [Word]]
    /// Words of three characters or more by each of their characters left out (房屋征?, 房?征收,
    /// …): a typed word one character off, whatever that character sounds like.
    let byMasked: [String: [Word]]
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
        var bySpelling: [String: [Word]] = [:], byInitials: [String: [Word]] = [:], byMasked: [String: [Word]] = [:]
        var longest = 0
        for (text, frequency) in segmenter.frequencies where frequency > 0 && text.count <= 8 {
            guard let syllables = table.syllables(ofWord: text) else { continue }
            let word = Word(text: text, cost: segmenter.logTotal - Segmenter.ln(Double(frequency)))
            let spelling = syllables.joined()
            bySpelling[spelling, default: []].append(word)
            longest = max(longest, spelling.count)
            if text.count == 1, let ch = text.first {
                for other in table.readings(ch).dropFirst() {
                    bySpelling[other, default: []].append(Word(text: text, cost: word.cost + Self.otherReadingCost))
                }
            }
            byInitials[String(syllables.compactMap(\.first)), default: []].append(word)
            if text.count >= 3 {
                let chars = Array(text)
                for i in chars.indices { byMasked[Self.masked(chars, at: i), default: []].append(word) }
            }
            // Whoever reads a polyphonic character its other common way (调换 as tiao huan) still finds the word.
            for variant in Self.otherReadings(of: text, spelled: syllables, table: table) {
                let dearer = Word(text: text, cost: word.cost + Self.otherReadingCost)
                bySpelling[variant.joined(), default: []].append(dearer)
                byInitials[String(variant.compactMap(\.first)), default: []].append(dearer)
            }
        }
        let cheapestFirst = { (a: Word, b: Word) in a.cost != b.cost ? a.cost < b.cost : a.text < b.text }
        self.bySpelling = bySpelling.mapValues { $0.sorted(by: cheapestFirst) }
        self.byInitials = byInitials.mapValues { Array($0.sorted(by: cheapestFirst).prefix(Self.initialsKept)) }
        self.byMasked = byMasked.mapValues { $0.sorted(by: cheapestFirst) }
        self.longestSpelling = longest
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
