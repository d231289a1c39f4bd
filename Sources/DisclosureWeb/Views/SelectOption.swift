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
