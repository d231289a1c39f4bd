import Foundation

/// Chinese words with their frequencies in running text, drawn at random in proportion to them,
/// so that generated documents share words the way real ones do (a few very common, a long tail
/// of rare ones). The word list is jieba's dictionary (Debian's `python3-jieba`: 349,046 words
/// counted over a large general corpus), or any file of `word frequency` lines.
public struct DemoVocabulary: Sendable {
    public static let jiebaDictionary = "/usr/lib/python3/dist-packages/jieba/dict.txt"

    public let words: [String]
    // Walker's alias method: one uniform draw picks a slot, a second keeps it or takes its alias.
    private let keep: [Double]
    private let alias: [Int32]

    /// Words written only in Chinese characters, each with a positive count; everything else is skipped.
    public init(entries: [(word: String, frequency: Int)]) throws {
        let usable = entries.filter { $0.frequency > 0 && !$0.word.isEmpty && $0.word.unicodeScalars.allSatisfy(Self.isHan) }
        guard !usable.isEmpty else { throw DemoVocabularyError.noWords }
        words = usable.map(\.word)
        let total = usable.reduce(0.0) { $0 + Double($1.frequency) }
        var scaled = usable.map { Double($0.frequency) * Double(usable.count) / total }
        var keep = [Double](repeating: 1, count: usable.count)
        var alias = [Int32](repeating: 0, count: usable.count)
        var small = scaled.indices.filter { scaled[$0] < 1 }, large = scaled.indices.filter { scaled[$0] >= 1 }
        while let s = small.popLast(), let l = large.last {
            keep[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { large.removeLast(); small.append(l) }
        }
        for i in small + large { keep[i] = 1; alias[i] = Int32(i) }
        self.keep = keep
        self.alias = alias
    }

    /// Reads `word frequency [tag]` lines.
    public init(contentsOf path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw DemoVocabularyError.unreadable(path) }
        let entries = text.split(separator: "\n").compactMap { line -> (String, Int)? in
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let frequency = Int(fields[1]) else { return nil }
            return (String(fields[0]), frequency)
        }
        try self.init(entries: entries)
    }

    public func word(using random: inout some RandomNumberGenerator) -> String {
        let slot = Int.random(in: 0..<words.count, using: &random)
        return Double.random(in: 0..<1, using: &random) < keep[slot] ? words[slot] : words[Int(alias[slot])]
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool { (0x3400...0x9FFF).contains(scalar.value) }
}

public enum DemoVocabularyError: Error, CustomStringConvertible {
    case unreadable(String)
    case noWords

    public var description: String {
        switch self {
        case .unreadable(let path):
            "Cannot read the word list \(path). Install it with `apt-get install python3-jieba`, or give a file of `word frequency` lines with --vocabulary."
        case .noWords: "The word list holds no Chinese words with a frequency."
        }
    }
}
