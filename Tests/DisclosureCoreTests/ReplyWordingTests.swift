import DisclosureCore
import LifecycleTestSupport
import Testing

/// The reply letter (答复书) for every outcome a reply can carry: the article it rests on, the
/// decision in a clerk's words, no weekday, the request quoted once, and the remedies of the
/// current laws.
@Suite struct ReplyWordingTests {
    let f = LifecycleFixtures()
    let agency = Agency(id: 1, code: "szq-zjj", name: "济南市市中区住房和城乡建设局", shortName: "市中区住建局", kind: .department,
                        parentID: nil, reconsiderationBody: "济南市市中区人民政府")

    /// Per outcome: the article the reply must cite and the words of its decision, written out
    /// here from the regulation rather than read back from the code's table.
    static let expected: [Disposition: (article: String, decision: String)] = [
        .disclose: ("第三十六条第（二）项", "本机关决定予以公开"),
        .partial: ("第三十七条", "本机关决定部分公开"),
        .withholdStateSecret: ("第十四条", "本机关决定不予公开"),
        .withholdLawForbids: ("第十四条", "本机关决定不予公开"),
        .withholdSecurityStability: ("第十四条", "本机关决定不予公开"),
        .withholdThirdParty: ("第十五条", "本机关决定不予公开"),
        .withholdInternalAffairs: ("第十六条第一款", "本机关决定不予公开"),
        .withholdProcessInfo: ("第十六条第二款", "本机关决定不予公开"),
        .withholdEnforcementFile: ("第十六条第二款", "本机关决定不予公开"),
        .withholdInquiryMatter: ("第三十六条第（七）项", "请您依照有关法律、行政法规的规定办理"),
        .unavailableNotHeld: ("第三十六条第（四）项", "本机关无法提供该政府信息"),
        .unavailableNeedsCreation: ("第三十八条", "本机关不予提供"),
        .unavailableStillUnclear: ("第三十条", "本机关无法提供"),
        .notProcessedPetition: ("第三十九条第一款", "本机关不作为政府信息公开申请处理"),
        .notProcessedRepeat: ("第三十六条第（六）项", "本机关不予重复处理"),
        .notProcessedPublication: ("第三十九条第二款", "现告知您获取的途径"),
        .notProcessedExcessive: ("第三十五条", "本机关不予处理"),
        .notProcessedConfirmExisting: ("第三十八条", "本机关不予处理"),
        .otherOther: ("《中华人民共和国政府信息公开条例》", "本机关对您的申请处理如下"),
    ]

    /// The outcomes a reply can carry: the two lapses close a case without one.
    static let replied = Disposition.allCases.filter { $0 != .otherCorrectionLapsed && $0 != .otherFeeLapsed }

    /// A reply signed off and issued, for a request titled with the applicant's own verb and quotes.
    func reply(_ disposition: Disposition, legalBasis: String? = nil) throws -> LetterDraft {
        var registration = f.registration
        registration.subject = "关于申请公开“某小区旧城改造项目征收补偿方案”的申请"
        let before: [EventPayload] = switch disposition {
        case .unavailableStillUnclear: [.requestCorrection(CorrectionRequest(items: ["请写明文号"])), .correctionReceived(Note("已补正"))]
        case .notProcessedExcessive: [.requestReasons(Note("一个月内提交同类申请120件"))]
        default: []
        }
        let draft = ReplyDraft(disposition: disposition, legalBasis: legalBasis ?? (disposition.refuses ? disposition.chineseBasis : nil),
                               reasons: disposition == .disclose ? nil : "经核查，情况属实",
                               provision: disposition == .disclose || disposition == .partial ? .electronic : nil)
        let payloads: [EventPayload] = [.register(registration)] + before
            + (disposition.requiresSignOff ? [.submitForSignoff(draft), .signOff(Note("同意"))] : []) + [.reply(draft)]
        let (snapshot, events) = try f.build(payloads)
        let source = LetterSource(caseNumber: "市中区住建局依申〔2024〕第0001号", snapshot: snapshot, events: events,
                                  applicant: Applicant(kind: .naturalPerson, name: "张三"), agency: agency, calendar: f.calendar, today: f.d("2024-12-02"))
        return try LetterWriter.draft(.reply, from: source)
    }

    @Test func everyOutcomeARepliedCaseCanHaveIsListed() {
        #expect(Set(Self.replied) == Set(Self.expected.keys))
        #expect(Self.replied.count == 19)
    }

    @Test(arguments: replied) func eachReplyNamesItsArticleAndStatesItsDecision(_ disposition: Disposition) throws {
        let l = try reply(disposition)
        let (article, decision) = try #require(Self.expected[disposition])
        let body = l.body
        #expect(l.paragraphs[1].contains(article), "\(disposition): \(l.paragraphs[1])")
        #expect(l.paragraphs[1].contains(decision), "\(disposition): \(l.paragraphs[1])")
        // What review found comes first (after the dates the decision rests on, where there are any).
        #expect(l.paragraphs[1].hasPrefix("经") || l.paragraphs[1].contains("。经审查，"), "\(disposition)")
        // Never the bare label of the report as the decision.
        #expect(!body.contains("现答复如下"), "\(disposition)")
        #expect(!body.contains("答复如下：\(disposition.plainLabel)"), "\(disposition)")
        for weekday in ["星期", "周一", "周二", "周三", "周四", "周五", "周六", "周日"] { #expect(!body.contains(weekday), "\(disposition)") }
        #expect(body.components(separatedBy: "“").count == 2, "\(disposition): one quotation")
        #expect(body.contains("申请公开“某小区旧城改造项目征收补偿方案”。"), "\(disposition)")
        #expect(!body.contains("的申请”"), "\(disposition)")
        #expect(body.contains("60日内向济南市市中区人民政府申请行政复议"), "\(disposition)")
        if disposition.refuses {
            #expect(body.contains("第二十三条") && body.contains("应当先向行政复议机关申请行政复议"), "\(disposition)")
            #expect(body.contains("15日内依法向人民法院提起行政诉讼"), "\(disposition)")
            #expect(!body.contains("6个月"), "\(disposition)")
        } else {
            #expect(body.contains("6个月内依法向人民法院提起行政诉讼"), "\(disposition)")
        }
        #expect(l.paragraphs.last == "特此答复。")
    }

    @Test func reasonsAndProvisionFollowTheDecision() throws {
        let l = try reply(.partial)
        #expect(l.paragraphs[2] == "对不予公开的内容，理由如下：经核查，情况属实。")
        #expect(l.paragraphs[3] == "根据条例第四十条，本机关以电子数据形式向您提供可以公开的政府信息内容（见附件）。")
        let petition = try reply(.notProcessedPetition)
        #expect(!petition.body.contains("第四十条"))
    }

    /// The officer's own basis is cited; the article the outcome rests on is added when their
    /// basis does not name it, and not repeated when it does.
    @Test func theOfficersBasisComesFirstAndTheOutcomesArticleIsNeverLost() throws {
        let secret = try reply(.withholdStateSecret, legalBasis: "《中华人民共和国保守国家秘密法》第九条")
        #expect(secret.paragraphs[1].contains("根据《中华人民共和国保守国家秘密法》第九条和《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定"))
        let named = try reply(.withholdStateSecret, legalBasis: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项")
        #expect(named.paragraphs[1].contains("根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。"))
        #expect(named.paragraphs[1].components(separatedBy: "第十四条").count == 2)
        // A basis naming part of them in the regulation continues with the rest, the regulation named once.
        let part = try reply(.withholdStateSecret, legalBasis: "《中华人民共和国政府信息公开条例》第十四条")
        #expect(part.paragraphs[1].contains("根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定"))
        #expect(part.paragraphs[1].components(separatedBy: "《中华人民共和国政府信息公开条例》").count == 2)
    }

    @Test func groundsTheCaseRecordedAreStated() throws {
        let unclear = try reply(.unavailableStillUnclear)
        #expect(unclear.paragraphs[0].contains("您于2024年9月4日提交了补正后的申请。"))
        #expect(unclear.paragraphs[1].contains("本机关已于2024年9月3日告知您补正申请"))
        let excessive = try reply(.notProcessedExcessive)
        #expect(excessive.paragraphs[1].contains("本机关已于2024年9月3日要求您说明理由"))
    }

    /// The two lapses close a case without a reply; their wording still names its basis.
    @Test func lapsesNameTheirBasis() throws {
        let (snapshot, _) = try f.build([.register(f.registration), .requestCorrection(CorrectionRequest(items: ["请写明文号"]))])
        let correction = Disposition.otherCorrectionLapsed.replyWording(for: snapshot).sentence(officerBasis: nil)
        #expect(correction.contains("本机关于2024年9月3日向您发出补正告知书") && correction.contains("第三十条"))
        #expect(correction.contains("视为您放弃申请"))
        let fee = Disposition.otherFeeLapsed.replyWording(for: snapshot).sentence(officerBasis: nil)
        #expect(fee.contains(FeeSchedule.basis) && fee.contains("不再处理"))
    }
}
