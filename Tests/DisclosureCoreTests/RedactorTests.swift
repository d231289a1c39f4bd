import DisclosureCore
import Testing

@Suite struct RedactorTests {
    let text = """
        申请人张三（身份证号370103198001011233，电话13800138000，座机0531-86001234，邮箱zhangsan@example.cn）\
        住济南市市中区经七路1号，申请公开市中区住建局依申〔2024〕第0012号案件所涉征收补偿方案。张三称其房屋在范围内。
        """
    let known = Redactor.Known(names: ["张三"], addresses: ["济南市市中区经七路1号"], caseNumbers: ["市中区住建局依申〔2024〕第0012号"])

    @Test func everyKindOfPersonalDataIsProposed() {
        let proposals = Redactor.proposals(in: text, known: known)
        let byKind = Dictionary(grouping: proposals, by: \.kind).mapValues { $0.map(\.original) }
        #expect(byKind[.name] == ["张三"])
        #expect(byKind[.identityNumber] == ["370103198001011233"])
        #expect(Set(byKind[.phone] ?? []) == ["13800138000", "0531-86001234"])
        #expect(byKind[.email] == ["zhangsan@example.cn"])
        #expect(byKind[.address] == ["济南市市中区经七路1号"])
        #expect(byKind[.caseNumber] == ["市中区住建局依申〔2024〕第0012号"])
    }

    @Test func applyingThemLeavesNoneOfTheOriginals() {
        let proposals = Redactor.proposals(in: text, known: known)
        let redacted = Redactor.apply(proposals, to: text)
        for p in proposals { #expect(!redacted.contains(p.original), "\(p.original)") }
        #expect(redacted.contains("某某称其房屋在范围内"))
        #expect(redacted.contains("征收补偿方案"))
        // A proposal the person unticks stays as written.
        let kept = Redactor.apply(proposals.filter { $0.kind != .caseNumber }, to: text)
        #expect(kept.contains("市中区住建局依申〔2024〕第0012号"))
    }

    @Test func ordinaryNumbersAreLeftAlone() {
        let plain = "2024年收到申请120件，预算3500万元，文号济政发〔2023〕5号。"
        #expect(Redactor.proposals(in: plain, known: Redactor.Known()).isEmpty)
    }
}
