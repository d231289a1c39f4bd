import Foundation
import Synchronization

/// Pinyin keys for suggestion terms: full (chaiqian) and initials (cq), from Foundation's
/// transliteration. It reads some polyphonic characters wrongly; the corrections below cover the
/// words of this domain where it matters.
enum Pinyin {
    static let corrections: [String: String] = [
        "银行": "yin hang", "长期": "chang qi", "重复": "chong fu", "重新": "chong xin", "行政": "xing zheng",
        "调查": "diao cha", "调取": "diao qu", "单位": "dan wei", "会计": "kuai ji", "省长": "sheng zhang",
    ]

    /// The syllables of a Chinese term, without tones; nil for text that is not Chinese.
    static func syllables(_ term: String) -> [String]? {
        guard term.unicodeScalars.contains(where: { (0x3400...0x9FFF).contains($0.value) }) else { return nil }
        var text = term
        for (word, reading) in corrections { text = text.replacingOccurrences(of: word, with: " \(reading) ") }
        guard let latin = text.applyingTransform(.toLatin, reverse: false)?.applyingTransform(.stripDiacritics, reverse: false) else { return nil }
        let parts = latin.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return parts.isEmpty ? nil : parts
    }

    /// Transliteration takes milliseconds a term, and the terms rarely change: remember them.
    static let cache = Mutex<[String: [String]]>([:])

    /// The keys a term is found by while typing: itself, its full pinyin, its initials.
    static func keys(for term: String) -> [String] {
        if let known = cache.withLock({ $0[term] }) { return known }
        let keys = computeKeys(term)
        cache.withLock { $0[term] = keys }
        return keys
    }

    static func computeKeys(_ term: String) -> [String] {
        var keys = [term.lowercased()]
        if let syllables = syllables(term) {
            keys.append(syllables.joined())
            keys.append(String(syllables.compactMap(\.first)))
        }
        return Array(Set(keys)).sorted()
    }
}
