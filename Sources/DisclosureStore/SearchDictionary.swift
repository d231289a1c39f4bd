import DisclosureCore
import Foundation
import Logging

/// The dictionaries search reads from the program's resources on first use and keeps for the
/// life of the process: jieba's words (Resources/jieba, MIT licence, trimmed by
/// Tools/jieba-dict.py; about 140,000 words), which split queries into words, and pypinyin's
/// readings (Resources/pinyin, MIT licence, written by Tools/pinyin-table.py), which spell
/// those words in pinyin.
public enum SearchDictionary {
    /// Swift initialises a static let once, on first use, safely across threads.
    public static let segmenter: Segmenter = load()
    public static let pinyin: PinyinTable = loadPinyin()
    /// Every dictionary word by its pinyin and its initials.
    public static let lexicon = PinyinLexicon(segmenter: segmenter, table: pinyin)

    /// Reads everything now, so that the first search does not wait for it (serve calls this at start).
    public static func warm() {
        _ = lexicon
    }

    static func load() -> Segmenter {
        guard let text = resource("jieba", "dict") else {
            // Without words every character stands alone and QueryWords joins them back into runs:
            // the search then takes a query as it did before there was a segmenter.
            Logger(label: "disclosure.search").error("The search dictionary (Resources/jieba/dict.txt) is missing: queries are not split into words.")
            return Segmenter(frequencies: [:])
        }
        return Segmenter(dictionary: text)
    }

    static func loadPinyin() -> PinyinTable {
        guard let text = resource("pinyin", "pinyin") else {
            Logger(label: "disclosure.search").error("The pinyin table (Resources/pinyin/pinyin.txt) is missing: pinyin is not searched.")
            return PinyinTable(characters: [:])
        }
        return PinyinTable(text: text)
    }

    static func resource(_ folder: String, _ name: String) -> String? {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources/\(folder)") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
