import DisclosureCore

/// What the case store refuses beyond the lifecycle's own rules.
public enum CaseStoreError: Error, Equatable, CustomStringConvertible {
    case caseNotFound(Int64)

    public var description: String {
        switch self {
        case .caseNotFound(let id): return "There is no case \(id)."
        }
    }
}
