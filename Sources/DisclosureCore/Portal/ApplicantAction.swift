/// What an applicant may do themselves from the tracking page (issue 17 ¶4): withdraw the
/// application (撤回), or answer a correction notice (补正) within its period. The events are
/// the ones an officer would record, written in the applicant's words with the receipt code.
public enum ApplicantAction {
    /// Why the application cannot be withdrawn now; nil when it can. `state` nil: not yet
    /// confirmed, which is withdrawn as a submission without a case.
    public static func withdrawalRefusal(state: CaseState?) -> FieldProblem? {
        switch state {
        case .replied?:
            return FieldProblem("withdraw", "The application has been replied to; a replied application cannot be withdrawn.",
                                "该申请已经答复，不能撤回。如对答复有异议，可以依法申请行政复议或者提起行政诉讼。")
        case .closed?:
            return FieldProblem("withdraw", "The application is closed already.", "该申请已经办结，不能撤回。")
        default:
            return nil
        }
    }

    /// Why a correction cannot be sent now; nil when it can: only while a correction notice
    /// waits, and no later than its last day.
    public static func correctionRefusal(_ snapshot: CaseSnapshot?, today: LocalDate) -> FieldProblem? {
        guard let snapshot, snapshot.state == .awaitingCorrection, let correction = snapshot.correction else {
            return FieldProblem("correction", "No correction notice waits for an answer.", "该申请目前没有需要补正的内容。")
        }
        if today > correction.dueOn {
            return FieldProblem("correction", "The period to correct ended on \(correction.dueOn).",
                                "补正期限已于\(correction.dueOn.chineseDay)届满，不能再在网上补正。如有正当理由，请联系办理机关。")
        }
        return nil
    }

    public static func withdrawal(code: String, on day: LocalDate, by actor: Actor) -> CaseEvent {
        CaseEvent(.withdraw(Note("申请人通过网上平台撤回申请（回执编号\(code)）。")), on: day, by: actor)
    }

    public static func correction(code: String, text: String, on day: LocalDate, by actor: Actor) -> CaseEvent {
        CaseEvent(.correctionReceived(Note("申请人通过网上平台提交补正（回执编号\(code)）：\(text)")), on: day, by: actor)
    }
}
