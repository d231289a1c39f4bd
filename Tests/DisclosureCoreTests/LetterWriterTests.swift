import DisclosureCore
import LifecycleTestSupport
import Testing

/// Each letter's required content (domain.md §8, §4 for the reply's remedies), written from
/// cases built through the lifecycle.
@Suite struct LetterWriterTests {
    let f = LifecycleFixtures()
    let agency = Agency(id: 1, code: "szq-zjj", name: "济南市市中区住房和城乡建设局", shortName: "市中区住建局", kind: .department,
                        parentID: nil, reconsiderationBody: "济南市市中区人民政府")
    let applicant = Applicant(kind: .naturalPerson, name: "张三", phone: "13800138000")

    func letter(_ kind: LetterKind, _ payloads: [EventPayload], today: String = "2024-12-02") throws -> LetterDraft {
        let (snapshot, events) = try f.build(payloads)
        let source = LetterSource(caseNumber: "市中区住建局依申〔2024〕第0001号", snapshot: snapshot, events: events, applicant: applicant,
                                  agency: agency, calendar: f.calendar, today: f.d(today))
        return try LetterWriter.draft(kind, from: source)
    }

    var register: EventPayload { .register(f.registration) }
    /// 2024-09-02 in the form letters use: no weekday.
    let receivedText = "2024年9月2日"

    @Test func receiptStatesArrivalReceiptAndThePeriod() throws {
        let l = try letter(.receipt, [register])
        #expect(l.title == "政府信息公开申请接收回执")
        #expect(l.recipient == "张三")
        #expect(l.signer == "济南市市中区住房和城乡建设局")
        #expect(l.date == f.d("2024-09-02"))
        #expect(l.body.contains("本机关收到申请之日为\(receivedText)"))
        #expect(l.body.contains("某小区旧城改造项目征收补偿方案"))
        #expect(l.body.contains("市中区住建局依申〔2024〕第0001号"))
        #expect(l.body.contains("20个工作日内予以答复"))
        #expect(l.body.contains(Channel.registeredPost.receiptRule))
    }

    @Test func correctionListsEveryItemAndThePeriod() throws {
        let items = ["请明确所需文件的名称或文号", "请提供身份证明"]
        let l = try letter(.correction, [register, .requestCorrection(CorrectionRequest(items: items, periodWorkingDays: 10))])
        let due = try f.calendar.workingDay(10, after: f.d("2024-09-03"))
        #expect(l.paragraphs.contains("1. 请明确所需文件的名称或文号"))
        #expect(l.paragraphs.contains("2. 请提供身份证明"))
        // Counted from the notice's date (no day of receipt recorded), and said so.
        #expect(l.body.contains("本机关给予您10个工作日的补正期限。请您自本告知书出具之日起10个工作日内，即在\(due.chineseDay)（含当日）前，向本机关提交补正后的申请。"))
        #expect(!l.body.contains("自收到本告知书之日起"))
        #expect(l.body.contains("第三十条"))
        #expect(l.body.contains(receivedText))
        #expect(l.date == f.d("2024-09-03"))
    }

    @Test func extensionGivesTheNewDateAndTheTwentyDayLimit() throws {
        let payloads = [register, .requestExtension(ExtensionRequest(workingDays: 15, reason: "需要调取档案")), .approveExtension(Note("同意"))]
        let newDue = try f.calendar.workingDay(35, after: f.d("2024-09-02"))
        let l = try letter(.extensionNotice, payloads)
        #expect(l.body.contains("原答复期限为2024年9月30日。"))
        #expect(l.body.contains("延长15个工作日"))
        #expect(l.body.contains("最长不超过20个工作日"))
        #expect(l.body.contains("第三十三条"))
        #expect(l.body.contains("本机关将于\(newDue.chineseDay)前作出答复"))
        #expect(l.body.contains("需要调取档案"))
        // The clock stopped afterwards (a consultation): the letter still reports the date the approval set.
        let later = try letter(.extensionNotice, payloads + [.startConsultation(ConsultationRequest(party: .thirdParty, name: "某公司", matter: "商业秘密"))])
        #expect(later.body.contains("本机关将于\(newDue.chineseDay)前作出答复"))
    }

    @Test func replyThatDisclosesOffersReconsiderationOrALawsuit() throws {
        let l = try letter(.reply, [register, .reply(f.discloseDraft)])
        #expect(l.title == "政府信息公开申请答复书")
        #expect(l.body.contains("本机关于\(receivedText)收到您提交的政府信息公开申请，申请公开“某小区旧城改造项目征收补偿方案”。"))
        #expect(l.paragraphs[1] == "经审查，您申请公开的政府信息属于可以公开的政府信息。根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，本机关决定予以公开。")
        #expect(!l.body.contains("现答复如下"))
        #expect(!l.body.contains("（一）予以公开"))
        #expect(l.body.contains("本机关以纸质形式向您提供该政府信息（见附件）"))
        #expect(l.body.contains("60日内向济南市市中区人民政府申请行政复议"))
        #expect(l.body.contains("6个月内依法向人民法院提起行政诉讼"))
        #expect(!l.body.contains("第二十三条"))
        #expect(l.date == f.d("2024-09-03"))
        #expect(l.signer == "济南市市中区住房和城乡建设局")
    }

    @Test func replyThatRefusesSaysReconsiderationComesFirst() throws {
        let draft = f.partialDraft
        let l = try letter(.reply, [register, .submitForSignoff(draft), .signOff(Note("同意")), .reply(draft)])
        // The officer's basis names Art. 37 already: it is cited as given, once.
        #expect(l.paragraphs[1] == "经审查，您申请公开的政府信息中含有不应当公开的内容，但是能够作区分处理。根据条例第十五条、第三十七条的规定，本机关决定部分公开，向您提供可以公开的政府信息内容。")
        #expect(!l.body.contains("现答复如下"))
        #expect(!l.body.contains("只计这一情形"))
        #expect(l.body.contains("对不予公开的内容，理由如下：补偿协议中的个人信息不予公开。"))
        #expect(l.body.contains("以纸质形式向您提供可以公开的政府信息内容"))
        #expect(l.body.contains("60日内向济南市市中区人民政府申请行政复议"))
        #expect(l.body.contains("《中华人民共和国行政复议法》第二十三条"))
        #expect(l.body.contains("应当先向行政复议机关申请行政复议"))
        #expect(!l.body.contains("6个月内"))
        #expect(l.date == f.d("2024-09-05"))
    }

    @Test func everyRefusalAndNoOtherOutcomeGetsTheReconsiderationFirstRemedy() {
        for disposition in Disposition.allCases {
            let text = Remedies.paragraph(for: disposition, reconsiderationBody: "济南市人民政府")
            #expect(text.contains("60日内向济南市人民政府申请行政复议"))
            #expect(text.contains("第二十三条") == disposition.refuses, "\(disposition)")
            #expect(text.contains("6个月内") == !disposition.refuses, "\(disposition)")
        }
    }

    @Test func dispositionsReadWithoutRowNumbers() {
        #expect(Disposition.withholdStateSecret.plainLabel == "不予公开（属于国家秘密）")
        #expect(Disposition.unavailableNotHeld.plainLabel == "无法提供（本机关不掌握相关政府信息）")
        #expect(Disposition.notProcessedRepeat.plainLabel == "不予处理（重复申请）")
        #expect(Disposition.otherOther.plainLabel == "其他处理")
        for disposition in Disposition.allCases {
            #expect(!disposition.plainLabel.contains("（一）") && !disposition.plainLabel.contains("1."), "\(disposition)")
        }
    }

    @Test func aSignedOffDraftCanBePrintedBeforeTheReplyIsIssued() throws {
        let draft = ReplyDraft(disposition: .unavailableNotHeld, reasons: "经检索，本机关未制作或获取该信息")
        let l = try letter(.reply, [register, .submitForSignoff(draft), .signOff(Note("同意"))], today: "2024-09-10")
        #expect(l.body.contains("经检索查找，本机关不掌握您申请公开的政府信息"))
        #expect(l.body.contains("具体情况如下：经检索，本机关未制作或获取该信息。"))
        #expect(l.body.contains("第三十六条第（四）项、第（五）项"))
        #expect(l.body.contains("6个月内"))
        #expect(l.date == f.d("2024-09-10"))
    }

    @Test func feeNoticeStatesAmountBasisExplanationAndDueDate() throws {
        let (snapshot, _) = try f.build([register, .issueFeeNotice(FeeNotice(method: .perPage, pages: 100))])
        let l = try letter(.fee, [register, .issueFeeNotice(FeeNotice(method: .perPage, pages: 100))])
        #expect(l.body.contains("应缴金额：人民币700元"))
        #expect(l.body.contains(FeeSchedule.basis))
        #expect(l.body.contains("70页×10元"))
        #expect(l.body.contains("请您自本通知书出具之日起20个工作日内，即在\(snapshot.fee!.dueOn.chineseDay)（含当日）前缴纳"))
        #expect(l.body.contains("【请填写"))  // how to pay: the officer must fill it in before finalising
        #expect(l.body.contains("逾期未缴纳的，视为放弃申请"))
    }

    @Test func consultationLettersGoToTheConsultedAndTheApplicantIsToldTheClockStops() throws {
        let third = ConsultationRequest(party: .thirdParty, name: "某房地产开发有限公司", matter: "补偿协议是否涉及商业秘密")
        let payloads = [register, .startConsultation(third)]
        let (snapshot, _) = try f.build(payloads)
        let l = try letter(.consultThirdParty, payloads)
        #expect(l.recipient == "某房地产开发有限公司")
        #expect(l.body.contains("第三十二条"))
        #expect(l.body.contains("补偿协议是否涉及商业秘密"))
        #expect(l.body.contains("请你方自本意见书出具之日起15个工作日内，即在\(snapshot.consultations[0].dueOn!.chineseDay)（含当日）前"))
        #expect(!l.body.contains("张三"))
        let notice = try letter(.consultationNotice, payloads)
        #expect(notice.recipient == "张三")
        #expect(notice.body.contains("不计算在答复期限内"))
        #expect(!notice.body.contains("某房地产开发有限公司"))

        let co = try letter(.consultCoProducer, [register, .startConsultation(ConsultationRequest(party: .coProducer, name: "区自然资源局", matter: "联合发文"))])
        #expect(co.recipient == "区自然资源局")
        #expect(co.body.contains("第三十四条"))
        #expect(co.body.contains("视为同意公开"))
    }

    @Test func reasonsAndAssistLetters() throws {
        let reasons = try letter(.reasons, [register, .requestReasons(Note("一个月内提交同类申请120件"))])
        #expect(reasons.body.contains("第三十五条"))
        #expect(reasons.body.contains("一个月内提交同类申请120件"))
        let assist = try letter(.assist, [register, .assist(AssistRequest(department: "区档案馆", request: "查找1998年征收档案"))])
        #expect(assist.recipient == "区档案馆")
        #expect(assist.body.contains("查找1998年征收档案"))
        let due = try f.calendar.workingDay(AssistRequest.defaultPeriod, after: f.d("2024-09-03"))
        #expect(assist.body.contains("请于\(due.chineseDay)前"))
    }

    /// The correction's last day counts from the day the applicant received the notice when it
    /// was recorded: the letter then says so, naming that day.
    @Test func correctionCountedFromReceiptSaysSo() throws {
        let request = CorrectionRequest(items: ["请写明文号"], periodWorkingDays: 10, noticeReceivedOn: f.d("2024-09-09"))
        let l = try letter(.correction, [register, .requestCorrection(request)])
        let due = try f.calendar.workingDay(10, after: f.d("2024-09-09"))
        #expect(due != (try f.calendar.workingDay(10, after: f.d("2024-09-03"))))
        #expect(l.body.contains("请您自收到本告知书之日（2024年9月9日）起10个工作日内，即在\(due.chineseDay)（含当日）前"))
        #expect(!l.body.contains("出具之日"))
    }

    /// Every kind of letter, for a request titled the way applicants title it: dates without a
    /// weekday, and the request quoted once, without doubled verbs or quotation marks.
    @Test(arguments: LetterKind.allCases) func noLetterHasAWeekdayOrADoubledQuote(_ kind: LetterKind) throws {
        var registration = f.registration
        registration.subject = "申请公开“某小区旧城改造项目征收补偿方案”"
        let before: [EventPayload] = switch kind {
        case .receipt: []
        case .correction: [.requestCorrection(CorrectionRequest(items: ["请写明文号"]))]
        case .extensionNotice: [.requestExtension(ExtensionRequest(workingDays: 10, reason: "需要调取档案")), .approveExtension(Note("同意"))]
        case .consultThirdParty, .consultationNotice: [.startConsultation(ConsultationRequest(party: .thirdParty, name: "某公司", matter: "商业秘密"))]
        case .consultCoProducer: [.startConsultation(ConsultationRequest(party: .coProducer, name: "区自然资源局", matter: "联合发文"))]
        case .reasons: [.requestReasons(Note("一个月内提交同类申请120件"))]
        case .fee: [.issueFeeNotice(FeeNotice(method: .perPage, pages: 100))]
        case .assist: [.assist(AssistRequest(department: "区档案馆", request: "查找档案"))]
        case .reply: [.reply(f.discloseDraft)]
        }
        let l = try letter(kind, [.register(registration)] + before)
        let text = ([l.title, l.recipient] + l.paragraphs).joined(separator: "\n")
        for weekday in ["星期", "周一", "周二", "周三", "周四", "周五", "周六", "周日"] {
            #expect(!text.contains(weekday), "\(kind): \(weekday)")
        }
        #expect(text.contains("2024年9月2日"), "\(kind)")
        #expect(text.components(separatedBy: "某小区旧城改造项目征收补偿方案").count == 2, "\(kind): quoted once")
        #expect(text.contains("申请公开“某小区旧城改造项目征收补偿方案”"), "\(kind)")
        #expect(!text.contains("申请公开“申请公开") && !text.contains("““") && !text.contains("””"), "\(kind)")
    }

    @Test func numbersFollowTheAgencyKindAndYear() {
        #expect(LetterNumber.format(shortName: "市中区住建局", kind: .correction, year: 2024, sequence: 3) == "市中区住建局补正〔2024〕第3号")
        // Each kind counts on its own, so no two kinds may print alike.
        #expect(Set(LetterKind.allCases.map(\.numberWord)).count == LetterKind.allCases.count)
        #expect(Set(LetterKind.allCases.map(\.title)).count == LetterKind.allCases.count)
    }
}
