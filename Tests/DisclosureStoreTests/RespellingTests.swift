import DisclosureCore
import DisclosureStore
import Testing

/// Respelling on the shipped dictionaries (jieba's words, pypinyin's readings), over the pairs
/// of a few sentences of the regulations standing in for a library: pinyin in full, by
/// initials and mixed with characters, and homophone typos, each written again in characters the
/// sentences hold.
@Suite struct RespellingTests {
    static let library = [
        "行政机关不得公开涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息。",
        "申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人作出补正。",
        "行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。",
        "被征收人可以选择货币补偿，也可以选择房屋产权调换。",
        "市、县级人民政府应当组织召开听证会，并根据听证会情况修改方案。",
        "行政机关内部事务信息，以及在履行行政管理职能过程中形成的讨论记录、过程性信息，可以不予公开。",
        "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。",
        "政府信息公开指南和政府信息公开目录应当及时更新。",
        "依申请公开的政府信息公开会损害第三方合法权益的，行政机关不得公开。",
        "最低生活保障标准由县级以上人民政府按照当地居民生活必需的费用确定。",
    ]

    static let respeller = Respeller(lexicon: SearchDictionary.lexicon, pairs: pairs(of: library))

    static func pairs(of texts: [String]) -> CharacterPairs {
        var pairs = CharacterPairs()
        for text in texts {
            let chars = Array(text)
            for i in chars.indices.dropLast() { pairs.insert(String([chars[i], chars[i + 1]])) }
        }
        return pairs
    }

    @Test(arguments: [
        ("buzheng", "补正"), ("shangyemimi", "商业秘密"), ("gerenyinsi", "个人隐私"), ("xinxichulifei", "信息处理费"),
        ("chanquantiaohuan", "产权调换"), ("tingzhenghui", "听证会"), ("xingzhengfuyi", "行政复议"),
    ])
    func fullPinyin(typed: String, meant: String) {
        #expect(Self.respeller.respell(typed).first == meant)
    }

    @Test(arguments: [("symm", "商业秘密"), ("grys", "个人隐私"), ("xxclf", "信息处理费"), ("cqth", "产权调换"), ("tzh", "听证会"), ("xzfy", "行政复议")])
    func initials(typed: String, meant: String) {
        #expect(Self.respeller.respell(typed).first == meant)
    }

    @Test(arguments: [("商业mimi", "商业秘密"), ("tingzheng会", "听证会"), ("信息chulifei", "信息处理费"), ("产权tiaohuan", "产权调换"), ("商业mm", "商业秘密")])
    func mixed(typed: String, meant: String) {
        #expect(Self.respeller.respell(typed).first == meant)
    }

    @Test(arguments: [
        ("信息处里费", "信息处理费"), ("商业秘蜜", "商业秘密"), ("补证", "补正"), ("个人隐思", "个人隐私"), ("产权掉换", "产权调换"),
        ("过成性信息", "过程性信息"), ("政府信息公开旨南", "政府信息公开指南"), ("行政复意", "行政复议"), ("依申清公开", "依申请公开"),
    ])
    func homophoneTypos(typed: String, meant: String) {
        #expect(Self.respeller.respell(typed).first == meant)
    }

    @Test func aWordOneCharacterOffIsFoundThoughItSoundsDifferent() {
        // 证 zheng is no homophone of 障 zhang, but 最低生活保障 is one character off 最低生活保证.
        #expect(Self.respeller.respell("最低生活保证").first == "最低生活保障")
    }

    @Test func textTheLibraryHoldsIsLeftAlone() {
        #expect(Self.respeller.respell("商业秘密").isEmpty)
        #expect(Self.respeller.respell("听证会").isEmpty)
    }

    @Test func wordsSpelledAsTheDictionarySpellsThemAreNoTypo() {
        // A big library holds the pairs of 低保标准 apart (低保对象, 确保标准) and 低高标准 once:
        // the query is two dictionary words as typed, to be searched as words, not respelled.
        let respeller = Respeller(lexicon: SearchDictionary.lexicon, pairs: Self.pairs(of: ["城乡低保对象", "确保标准", "地势低高标准不一"]))
        #expect(respeller.respell("低保标准").isEmpty)
        #expect(respeller.respell("dibaobiaozhun").first == "低保标准")
    }

    @Test func nothingIsMadeUpThatTheLibraryDoesNotHold() {
        // 妈妈 is far commoner than 秘密 in general text, but these sentences never say it.
        #expect(!Self.respeller.respell("gjmm").contains { $0.contains("妈妈") })
        #expect(Self.respeller.respell("qwxz").isEmpty)
        #expect(Self.respeller.respell("人工智能").isEmpty)
        // Too long to be a term: left to the search by words.
        #expect(Self.respeller.respell(String(repeating: "a", count: Respeller.maxUnits + 1)).isEmpty)
    }
}

