import DisclosureCore
import Foundation
import Logging

/// The segmenter that splits search queries into words, on jieba's dictionary (Resources/jieba,
/// MIT licence, trimmed by Tools/jieba-dict.py), read from the program's resources on first use:
/// about 140,000 words, kept in memory for the life of the process.
public enum SearchDictionary {
    /// Swift initialises a static let once, on first use, safely across threads.
    public static let segmenter: Segmenter = load()

    static func load() -> Segmenter {
        guard let url = Bundle.module.url(forResource: "dict", withExtension: "txt", subdirectory: "Resources/jieba"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            // Without words every character stands alone and QueryWords joins them back into runs:
            // the search then takes a query as it did before there was a segmenter.
            Logger(label: "disclosure.search").error("The search dictionary (Resources/jieba/dict.txt) is missing: queries are not split into words.")
            return Segmenter(frequencies: [:])
        }
        return Segmenter(dictionary: text)
    }
}
