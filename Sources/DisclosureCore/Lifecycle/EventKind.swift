/// Every kind of entry in a case's history (domain.md §3). The raw values are the codes of the
/// API, the database and the CLI.
public enum EventKind: String, CaseIterable, Sendable, Codable {
    case register = "register"
    case requestCorrection = "request_correction"
    case correctionReceived = "correction_received"
    case correctionLapsed = "correction_lapsed"
    case startConsultation = "start_consultation"
    case consultationAnswered = "consultation_answered"
    case consultationLapsed = "consultation_lapsed"
    case assist = "assist"
    case assistReturned = "assist_returned"
    case transfer = "transfer"
    case requestReasons = "request_reasons"
    case approveDelay = "approve_delay"
    case issueFeeNotice = "issue_fee_notice"
    case feePaid = "fee_paid"
    case feeLapsed = "fee_lapsed"
    case requestExtension = "request_extension"
    case approveExtension = "approve_extension"
    case rejectExtension = "reject_extension"
    case submitForSignoff = "submit_for_signoff"
    case signOff = "sign_off"
    case returnForRevision = "return_for_revision"
    case reply = "reply"
    case recordDelivery = "record_delivery"
    case withdraw = "withdraw"
    case archive = "archive"
    case recordReview = "record_review"
    case recordLitigation = "record_litigation"
    case reopen = "reopen"
    case recordCommunication = "record_communication"
    case flagComplex = "flag_complex"
    case correctEntry = "correct_entry"
    case recomputeDeadlines = "recompute_deadlines"

    public var label: String {
        switch self {
        case .register: return "登记"
        case .requestCorrection: return "补正告知"
        case .correctionReceived: return "收到补正"
        case .correctionLapsed: return "逾期未补正"
        case .startConsultation: return "征求意见"
        case .consultationAnswered: return "收到意见"
        case .consultationLapsed: return "征求意见逾期"
        case .assist: return "协办"
        case .assistReturned: return "协办反馈"
        case .transfer: return "转办"
        case .requestReasons: return "要求说明理由"
        case .approveDelay: return "批准延迟答复"
        case .issueFeeNotice: return "收费通知"
        case .feePaid: return "已缴费"
        case .feeLapsed: return "逾期未缴费"
        case .requestExtension: return "申请延期"
        case .approveExtension: return "批准延期"
        case .rejectExtension: return "不批准延期"
        case .submitForSignoff: return "提交审签"
        case .signOff: return "审签通过"
        case .returnForRevision: return "退回修改"
        case .reply: return "答复"
        case .recordDelivery: return "送达"
        case .withdraw: return "撤回"
        case .archive: return "归档"
        case .recordReview: return "行政复议"
        case .recordLitigation: return "行政诉讼"
        case .reopen: return "重新办理"
        case .recordCommunication: return "沟通记录"
        case .flagComplex: return "标记疑难复杂"
        case .correctEntry: return "更正记录"
        case .recomputeDeadlines: return "期限重新计算"
        }
    }

    /// Recorded by the system itself (when a holiday notice is imported), never by a user's
    /// request.
    public var isRecordedBySystem: Bool {
        switch self {
        case .recomputeDeadlines: return true
        default: return false
        }
    }
}
