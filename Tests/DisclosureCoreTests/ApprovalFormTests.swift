import DisclosureCore
import LifecycleTestSupport
import Testing

/// 办理呈批表: the case's facts, its clock, the officer's latest proposal and the supervisors'
/// opinions, each with who and when.
@Suite struct ApprovalFormTests {
    let f = LifecycleFixtures()
    let names: [Int64: String] = [7: "李承办", 9: "王审核"]
    let applicant = Applicant(kind: .naturalPerson, name: "张三", idType: "身份证", idNumber: "370103198001011233", phone: "13800138000")

    func form(_ payloads: [EventPayload], applicant: Applicant? = nil, masked: Bool = false, today: String = "2024-09-20") throws -> ApprovalForm {
        let (snapshot, events) = try f.build(payloads)
        return try ApprovalForm.make(caseNumber: "市中区住建局依申〔2024〕第0001号", description: "请提供批准文件", snapshot: snapshot, events: events,
                                     applicant: applicant ?? self.applicant, masked: masked, agency: "济南市市中区住房和城乡建设局",
                                     name: { names[$0] }, calendar: f.calendar, today: f.d(today))
    }

    var register: EventPayload { .register(f.registration) }

    @Test func theLatestProposalAndEveryOpinionWithWhoAndWhen() throws {
        let first = ReplyDraft(disposition: .withholdProcessInfo, legalBasis: "条例第十六条第二款", reasons: "属于过程稿")
        let second = f.partialDraft
        let form = try form([register, .submitForSignoff(first), .returnForRevision(Note("请改为区分处理")), .submitForSignoff(second), .signOff(Note("同意公开其余部分"))])
        #expect(form.caseNumber == "市中区住建局依申〔2024〕第0001号")
        #expect(form.officer == "李承办")
        let proposal = try #require(form.proposal)
        #expect(proposal.disposition == "部分公开")
        #expect(proposal.legalBasis == "条例第十五条、第三十七条")
        #expect(proposal.reasons == "补偿协议中的个人信息不予公开")
        #expect(proposal.provision == "以纸质形式提供")
        #expect(proposal.proposedBy == "李承办")
        #expect(proposal.proposedOn == "2024年9月5日")
        #expect(form.opinions.map(\.verdict) == ["退回修改", "同意"])
        #expect(form.opinions.map(\.remark) == ["请改为区分处理", "同意公开其余部分"])
        #expect(form.opinions.map(\.supervisor) == ["王审核", "王审核"])
        #expect(form.opinions.map(\.givenOn) == ["2024年9月4日", "2024年9月6日"])
    }

    @Test func nothingProposedLeavesRoomForHandwriting() throws {
        let form = try form([register])
        #expect(form.proposal == nil)
        #expect(form.opinions.isEmpty)
    }

    @Test func factsDatesAndTheClockAsTheCasePageLedgersThem() throws {
        let form = try form([register, .requestCorrection(CorrectionRequest(items: ["请写明文号"])), .correctionReceived(Note("已补正"))])
        #expect(form.applicant.contains(.init(label: "身份证", value: "370103198001011233")))
        #expect(form.applicant.contains(.init(label: "联系电话", value: "13800138000")))
        #expect(form.subject == "某小区旧城改造项目征收补偿方案")
        #expect(form.description == "请提供批准文件")
        #expect(form.dates.contains(.init(label: "收到申请之日", value: "2024年9月2日")))
        #expect(form.dates.contains { $0.label == "补正告知" && $0.value.hasPrefix("2024年9月3日发出") && $0.value.hasSuffix("2024年9月4日收到补正") })
        #expect(form.clock.map(\.state) == ["计算", "暂停", "计算"])
        #expect(form.clock.last?.through == "2024年9月20日（打印日）")
        #expect(form.clock.first?.workingDays == 1)
        #expect(form.clockSummary.contains("截至2024年9月20日已用11个工作日"))
        for text in form.dates.map(\.value) + form.clock.flatMap({ [$0.after, $0.through] }) + [form.printedOn, form.clockSummary] {
            #expect(!text.contains("星期"), "\(text)")
        }
    }

    /// A viewer who does not handle the case gets the applicant as the store masked them.
    @Test func aMaskedApplicantStaysMasked() throws {
        let form = try form([register], applicant: applicant.masked(), masked: true)
        #expect(form.masked)
        #expect(!form.applicant.contains { $0.value.contains("198001011233") || $0.value.contains("13800138000") })
        #expect(!form.applicant.contains { $0.value == "张三" })
    }

    /// After a reopening, the earlier reply's proposal and opinions are not this round's.
    @Test func aReopenedCaseStartsAFreshRound() throws {
        let draft = ReplyDraft(disposition: .unavailableNotHeld, reasons: "未制作")
        let form = try form([register, .submitForSignoff(draft), .signOff(Note("同意")), .reply(draft), .reopen(Note("复议决定责令重新答复"))])
        #expect(form.proposal == nil)
        #expect(form.opinions.isEmpty)
    }
}
