/// Where an application stands, in the words an applicant reads on the tracking page: no
/// state codes and no office jargon (待审签 means nothing to them: the reply is being written).
public struct PortalProgress: Sendable, Equatable {
    public let title: String
    public let explanation: String

    /// `state` nil: submitted and not yet confirmed by the agency (Art. 31); `withdrawn`: and
    /// withdrawn by the applicant before that.
    public init(state: CaseState?, withdrawn: Bool = false) {
        if state == nil, withdrawn {
            title = "已撤回"
            explanation = "您已在行政机关确认收到前撤回该申请，行政机关不再处理。"
            return
        }
        switch state {
        case nil:
            title = "待确认"
            explanation = "您的申请已提交，等待行政机关确认收到。确认之日为收到申请之日，答复期限自该日起计算。"
        case .registered?, .inProgress?, .pendingSignoff?, .toIssue?:
            title = "办理中"
            explanation = "行政机关已收到您的申请，正在办理。"
        case .awaitingCorrection?:
            title = "待补正"
            explanation = "申请内容需要补正，请按补正告知书的要求在期限内补正。补正期间答复期限暂停计算，收到补正后重新计算。"
        case .consulting?:
            title = "征求意见中"
            explanation = "行政机关正在征求第三方或者其他机关的意见，所需时间不计算在答复期限内。"
        case .awaitingReasons?:
            title = "待说明理由"
            explanation = "行政机关请您说明申请理由（条例第三十五条），请按告知书的要求答复。"
        case .awaitingFee?:
            title = "待缴费"
            explanation = "行政机关已发出收费通知，请按通知缴纳信息处理费。缴费期间答复期限暂停计算。"
        case .replied?:
            title = "已答复"
            explanation = "行政机关已作出答复，答复书见下方文书。"
        case .closed?:
            title = "已办结"
            explanation = "该申请已办理完毕。"
        }
    }
}
