import Mustache

/// A view as the templates read it: its stored properties are found by reflection once per
/// value, not once per tag.
///
/// Mustache's own lookup builds a `Mirror` of the whole value for every `{{name}}`, and again
/// for every level of the context stack it climbs to find a name a row does not have. On the
/// case page that was about 70 % of the service's CPU (`perf`, `disclosure bench service` at a
/// million cases: case HTML at 0.11× pgbench). Here each struct is reflected once, when a tag
/// first asks it for a name, and what it holds is wrapped the same way.
final class ReflectedView: MustacheParent, CustomStringConvertible {
    private let value: Any
    private var fields: [String: Any]?

    private init(_ value: Any) { self.value = value }

    func child(named name: String) -> Any? {
        if let fields { return fields[name] }
        var found: [String: Any] = [:]
        for child in Mirror(reflecting: value).children {
            guard let label = child.label, let wrapped = Self.wrap(child.value) else { continue }
            found[label] = wrapped
        }
        fields = found
        return found[name]
    }

    private static let plainTypes: Set<ObjectIdentifier> = [
        ObjectIdentifier(String.self), ObjectIdentifier(Int.self), ObjectIdentifier(Int64.self),
        ObjectIdentifier(Bool.self), ObjectIdentifier(Double.self),
    ]

    /// What `{{view}}` prints: the value itself, as Mustache would print it unwrapped.
    var description: String { String(describing: value) }

    /// A value as a template should see it: an optional unwrapped (nil when empty, so the
    /// lookup climbs the stack and a section is false, as Mustache does), a struct or class
    /// wrapped to be reflected once, an array's elements wrapped; text, numbers, flags,
    /// enumerations and values that answer Mustache themselves as they are.
    static func wrap(_ value: Any) -> Any? {
        // The commonest types by identity first: each `is` of a protocol asks the runtime's
        // conformance tables.
        let type = ObjectIdentifier(Swift.type(of: value))
        if Self.plainTypes.contains(type) { return value }
        if value is any MustacheParent || value is any MustacheCustomRenderable || value is MustacheLambda { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { wrap($0.value) }
        case .struct, .class:
            return ReflectedView(value)
        case .collection:
            guard let elements = value as? [Any], let first = elements.first else { return value }
            // A list of text or numbers is left as it is, so the templates' transforms still sort it.
            guard wrap(first) is ReflectedView else { return value }
            return elements.compactMap(wrap)
        default:
            return value
        }
    }
}
