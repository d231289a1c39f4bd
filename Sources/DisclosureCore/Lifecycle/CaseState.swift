/// Where a case stands (domain.md §3). The raw values are the codes the API and database use.
public enum CaseState: String, CaseIterable, Sendable, Codable {
    case registered = "registered"
    case awaitingCorrection = "awaiting_correction"
    case inProgress = "in_progress"
    case consulting = "consulting"
    case awaitingReasons = "awaiting_reasons"
    case awaitingFee = "awaiting_fee"
    case pendingSignoff = "pending_signoff"
    /// 已签发，待发出: the supervisor signed the reply letter off and it was numbered; the
    /// officer issues it (the reply's date ends the clock).
    case toIssue = "to_issue"
    case replied = "replied"
    case closed = "closed"

    public var label: String {
        switch self {
        case .registered: return "已登记"
        case .awaitingCorrection: return "待补正"
        case .inProgress: return "办理中"
        case .consulting: return "征求意见中"
        case .awaitingReasons: return "待说明理由"
        case .awaitingFee: return "待缴费"
        case .pendingSignoff: return "待审签"
        case .toIssue: return "已签发待发出"
        case .replied: return "已答复"
        case .closed: return "已归档"
        }
    }

    /// Still owed a reply: counts toward deadlines and the carried-over rows of the report.
    public var isOpen: Bool { self != .replied && self != .closed }
}
