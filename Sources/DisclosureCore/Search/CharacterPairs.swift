/// The pairs of adjacent Chinese characters a library's text holds (its index's tokens, Schema
/// 0022): what a respelling may produce. Two scalars packed in one integer keep half a million
/// pairs in a few megabytes.
public struct CharacterPairs: Sendable {
    var keys: Set<UInt64> = []

    public init() {}

    public init(_ pairs: some Sequence<String>) {
        for pair in pairs { insert(pair) }
    }

    public var count: Int { keys.count }

    /// Inserts a two-character token; anything else is ignored.
    public mutating func insert(_ pair: String) {
        let scalars = Array(pair.unicodeScalars)
        guard scalars.count == 2 else { return }
        keys.insert(Self.key(scalars[0], scalars[1]))
    }

    public func contains(_ a: Character, _ b: Character) -> Bool {
        guard let x = a.unicodeScalars.first, let y = b.unicodeScalars.first else { return false }
        return keys.contains(Self.key(x, y))
    }

    /// Whether every adjacent pair of `text` is held (true for one character).
    public func holdsEveryPair(of text: String) -> Bool {
        var previous: Character?
        for ch in text {
            if let p = previous, !contains(p, ch) { return false }
            previous = ch
        }
        return true
    }

    static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { UInt64(a.value) << 32 | UInt64(b.value) }
}
