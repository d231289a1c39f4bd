import Mustache
import Testing

@testable import DisclosureWeb

/// HTMLText escapes as Mustache does, so pages read the same whichever escapes them.
struct HTMLTextTests {
    struct Value {
        let text: String
    }

    static let mustache = try! MustacheTemplate(string: "{{text}}")

    @Test(arguments: ["", "政府信息公开", "<a href=\"x\">'甲' & 乙</a>", "&amp;", "a<b>c", "emoji 👩‍👩‍👧 > 1", "é\u{301}'", "\u{0}\n\t"])
    func escapesAsMustacheDoes(_ text: String) {
        #expect(HTMLText.escape(text) == Self.mustache.render(Value(text: text)))
    }

    @Test func textWithNothingToEscapeIsReturnedAsItIs() {
        #expect(HTMLText.escape("申请公开经七路片区旧城改造征收补偿方案") == "申请公开经七路片区旧城改造征收补偿方案")
        #expect(HTMLText.escape("<") == "&lt;")
    }
}
