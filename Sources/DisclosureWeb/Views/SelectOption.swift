import Mustache

/// One `<option>` of a `<select>`: the value sent, the words shown, and whether it is chosen.
/// Shared by the filter and entry forms, whose selects all look alike.
struct SelectOption {
    let value: String
    let label: String
    let selected: Bool

    /// Every case of a coded list, in order.
    static func all<T: CaseIterable & RawRepresentable>(_ type: T.Type, label: (T) -> String, selected: (T) -> Bool) -> [SelectOption]
    where T.RawValue == String {
        T.allCases.map { SelectOption(value: $0.rawValue, label: label($0), selected: selected($0)) }
    }
}

/// Read by hand, not by reflection (ReflectedView): the list's filter has some fifty options.
extension SelectOption: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

/// The `<option>`s of a select written in one piece: the case list's filter has some sixty,
/// each three Mustache values, a fifth of the list page's time in swift-mustache. The markup
/// is what `{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}`
/// writes (SelectOptionTests); the template places it unescaped, `{{{options}}}`.
struct SelectOptions: MustacheCustomRenderable {
    let options: [SelectOption]

    var isNull: Bool { options.isEmpty }

    var renderText: String {
        var html = ""
        for option in options {
            html += "<option value=\"\(HTMLText.escape(option.value))\"\(option.selected ? " selected" : "")>\(HTMLText.escape(option.label))</option>"
        }
        return html
    }
}
