import Mustache
import Testing

@testable import DisclosureWeb

/// The templates read a wrapped view exactly as Mustache reads the plain one; the wrapping only
/// changes how often it is reflected.
struct ReflectedViewTests {
    struct Event {
        let label: String
        let note: String?
    }

    struct CaseView {
        let number: String
        let contact: String?
        let events: [Event]
        let tags: [String]
        let urgent: Bool
        let due: Due?
    }

    struct Due: CustomStringConvertible {
        let day: Int
        var description: String { "第\(day)日" }
    }

    final class Counter {
        var count = 1
    }

    let template = try! MustacheTemplate(string: """
        {{number}}|{{#contact}}联系：{{contact}}{{/contact}}{{^contact}}无联系方式{{/contact}}|\
        {{#events}}[{{label}}/{{number}}{{#note}}:{{note}}{{/note}}]{{/events}}|\
        {{#tags}}{{.}},{{/tags}}{{^empty(tags)}}有标签{{/empty(tags)}}|{{#urgent}}急{{/urgent}}|{{due}}
        """)

    func rendered(_ view: CaseView) -> (plain: String, wrapped: String) {
        (template.render(view), template.render(ReflectedView.wrap(view)))
    }

    @Test func aWrappedViewRendersAsThePlainOne() {
        let view = CaseView(number: "2026-001", contact: "13800000000", events: [Event(label: "登记", note: nil), Event(label: "补正", note: "缺身份证明")],
                            tags: ["征收", "补偿"], urgent: true, due: Due(day: 20))
        let (plain, wrapped) = rendered(view)
        #expect(wrapped == plain)
        #expect(wrapped == "2026-001|联系：13800000000|[登记/2026-001][补正/2026-001:缺身份证明]|征收,补偿,有标签|急|第20日")
    }

    @Test func aNilOptionalIsAFalseSectionAndAnEmptyListIsEmpty() {
        let view = CaseView(number: "2026-002", contact: nil, events: [], tags: [], urgent: false, due: nil)
        let (plain, wrapped) = rendered(view)
        #expect(wrapped == plain)
        #expect(wrapped == "2026-002|无联系方式||||")
    }

    @Test func aValueIsReflectedOnceSoLaterChangesAreNotSeen() throws {
        let counter = Counter()
        let view = try #require(ReflectedView.wrap(counter) as? ReflectedView)
        #expect(view.child(named: "count") as? Int == 1)
        counter.count = 2
        #expect(view.child(named: "count") as? Int == 1)
    }

    @Test func textAndNumbersAreLeftAsTheyAre() {
        #expect(ReflectedView.wrap("文本") as? String == "文本")
        #expect(ReflectedView.wrap(["甲", "乙"]) as? [String] == ["甲", "乙"])
        #expect(ReflectedView.wrap(Optional<Int>.none) == nil)
        #expect(ReflectedView.wrap(Optional(3)) as? Int == 3)
    }
}
