/// Why an event cannot be applied. Each case maps to one kind of API answer: `notAllowed` and
/// `staleVersion` are conflicts (409), `invalid` is a per-field list (422), `forbidden` is 403.
public enum LifecycleError: Error, Equatable, CustomStringConvertible {
    /// The event makes no sense in the case's state; `allowed` lists what can be done now.
    case notAllowed(EventKind, in: CaseState?, allowed: [EventKind])
    case invalid([FieldProblem])
    case forbidden(EventKind, needs: Role)
    case staleVersion(expected: Int, actual: Int)
    /// A computation needs a year the working-day calendar lacks.
    case calendar(WorkCalendar.Failure)

    public var description: String {
        switch self {
        case .notAllowed(let kind, let state, let allowed):
            let now = state.map { "a case that is \($0.rawValue) (\($0.label))" } ?? "a case that does not exist yet"
            let list = allowed.isEmpty ? "nothing" : allowed.map(\.rawValue).joined(separator: ", ")
            return "\(kind.rawValue) is not possible for \(now); allowed now: \(list)."
        case .invalid(let problems):
            return problems.map(\.description).joined(separator: "; ")
        case .forbidden(let kind, let role):
            return "\(kind.rawValue) must be recorded by a \(role.rawValue) (\(role.label))."
        case .staleVersion(let expected, let actual):
            return "The case has changed since you loaded it (you had version \(expected), it is now at \(actual)); reload it and try again."
        case .calendar(let failure):
            return failure.description
        }
    }
}
