/// Words by a key (a spelling, initials, a masked word), held as one array of word numbers
/// grouped by key, cheapest first, and each key's span of it.
///
/// As a dictionary of arrays, the lexicon held 390,000 arrays and took 90 MB of the service's
/// 157 MB at rest (issue 16's goal is 150 MB under load); here each index is one dictionary
/// of spans and one array of numbers.
struct WordIndex: Sendable {
    /// A word number, with the reading it is typed in when that is not its first.
    struct Entry: Sendable {
        let key: String
        let word: Int32
        let dearer: Bool
    }

    private struct Span: Sendable {
        var start: Int32
        var count: Int32
    }

    private let words: [PinyinLexicon.Word]
    private let spans: [String: Span]
    /// Word numbers; the top bit marks an entry typed in another reading (otherReadingCost more).
    private let numbers: [UInt32]

    private static let dearerBit: UInt32 = 1 << 31

    /// `keep`: the cheapest this many of each key (nil: all).
    init(_ entries: [Entry], words: [PinyinLexicon.Word], keep: Int? = nil) {
        var counts: [String: Int32] = [:]
        for entry in entries { counts[entry.key, default: 0] += 1 }
        var spans: [String: Span] = [:]
        spans.reserveCapacity(counts.count)
        var offset: Int32 = 0
        for (key, count) in counts {
            spans[key] = Span(start: offset, count: 0)
            offset += count
        }
        counts = [:]
        var numbers = [UInt32](repeating: 0, count: entries.count)
        for entry in entries {
            let span = spans[entry.key]!
            numbers[Int(span.start + span.count)] = UInt32(entry.word) | (entry.dearer ? Self.dearerBit : 0)
            spans[entry.key]!.count += 1
        }
        var kept: [(String, Int32)] = []
        for (key, span) in spans {
            let range = Int(span.start)..<Int(span.start + span.count)
            numbers[range].sort { a, b in
                let (x, y) = (Self.word(a, in: words), Self.word(b, in: words))
                return x.cost != y.cost ? x.cost < y.cost : x.text < y.text
            }
            if let keep, span.count > keep { kept.append((key, Int32(keep))) }
        }
        for (key, count) in kept { spans[key]!.count = count }
        self.words = words
        self.spans = spans
        self.numbers = numbers
    }

    private static func word(_ n: UInt32, in words: [PinyinLexicon.Word]) -> PinyinLexicon.Word {
        let word = words[Int(n & ~dearerBit)]
        return n & dearerBit == 0 ? word : PinyinLexicon.Word(text: word.text, cost: word.cost + PinyinLexicon.otherReadingCost)
    }

    /// The words typed so, cheapest first; nil when none is.
    subscript(key: String) -> [PinyinLexicon.Word]? {
        guard let span = spans[key] else { return nil }
        return numbers[Int(span.start)..<Int(span.start + span.count)].map { Self.word($0, in: words) }
    }

    /// Every key, for tests.
    var keys: [String] { Array(spans.keys) }
}
