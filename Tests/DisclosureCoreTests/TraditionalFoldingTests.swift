import DisclosureCore
import Testing

/// Folding traditional characters to simplified, against pairs read from OpenCC's TSCharacters
/// by hand (not from the generated table).
@Suite struct TraditionalFoldingTests {
    static let pairs: [(String, String)] = [
        ("資", "资"), ("訊", "讯"), ("國", "国"), ("隱", "隐"), ("補", "补"), ("個", "个"), ("開", "开"), ("政", "政"),
        ("報", "报"), ("當", "当"), ("機", "机"), ("關", "关"), ("處", "处"), ("罰", "罚"), ("請", "请"), ("證", "证"),
        ("書", "书"), ("檔", "档"), ("據", "据"), ("權", "权"), ("衛", "卫"), ("護", "护"), ("縣", "县"), ("鄉", "乡"),
        ("鎮", "镇"), ("區", "区"), ("條", "条"), ("規", "规"), ("歷", "历"), ("錄", "录"), ("檢", "检"), ("億", "亿"),
        ("後", "后"), ("隻", "只"), ("髮", "发"), ("發", "发"), ("麼", "么"), ("裡", "里"), ("為", "为"), ("灣", "湾"),
        ("與", "与"), ("臺", "台"), ("於", "于"), ("徵", "征"), ("乾", "干"), ("餘", "余"), ("衞", "卫"), ("敍", "叙"),
    ]

    @Test func traditionalCharactersFoldToSimplified() {
        for (traditional, simplified) in Self.pairs {
            #expect(TraditionalFolding.fold(traditional) == simplified, "\(traditional)")
        }
        #expect(TraditionalFolding.fold("政府資訊公開") == "政府资讯公开")
        #expect(TraditionalFolding.fold("國家秘密") == "国家秘密")
        #expect(TraditionalFolding.fold("個人隱私") == "个人隐私")
        #expect(TraditionalFolding.fold("補正") == "补正")
    }

    /// Simplified text keeps every character, those that are also traditional forms included
    /// (才, 只, 么, 台, 著, 瞭望 are written so in simplified text).
    @Test func simplifiedTextIsUnchanged() {
        let text = "为了保障公民依法获取政府信息，才、只、什么、台湾、著名、瞭望、抬头、阪、税收，依据条例第十五条。ABC ｱ 123"
        #expect(TraditionalFolding.fold(text) == text)
        #expect(!TraditionalFolding.holdsTraditional(text))
    }

    @Test func mixedTextFoldsOnlyItsTraditionalCharacters() {
        let mixed = "申请公开國有土地上房屋徵收補償方案 (2024年, No.17)"
        #expect(TraditionalFolding.fold(mixed) == "申请公开国有土地上房屋征收补偿方案 (2024年, No.17)")
        #expect(TraditionalFolding.holdsTraditional(mixed))
        #expect(TraditionalFolding.fold(mixed).count == mixed.count)
        // Folding twice changes nothing.
        #expect(TraditionalFolding.fold(TraditionalFolding.fold(mixed)) == TraditionalFolding.fold(mixed))
    }

    @Test func taiwansWordsGiveTheMainlandOnes() {
        #expect(TraditionalFolding.mainlandWording("政府资讯公开") == "政府信息公开")
        #expect(TraditionalFolding.mainlandWording("国家秘密") == nil)
        #expect(TraditionalFolding.withMainlandWording(["资讯公开", "信息公开"]) == ["资讯公开", "信息公开"])
        #expect(TraditionalFolding.withMainlandWording(["资讯公开"]) == ["资讯公开", "信息公开"])
    }

    /// The highlighter marks a traditional text's words where the folded query matched them.
    @Test func theHighlighterMarksTraditionalText() {
        #expect(Highlighter.terms("政府資訊公開 個人隱私") == ["政府资讯公开", "个人隐私"])
        let snippet = Highlighter.snippet("本機關認為該資訊涉及個人隱私，不予公開。", terms: ["个人隐私", "公开"])
        #expect(snippet.filter(\.marked).map(\.text) == ["個人隱私", "公開"])
        // And simplified text is marked by a traditional query.
        let plain = Highlighter.snippet("该信息涉及个人隐私。", terms: Highlighter.terms("個人隱私"))
        #expect(plain.filter(\.marked).map(\.text) == ["个人隐私"])
    }
}
