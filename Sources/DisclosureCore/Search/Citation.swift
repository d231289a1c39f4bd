/// A citation of an article (第十五条, 第15条, 条例第十五条, 第三十六条第（三）项) as people type it,
/// and the form the laws are written in: articles in Chinese numerals (第十五条), so 第15条 finds
/// the article, and a law's name joined to it (条例第十五条) is a word of its own.
public enum Citation {
    /// The query with every article number written as the laws write it and set apart from
    /// the words before it: 条例第15条 → 条例 第十五条. Text without a citation is returned as it is.
    public static func rewrite(_ query: String) -> String {
        let characters = Array(query)
        var out = ""
        var i = 0
        while i < characters.count {
            if characters[i] == "第", let (number, end) = article(in: characters, from: i + 1) {
                if let last = out.last, !last.isWhitespace { out.append(" ") }
                out += "第" + ChineseNumeral.write(number) + "条"
                i = end
                if i < characters.count, !characters[i].isWhitespace { out.append(" ") }
                continue
            }
            out.append(characters[i])
            i += 1
        }
        return out
    }

    /// Whether a text cites an article: a number is not respelled, 第十六条 is never 第十五条.
    public static func holdsArticle(_ text: String) -> Bool {
        let characters = Array(text)
        return characters.indices.contains { characters[$0] == "第" && article(in: characters, from: $0 + 1) != nil }
    }

    /// The article number after 第 at `start` and the index after 条, when 第…条 is an article.
    static func article(in characters: [Character], from start: Int) -> (Int, Int)? {
        var end = start
        while end < characters.count, characters[end] != "条", end - start < 8 { end += 1 }
        guard end < characters.count, characters[end] == "条", end > start else { return nil }
        let digits = String(characters[start..<end])
        guard let number = Int(digits.map { $0.isASCII ? $0 : ChineseNumeral.fullWidthDigit($0) ?? $0 }.map(String.init).joined())
                ?? ChineseNumeral.read(digits), (1...9999).contains(number) else { return nil }
        return (number, end + 1)
    }
}

/// Chinese numerals as article numbers use them: 一 … 九千九百九十九, 十五 (not 一十五), 一百零五.
public enum ChineseNumeral {
    static let digits: [Character] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    static let units: [(Character, Int)] = [("千", 1000), ("百", 100), ("十", 10)]

    public static func write(_ number: Int) -> String {
        precondition((1...9999).contains(number))
        let places = [(number / 1000) % 10, (number / 100) % 10, (number / 10) % 10, number % 10]
        let unitNames: [Character?] = ["千", "百", "十", nil]
        var out = ""
        var zero = false
        for (place, digit) in places.enumerated() {
            guard digit > 0 else {
                if !out.isEmpty { zero = true }
                continue
            }
            if zero { out.append("零"); zero = false }
            // 十五, not 一十五, at the start; 一百一十五 inside.
            if !(place == 2 && digit == 1 && out.isEmpty) { out.append(digits[digit]) }
            if let unit = unitNames[place] { out.append(unit) }
        }
        return out
    }

    /// The number a Chinese numeral writes, or nil when it is not one.
    public static func read(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var total = 0
        var current = 0
        var sawAny = false
        for ch in text {
            if let d = digits.firstIndex(of: ch) {
                current = d
                sawAny = true
            } else if ch == "两" {
                current = 2
                sawAny = true
            } else if let unit = units.first(where: { $0.0 == ch })?.1 {
                total += (current == 0 && unit == 10 && !sawAny ? 1 : current) * unit
                current = 0
                sawAny = true
            } else {
                return nil
            }
        }
        return total + current
    }

    static func fullWidthDigit(_ ch: Character) -> Character? {
        guard let scalar = ch.unicodeScalars.first, (0xFF10...0xFF19).contains(scalar.value) else { return nil }
        return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
    }
}
