import Mustache
import Testing

@testable import DisclosureWeb

/// A select option answers the templates by hand (a switch, for speed) as reflection would,
/// and a list of them written in one piece is what the Mustache section wrote.
struct SelectOptionTests {
    struct Options {
        let options: [SelectOption]
    }

    static let section = try! MustacheTemplate(string: #"{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}"#)

    @Test func anOptionAnswersForEveryProperty() {
        let option = SelectOption(value: "disclose", label: "予以公开", selected: true)
        for child in Mirror(reflecting: option).children {
            let label = try! #require(child.label)
            #expect(option.child(named: label).map { String(describing: $0) } == String(describing: child.value), "\(label)")
        }
        #expect(option.child(named: "selected") as? Bool == true)
        #expect(option.child(named: "csrf") == nil)
    }

    @Test func optionsWrittenInOnePieceAreWhatTheSectionWrote() {
        let options = [SelectOption(value: "a&b", label: "<全部>", selected: false), SelectOption(value: "9", label: "市中区住建局", selected: true),
                       SelectOption(value: "\"x\"", label: "'引号'", selected: false)]
        #expect(SelectOptions(options: options).renderText == Self.section.render(Options(options: options)))
        #expect(SelectOptions(options: []).renderText == "")
        #expect(SelectOptions(options: []).isNull)
    }
}
