/// How Chinese is spelled in toneless pinyin (issue 15): every reading of a character, the most
/// common first, and the reading of the words whose characters' first readings would misspell
/// them (银行 yin hang, not yin xing; 长期 chang qi). Polyphones are read by word, not by character.
///
/// The data is Resources/pinyin/pinyin.txt (written from pypinyin by Tools/pinyin-table.py):
/// `c 行 xing hang heng` and `w 银行 yin hang` lines; ü is written v, as it is typed (lv, nv).
public struct PinyinTable: Sendable {
    let characters: [Character: [String]]
    let words: [String: [String]]

    public init(characters: [Character: [String]], words: [String: [String]] = [:]) {
        self.characters = characters
        self.words = words
    }

    public init(text: String) {
        var characters: [Character: [String]] = [:], words: [String: [String]] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 3 else { continue }
            switch fields[0] {
            case "c": if let ch = fields[1].first, fields[1].count == 1 { characters[ch] = Array(fields[2...]) }
            case "w": words[fields[1]] = Array(fields[2...])
            default: continue
            }
        }
        self.init(characters: characters, words: words)
    }

    /// Every reading of a character, the most common first; empty for one that is not Chinese.
    public func readings(_ ch: Character) -> [String] { characters[ch] ?? [] }

    /// A dictionary word's syllables, one a character; nil when a character has no reading.
    public func syllables(ofWord word: String) -> [String]? {
        if let known = words[word] { return known }
        var out: [String] = []
        for ch in word {
            guard let first = characters[ch]?.first else { return nil }
            out.append(first)
        }
        return out
    }

    /// A text's syllables read word by word (the segmenter's words), nil when a character is
    /// not Chinese: 中国银行 → zhong guo yin hang.
    public func syllables(_ text: String, segmenter: Segmenter) -> [String]? {
        var out: [String] = []
        for word in segmenter.segment(text) {
            guard let spelled = syllables(ofWord: word) else { return nil }
            out += spelled
        }
        return out.isEmpty ? nil : out
    }
}
