/// Chinese text split into dictionary words the way jieba does it without its HMM: every way of
/// covering the text with dictionary words forms a graph (the DAG of the words starting at each
/// character), and the route whose words' probabilities multiply to the most wins. A character
/// that starts no dictionary word stands alone.
///
/// The dictionary is data (jieba's dict.txt, trimmed; DisclosureStore loads it once): `word
/// frequency` per line, lines starting with `#` are comments, and a `# total N` comment gives
/// the frequency total of the dictionary the frequencies came from, so that words keep the
/// probabilities they have in jieba even though rare words were left out of the file.
public struct Segmenter: Sendable {
    /// Word → frequency, and every prefix of a word → 0 (so the graph knows when to stop looking).
    let frequencies: [String: Int]
    let logTotal: Double

    public init(frequencies: [String: Int], total: Int? = nil) {
        var table: [String: Int] = [:]
        table.reserveCapacity(frequencies.count * 2)
        var sum = 0
        for (word, frequency) in frequencies where frequency > 0 && !word.isEmpty {
            table[word] = frequency
            sum += frequency
            var prefix = ""
            for ch in word.dropLast() {
                prefix.append(ch)
                if table[prefix] == nil { table[prefix] = 0 }
            }
        }
        self.frequencies = table
        self.logTotal = Self.ln(Double(max(total ?? sum, 1)))
    }

    /// Reads dict.txt's format: `word frequency [part of speech]` per line.
    public init(dictionary text: String) {
        var words: [String: Int] = [:]
        var total: Int?
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ")
            if fields.first == "#" {
                if fields.count == 3, fields[1] == "total" { total = Int(fields[2]) }
                continue
            }
            guard fields.count >= 2, let frequency = Int(fields[1]) else { continue }
            words[String(fields[0])] = frequency
        }
        self.init(frequencies: words, total: total)
    }

    /// The number of words (not prefixes) known.
    public var wordCount: Int { frequencies.values.count { $0 > 0 } }

    public func contains(_ word: String) -> Bool { (frequencies[word] ?? 0) > 0 }

    /// The words of `text`, in order; joined they give `text` back.
    public func segment(_ text: String) -> [String] {
        let chars = Array(text)
        let n = chars.count
        guard n > 0 else { return [] }
        // For each start, the ends (inclusive) of the dictionary words starting there.
        var graph = [[Int]](repeating: [], count: n)
        for k in 0..<n {
            var i = k
            var fragment = String(chars[k])
            while let frequency = frequencies[fragment] {
                if frequency > 0 { graph[k].append(i) }
                i += 1
                if i >= n { break }
                fragment.append(chars[i])
            }
            if graph[k].isEmpty { graph[k].append(k) }
        }
        // The best route from each position to the end, from the back; equal routes take the
        // longer word first, as jieba's max over (probability, end) does.
        var best = [(score: Double, end: Int)](repeating: (0, 0), count: n + 1)
        for k in stride(from: n - 1, through: 0, by: -1) {
            var choice: (score: Double, end: Int)?
            for end in graph[k] {
                let frequency = max(frequencies[String(chars[k...end])] ?? 1, 1)
                let score = Self.ln(Double(frequency)) - logTotal + best[end + 1].score
                if choice == nil || score > choice!.score || (score == choice!.score && end > choice!.end) { choice = (score, end) }
            }
            best[k] = choice!
        }
        var words: [String] = []
        var k = 0
        while k < n {
            let end = best[k].end
            words.append(String(chars[k...end]))
            k = end + 1
        }
        return words
    }

    /// The natural logarithm without Foundation (DisclosureCore imports nothing): x = m·2^e with
    /// m in [1, 2), and ln m = 2·atanh((m−1)/(m+1)) by its series, which for m < 2 needs a
    /// few dozen terms for full double precision.
    static func ln(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == 0 ? -.infinity : .nan }
        let e = Double(x.exponent)
        let m = x.significand
        let z = (m - 1) / (m + 1), z2 = z * z
        var term = z, sum = 0.0, k = 1.0
        while true {
            let next = sum + term / k
            if next == sum { break }
            sum = next
            term *= z2
            k += 2
        }
        return 2 * sum + e * 0.693_147_180_559_945_309_417_232_121_458_176_568
    }
}
