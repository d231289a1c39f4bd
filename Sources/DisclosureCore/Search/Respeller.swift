/// A query term written again in the characters a library holds (issue 15), for the terms its
/// characters do not find: pinyin typed in full or by initials (buzheng, zfxxgk, 政府xinxi,
/// tingzheng会) and homophone typos (信息处里费 → 信息处理费, 补证 → 补正).
///
/// The term is a row of units — letters, and characters with their readings — and a respelling
/// covers it with dictionary words whose spelling (or initials, for letters) the units give, the
/// cheapest route winning as in the segmenter: each word costs −ln of its probability, a typed
/// character replaced costs `changeCost`, a word taken by initials `initialsCost` more. Only
/// words whose adjacent characters the library holds are used, across word boundaries too, so a
/// respelling is text the index has, not merely Chinese.
public struct Respeller: Sendable {
    let lexicon: PinyinLexicon
    let pairs: CharacterPairs

    /// Replacing a character the user typed: dearer than any common word, so a typed character
    /// is kept whenever the library holds it where it stands.
    static let changeCost = 7.0
    /// A word found by its initials only: the full spelling, when the letters give one, wins.
    static let initialsCost = 4.0
    /// A word one typed character off that does not sound like it (a word of three characters or
    /// more): dearer than a homophone.
    static let nearMissCost = 3.0
    /// A typed character the dictionary does not know, kept as it is.
    static let unknownCost = 14.0
    /// Routes kept at each position, and words tried for each stretch of the term.
    static let beam = 12
    static let wordsTried = 32
    /// Longer terms are not respelled: a question is searched by its words instead (respelling
    /// 我想知道申请公开政府信息要不要交钱 only cost time, and risked a wrong respelling).
    public static let maxUnits = 16

    public init(lexicon: PinyinLexicon, pairs: CharacterPairs) {
        self.lexicon = lexicon
        self.pairs = pairs
    }

    enum Unit: Equatable {
        case letter(Character)
        case han(Character)
        /// Digits and the like: kept, and no word runs across them.
        case other(Character)
    }

    struct Route {
        var cost: Double
        var text: String
        var last: Character?
    }

    /// The respellings of `term` (lower case, as Highlighter.terms gives it), the best first, at
    /// most `limit`, never the term itself; empty when none is found, or when the term as typed
    /// is the likeliest reading of itself. A term whose every pair the library holds may still be
    /// in no entry (a big library holds 保账 somewhere), so it is respelled too: the caller asks
    /// only for terms its search did not find.
    public func respell(_ term: String, limit: Int = 3) -> [String] {
        respellings(term, limit: limit).map(\.text)
    }

    /// A respelling and what it cost: the lower, the likelier.
    public struct Respelling: Sendable, Equatable {
        public var text: String
        public var cost: Double
    }

    /// The respellings of `term` with their costs, the cheapest first (see `respell`).
    public func respellings(_ term: String, limit: Int = 3) -> [Respelling] {
        let units = Self.units(term)
        guard !units.isEmpty, units.count <= Self.maxUnits else { return [] }
        let hasLetters = units.contains { if case .letter = $0 { return true } else { return false } }
        let hasHan = units.contains { if case .han = $0 { return true } else { return false } }
        guard hasLetters || hasHan else { return [] }

        let n = units.count
        var routes = [[Route]](repeating: [], count: n + 1)
        routes[0] = [Route(cost: 0, text: "", last: nil)]
        var usable: [String: Bool] = [:]
        func holds(_ word: String) -> Bool {
            if let known = usable[word] { return known }
            let held = pairs.holdsEveryPair(of: word)
            usable[word] = held
            return held
        }
        for i in 0..<n where !routes[i].isEmpty {
            if case .other(let ch) = units[i] {
                routes[i + 1] = routes[i].map { Route(cost: $0.cost, text: $0.text + String(ch), last: nil) }
                continue
            }
            for j in (i + 1)...min(n, i + lexicon.longestSpelling) {
                let span = units[i..<j]
                if span.contains(where: { if case .other = $0 { return true } else { return false } }) { break }
                for (word, cost) in candidates(span, holds: holds) {
                    guard let first = word.first else { continue }
                    for route in routes[i] {
                        if let last = route.last, !pairs.contains(last, first) { continue }
                        Self.keep(Route(cost: route.cost + cost, text: route.text + word, last: word.last), in: &routes[j])
                    }
                }
            }
        }
        let original = units.map(\.character).reduce(into: "") { $0.append($1) }
        let sorted = routes[n].sorted(by: { $0.cost < $1.cost })
        // Read best as typed (低保标准: two dictionary words the library holds): no typo, however
        // near another spelling is (低高标准).
        if sorted.first?.text == original { return [] }
        var out: [Respelling] = []
        for route in sorted where route.text != original && !out.contains(where: { $0.text == route.text }) {
            // A respelling of one character says little: 费 for fei finds everything.
            guard route.text.count >= 2 else { continue }
            out.append(Respelling(text: route.text, cost: route.cost))
            if out.count == limit { break }
        }
        return out
    }

    /// The words a stretch of the term may be, each with its cost there.
    func candidates(_ span: ArraySlice<Unit>, holds: (String) -> Bool) -> [(String, Double)] {
        var out: [(String, Double)] = []
        let typed = span.compactMap { if case .han(let ch) = $0 { return ch } else { return nil } }
        let lettersOnly = typed.isEmpty
        func add(_ words: [PinyinLexicon.Word], extra: Double) {
            var tried = 0
            for word in words where holds(word.text) {
                out.append((word.text, word.cost + extra + changes(typed, in: word.text, span: span)))
                tried += 1
                if tried == Self.wordsTried { break }
            }
        }
        for key in spellings(span) {
            guard key.count <= lexicon.longestSpelling, let words = lexicon.bySpelling[key] else { continue }
            add(words, extra: 0)
        }
        // One character off, whatever it sounds like (最低生活保证 → 最低生活保障).
        if typed.count == span.count, typed.count >= 3 {
            for i in typed.indices {
                guard let words = lexicon.byMasked[PinyinLexicon.masked(typed, at: i)] else { continue }
                add(words.filter { $0.text != String(typed) }, extra: Self.nearMissCost)
            }
        }
        if lettersOnly, span.count <= 8 {
            let initials = String(span.map(\.character))
            if let words = lexicon.byInitials[initials] { add(words, extra: Self.initialsCost) }
        }
        // A typed character stays itself, even one the dictionary does not know.
        if span.count == 1, let ch = typed.first, !out.contains(where: { $0.0 == String(ch) }) {
            out.append((String(ch), Self.unknownCost))
        }
        return out
    }

    /// What replacing typed characters costs: each typed character of the stretch not at its
    /// place in the word (a stretch of characters only) or not in it at all (with letters).
    func changes(_ typed: [Character], in word: String, span: ArraySlice<Unit>) -> Double {
        guard !typed.isEmpty else { return 0 }
        let chars = Array(word)
        if typed.count == span.count, chars.count == typed.count {
            return Double(zip(typed, chars).count { $0 != $1 }) * Self.changeCost
        }
        return Double(typed.count { !chars.contains($0) }) * Self.changeCost
    }

    /// The spellings a stretch gives: its letters as typed, each character in any of its first
    /// three readings (at most 16 spellings).
    func spellings(_ span: ArraySlice<Unit>) -> [String] {
        var keys = [""]
        for unit in span {
            switch unit {
            case .letter(let ch): keys = keys.map { $0 + String(ch) }
            case .han(let ch):
                let readings = lexicon.table.readings(ch).prefix(3)
                guard !readings.isEmpty else { return [] }
                keys = Array(keys.flatMap { key in readings.map { key + $0 } }.prefix(16))
            case .other: return []
            }
        }
        return keys
    }

    static func keep(_ route: Route, in routes: inout [Route]) {
        if let same = routes.firstIndex(where: { $0.text == route.text }) {
            if route.cost < routes[same].cost { routes[same] = route }
            return
        }
        if routes.count < beam {
            routes.append(route)
            return
        }
        guard let worst = routes.indices.max(by: { routes[$0].cost < routes[$1].cost }), routes[worst].cost > route.cost else { return }
        routes[worst] = route
    }

    static func units(_ term: String) -> [Unit] {
        term.map { ch in
            if QueryWords.isChinese(ch) { return .han(ch) }
            if ch.isASCII, ch.isLetter { return .letter(Character(ch.lowercased())) }
            return .other(ch)
        }
    }
}

extension Respeller.Unit {
    var character: Character {
        switch self {
        case .letter(let ch), .han(let ch), .other(let ch): return ch
        }
    }
}
