/// How a reply (答复书) states its decision, in the words a clerk would sign: what the agency
/// found, the articles of 《中华人民共和国政府信息公开条例》 (2019) the decision rests on, the
/// decision itself, and how the officer's reasons are introduced. One wording per disposition;
/// the bare report label (部分公开) is never the decision sentence.
public struct ReplyWording: Sendable, Equatable {
    /// What review found, a clause opening the decision paragraph (经审查，…); empty when the
    /// officer's reasons say it all (其他处理).
    public var finding: String
    /// The instrument the decision rests on: the regulation, or the fee measures.
    public var instrument: String
    /// Its articles, each as cited (第十四条, 第三十六条第（三）项); empty where none names the outcome.
    public var articles: [String]
    /// What the agency decides (本机关决定不予公开).
    public var decision: String
    /// The words before the officer's reasons (不予公开的理由如下：).
    public var reasonsLead: String

    static let regulation = "《中华人民共和国政府信息公开条例》"

    init(_ finding: String, articles: [String], _ decision: String, reasons: String, instrument: String = ReplyWording.regulation) {
        self.finding = finding
        self.instrument = instrument
        self.articles = articles
        self.decision = decision
        self.reasonsLead = reasons
    }

    /// The citation: 《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项.
    public var basis: String { instrument + articles.joined(separator: "、") }

    /// The decision paragraph. The officer's legal basis comes first when given; the articles the
    /// outcome rests on that it does not name follow it, so none is lost and none is said twice.
    public func sentence(officerBasis: String?) -> String {
        let lead = finding.isEmpty ? "经审查，" : finding + "。"
        return lead + "根据\(citation(officerBasis))的规定，\(decision)。"
    }

    func citation(_ officerBasis: String?) -> String {
        let own = officerBasis?.trimmingCharactersInWhitespace() ?? ""
        guard !own.isEmpty else { return basis }
        let missing = articles.filter { !own.contains($0) }
        if articles.isEmpty { return own.contains(instrument) ? own : own + "和" + instrument }
        if missing.isEmpty { return own }
        // The officer's citation ends in the same instrument: its articles simply continue.
        if let book = own.lastIndex(of: "《"), own[book...].hasPrefix(instrument) { return own + "、" + missing.joined(separator: "、") }
        return own + "和" + instrument + missing.joined(separator: "、")
    }
}

extension Disposition {
    /// The wording of a reply with this outcome, for the case as it stands (a third party's
    /// consultation, the dates of the correction notice, the request for reasons or the fee
    /// notice appear where the decision rests on them).
    public func replyWording(for c: CaseSnapshot) -> ReplyWording {
        let asked = "您申请公开的政府信息"
        let withhold = "本机关决定不予公开"
        let withholdReasons = "不予公开的理由如下："
        let article36_3 = "第三十六条第（三）项"
        switch self {
        case .disclose:
            return .init("经审查，\(asked)属于可以公开的政府信息", articles: ["第三十六条第（二）项"], "本机关决定予以公开", reasons: "具体情况如下：")
        case .partial:
            return .init("经审查，\(asked)中含有不应当公开的内容，但是能够作区分处理", articles: ["第三十七条"],
                         "本机关决定部分公开，向您提供可以公开的政府信息内容", reasons: "对不予公开的内容，理由如下：")
        case .withholdStateSecret:
            return .init("经审查，\(asked)属于依法确定为国家秘密的政府信息", articles: ["第十四条", article36_3], withhold, reasons: withholdReasons)
        case .withholdLawForbids:
            return .init("经审查，\(asked)属于法律、行政法规禁止公开的政府信息", articles: ["第十四条", article36_3], withhold, reasons: withholdReasons)
        case .withholdSecurityStability:
            return .init("经审查，\(asked)公开后可能危及国家安全、公共安全、经济安全、社会稳定", articles: ["第十四条", article36_3], withhold,
                         reasons: withholdReasons)
        case .withholdThirdParty:
            // Art. 32: where the third party was asked, the reply says so (its name stays out: it may be what is protected).
            let consulted = c.consultations.contains { $0.party == .thirdParty }
            return .init((consulted ? "经书面征求第三方意见并审查，" : "经审查，") + "\(asked)涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
                         articles: consulted ? ["第十五条", "第三十二条", article36_3] : ["第十五条", article36_3], withhold, reasons: withholdReasons)
        case .withholdInternalAffairs:
            return .init("经审查，\(asked)属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）",
                         articles: ["第十六条第一款", article36_3], withhold, reasons: withholdReasons)
        case .withholdProcessInfo:
            return .init("经审查，\(asked)属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
                         articles: ["第十六条第二款", article36_3], withhold, reasons: withholdReasons)
        case .withholdEnforcementFile:
            return .init("经审查，\(asked)属于行政执法案卷信息", articles: ["第十六条第二款", article36_3], withhold, reasons: withholdReasons)
        case .withholdInquiryMatter:
            // Our reading (domain.md §4): the report counts it as withheld; Art. 36(7) sends the applicant to the special procedure.
            return .init("经审查，\(asked)属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特殊规定", articles: ["第三十六条第（七）项"],
                         "本机关不作为政府信息公开申请提供，请您依照有关法律、行政法规的规定办理", reasons: "办理途径如下：")
        case .unavailableNotHeld:
            // Art. 36(4) (it does not exist) and (5) (another agency answers for it) share the report's row; the reasons say which.
            return .init("经检索查找，本机关不掌握\(asked)", articles: ["第三十六条第（四）项、第（五）项"],
                         "告知您本机关无法提供该政府信息", reasons: "具体情况如下：")
        case .unavailableNeedsCreation:
            return .init("经审查，本机关没有您所申请的现成信息，提供该信息需要对现有政府信息进行加工、分析", articles: ["第三十八条"],
                         "本机关不予提供", reasons: "具体情况如下：")
        case .unavailableStillUnclear:
            let notice = c.correction.map { "本机关已于\($0.noticeOn.chineseDay)告知您补正申请。" } ?? ""
            return .init(notice + "经审查，您补正后的申请内容仍不明确，本机关无法据此确定您所需要的政府信息", articles: ["第三十条"],
                         "本机关无法提供", reasons: "具体情况如下：")
        case .notProcessedPetition:
            return .init("经审查，您是以政府信息公开申请的形式进行信访、投诉、举报等活动", articles: ["第三十九条第一款"],
                         "本机关不作为政府信息公开申请处理，您可以通过信访、投诉、举报等相应渠道提出", reasons: "理由如下：")
        case .notProcessedRepeat:
            return .init("经审查，本机关已就您提出的政府信息公开申请作出答复，您再次申请公开相同的政府信息", articles: ["第三十六条第（六）项"],
                         "本机关不予重复处理", reasons: "具体情况如下：")
        case .notProcessedPublication:
            return .init("经审查，您申请获取的是政府公报、报纸、杂志、书籍等公开出版物", articles: ["第三十九条第二款"],
                         "本机关不作为政府信息公开申请处理，现告知您获取的途径", reasons: "获取途径：")
        case .notProcessedExcessive:
            let asked = c.reasonsRequestedOn.map { "本机关已于\($0.chineseDay)要求您说明理由。" } ?? ""
            return .init(asked + "经审查，您申请公开政府信息的数量、频次明显超过合理范围，所说明的理由不合理", articles: ["第三十五条"],
                         "本机关不予处理", reasons: "理由如下：")
        case .notProcessedConfirmExisting:
            // Our reading: the regulation has no row for it; what may be provided is information
            // already made or obtained (Art. 38), and confirming or re-issuing it is neither.
            return .init("经审查，您的申请是要求本机关确认或者重新出具您已获取的信息。行政机关向申请人提供的信息，应当是已制作或者获取的政府信息，确认或者重新出具信息不属于政府信息公开的范围", articles: ["第二条", "第三十八条"],
                         "本机关不予处理", reasons: "理由如下：")
        case .otherCorrectionLapsed:
            let notice = c.correction.map { "本机关于\($0.noticeOn.chineseDay)向您发出补正告知书，" } ?? "本机关已告知您补正申请，"
            return .init(notice + "您无正当理由逾期未补正", articles: ["第三十条"],
                         "视为您放弃申请，本机关不再处理该政府信息公开申请", reasons: "具体情况如下：")
        case .otherFeeLapsed:
            let notice = c.fee.map { "本机关于\($0.noticeOn.chineseDay)向您发出收费通知书，" } ?? "本机关已向您发出收费通知书，"
            return .init(notice + "您逾期未按收费通知要求缴纳信息处理费", articles: [],
                         "视为您放弃申请，本机关不再处理该政府信息公开申请", reasons: "具体情况如下：", instrument: FeeSchedule.basis)
        case .otherOther:
            // No article names "other": the officer's reasons and basis carry the decision.
            return .init("", articles: [], "本机关对您的申请处理如下", reasons: "")
        }
    }
}
