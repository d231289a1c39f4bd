import Mustache
import Testing

@testable import DisclosureWeb

/// The views that answer the templates by hand (a switch, for speed) answer for every stored
/// property, with the property's own value, as reflection would.
struct HandReadViewsTests {
    /// Every stored property by reflection beside the hand-written answer for its name.
    func mismatches(_ view: some MustacheParent) -> [String] {
        Mirror(reflecting: view).children.compactMap { child in
            guard let label = child.label else { return nil }
            let expected = ReflectedView.wrap(child.value).map { String(describing: $0) }
            let answered = view.child(named: label).map { String(describing: $0) }
            return expected == answered ? nil : label
        }
    }

    @Test func aCaseRowAnswersForEveryProperty() {
        let row = CaseRow(id: 7, number: "市中区住建局〔2026〕依申7号", subject: "拆迁补偿", state: "办理中", pendingExtension: "申请延长20个工作日",
                          agency: "市中区住建局", kind: "自然人", received: "2026年11月2日", due: "2026年11月30日", urgency: "soon",
                          urgencyWord: "明天到期", provisional: "预计", disposition: "拟：予以公开")
        #expect(mismatches(row) == [])
        #expect(row.child(named: "urgencyWord") as? String == "明天到期")
        let replied = CaseRow(id: 8, number: "8", subject: "", state: "已答复", pendingExtension: nil, agency: "", kind: "", received: "", due: "",
                              urgency: "", urgencyWord: nil, provisional: nil, disposition: "予以公开")
        #expect(mismatches(replied) == [])
        #expect(replied.child(named: "urgencyWord") == nil)
        #expect(replied.child(named: "csrf") == nil)
    }

    @Test func aSelectOptionAnswersForEveryProperty() {
        let option = SelectOption(value: "disclose", label: "予以公开", selected: true)
        #expect(mismatches(option) == [])
        #expect(option.child(named: "selected") as? Bool == true)
    }
}
