/// What the portal's store refuses beyond an application's own problems.
public enum PortalError: Error, Equatable, CustomStringConvertible {
    case submissionNotFound(Int64)
    /// Confirmed already (by another officer, or by an earlier click): the case it became.
    case alreadyConfirmed(caseID: Int64)
    /// The applicant withdrew it before it was confirmed.
    case withdrawn

    public var description: String {
        switch self {
        case .submissionNotFound(let id): return "There is no online submission \(id), or it was made to another agency."
        case .alreadyConfirmed(let caseID): return "This submission was confirmed already; it is case \(caseID)."
        case .withdrawn: return "The applicant withdrew this submission before it was confirmed."
        }
    }

    public var chineseDescription: String {
        switch self {
        case .submissionNotFound: return "没有该网上申请，或者它提交给了其他机关。"
        case .alreadyConfirmed: return "该网上申请已经确认收到并登记为案件。"
        case .withdrawn: return "申请人已在确认前撤回该网上申请，无需登记。"
        }
    }
}
