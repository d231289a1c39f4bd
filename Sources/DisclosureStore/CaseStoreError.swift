import DisclosureCore

/// What the case store refuses beyond the lifecycle's own rules.
public enum CaseStoreError: Error, Equatable, CustomStringConvertible {
    case caseNotFound(Int64)
    /// Registering for an agency the user does not work for.
    case notYourAgency(Int64)

    public var description: String {
        switch self {
        case .caseNotFound(let id): return "There is no case \(id)."
        case .notYourAgency(let id): return "You can register applications only for the agencies you work for; agency \(id) is not one of them."
        }
    }

    public var chineseDescription: String {
        switch self {
        case .caseNotFound(let id): return "没有编号为\(id)的案件，或您无权查看。"
        case .notYourAgency: return "您只能为本人所在机关登记申请。"
        }
    }
}
