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

    /// The same in Simplified Chinese, for the web UI.
    public var chineseDescription: String {
        switch self {
        case .notAllowed(let kind, let state, let allowed):
            let now = state.map { "状态为「\($0.label)」的案件" } ?? "尚未登记的案件"
            let list = allowed.isEmpty ? "现在不能办理任何事项" : "现在可以：" + allowed.map(\.label).joined(separator: "、")
            return "「\(kind.label)」不能用于\(now)；\(list)。"
        case .invalid(let problems):
            return problems.map(\.chinese).joined()
        case .forbidden(let kind, let role):
            return "「\(kind.label)」须由\(role.label)办理。"
        case .staleVersion(let expected, let actual):
            return "案件在您打开后已被修改（您打开的是第\(expected)版，现在是第\(actual)版），请刷新后重试。"
        case .calendar(let failure):
            return failure.chineseDescription
        }
    }
}
