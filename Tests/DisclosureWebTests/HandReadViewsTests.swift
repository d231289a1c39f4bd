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

    @Test func aSelectOptionAnswersForEveryProperty() {
        let option = SelectOption(value: "disclose", label: "予以公开", selected: true)
        #expect(mismatches(option) == [])
        #expect(option.child(named: "selected") as? Bool == true)
    }
}
