import DisclosureCore
import Synchronization

/// Pinyin keys for suggestion terms: full (chaiqian) and initials (cq), read by word from the
/// pinyin table (SearchDictionary.pinyin: 银行 yin hang, 长期 chang qi). Whoever types another
/// reading of a common polyphonic character finds the term too (长期 → changqi, zhangqi).
enum Pinyin {
    /// The readings of common polyphonic characters (多音字), without tones.
    static let readings: [Character: [String]] = [
        "行": ["xing", "hang"], "长": ["chang", "zhang"], "重": ["zhong", "chong"], "调": ["diao", "tiao"], "单": ["dan", "shan"],
        "会": ["hui", "kuai"], "省": ["sheng", "xing"], "还": ["hai", "huan"], "传": ["chuan", "zhuan"], "参": ["can", "shen"],
        "差": ["cha", "chai"], "朝": ["chao", "zhao"], "曾": ["ceng", "zeng"], "都": ["du", "dou"], "给": ["gei", "ji"],
        "合": ["he", "ge"], "降": ["jiang", "xiang"], "解": ["jie", "xie"], "乐": ["le", "yue"], "率": ["lv", "lu", "shuai"],
        "便": ["bian", "pian"], "度": ["du", "duo"], "区": ["qu", "ou"], "藏": ["cang", "zang"], "属": ["shu", "zhu"],
        "露": ["lu", "lou"], "薄": ["bo", "bao"], "强": ["qiang", "jiang"], "系": ["xi", "ji"], "着": ["zhe", "zhao", "zhuo"],
        "地": ["di", "de"], "得": ["de", "dei"], "没": ["mei", "mo"], "卡": ["ka", "qia"], "称": ["cheng", "chen"],
        "角": ["jiao", "jue"], "期": ["qi", "ji"], "车": ["che", "ju"], "石": ["shi", "dan"], "盛": ["sheng", "cheng"],
        "宿": ["su", "xiu"], "校": ["xiao", "jiao"], "核": ["he", "hu"], "说": ["shuo", "shui"], "查": ["cha", "zha"],
        "奇": ["qi", "ji"], "恶": ["e", "wu"], "厦": ["sha", "xia"], "弄": ["nong", "long"], "沈": ["shen", "chen"],
        "秘": ["mi", "bi"], "圈": ["quan", "juan"], "供": ["gong"], "处": ["chu"], "量": ["liang"], "数": ["shu"],
        "几": ["ji"], "干": ["gan"], "发": ["fa"], "分": ["fen"], "为": ["wei"], "种": ["zhong"], "相": ["xiang"],
        "应": ["ying"], "教": ["jiao"], "难": ["nan"], "间": ["jian"], "结": ["jie"], "空": ["kong"], "假": ["jia"],
    ]

    /// The syllables of a Chinese term read word by word; nil for text that is not all Chinese.
    static func syllables(_ term: String) -> [String]? {
        SearchDictionary.pinyin.syllables(TraditionalFolding.fold(term), segmenter: SearchDictionary.segmenter)
    }

    /// Terms rarely change: remember their keys.
    static let cache = Mutex<[String: [String]]>([:])

    /// The keys a term is found by while typing: itself, its full pinyin, its initials.
    static func keys(for term: String) -> [String] {
        if let known = cache.withLock({ $0[term] }) { return known }
        let keys = computeKeys(term)
        cache.withLock { $0[term] = keys }
        return keys
    }

    static func computeKeys(_ term: String) -> [String] {
        // A term written in traditional characters is found by its simplified form too (issue 15).
        var keys = [term.lowercased(), TraditionalFolding.fold(term.lowercased())]
        for syllables in spellings(term) {
            keys.append(syllables.joined())
            keys.append(String(syllables.compactMap(\.first)))
        }
        return Array(Set(keys)).sorted()
    }

    /// The reading by word and the same with the other readings of its common polyphonic
    /// characters (at most 16 spellings).
    static func spellings(_ term: String) -> [[String]] {
        guard let first = syllables(term) else { return [] }
        let characters = Array(term)
        guard characters.count == first.count else { return [first] }
        var spellings = [first]
        for (i, character) in characters.enumerated() {
            guard let others = readings[character] else { continue }
            spellings = Array(spellings.flatMap { spelling in
                [spelling] + others.filter { $0 != spelling[i] }.map { reading in
                    var variant = spelling
                    variant[i] = reading
                    return variant
                }
            }.prefix(16))
        }
        return spellings
    }
}
