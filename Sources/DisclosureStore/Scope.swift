import DisclosureCore
import LibPQ

/// Which agencies' cases a caller may see and work on. Never optional: seeing every agency is a
/// case of its own that says why (a district supervisor, a recomputation after a calendar
/// import, `disclosure verify`), so an absent value can never mean "everything".
public enum Scope: Sendable, Equatable {
    /// The cases of these agencies only (an empty set sees nothing).
    case agencies(Set<Int64>)
    /// Every agency's cases, for the reason given.
    case everything(reason: String)

    public func sees(agency id: Int64) -> Bool {
        switch self {
        case .agencies(let ids): return ids.contains(id)
        case .everything: return true
        }
    }

    public var seesAll: Bool { if case .everything = self { return true } else { return false } }

    /// The one place a scope becomes SQL: a condition on the column that holds a row's agency.
    public func condition(on column: StaticString) -> Query {
        switch self {
        case .agencies(let ids): return "\(raw: column) = ANY(\(ids.sorted()))"
        case .everything: return "true"
        }
    }
}
