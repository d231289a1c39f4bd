/// The notices to the applicant while the case is handled: receipt, correction, extension,
/// reasons (Art. 35) and the fee.
extension LetterWriter {
    static func receipt(_ s: LetterSource) -> Written? {
        guard let r = s.registration else { return nil }
        var paragraphs = ["您于\(r.arrivedOn.chineseDay)通过\(r.channel.label)方式提交的政府信息公开申请已收悉，受理编号为\(s.caseNumber)。"]
        paragraphs.append("申请内容：申请公开\(RequestQuote.quoted(r.subject))。" + (r.description.isEmpty ? "" : "具体描述：\(r.description)"))
        let wanted = [r.formWanted.map { "获取信息的方式：\($0.label)" }, r.deliveryWanted.map { "送达方式：\($0.label)" }].compactMap { $0 }
        if !wanted.isEmpty { paragraphs.append(wanted.joined(separator: "；") + "。") }
        paragraphs.append("根据\(regulation)第三十一条，\(r.channel.receiptRule)。本机关收到申请之日为\(r.receivedOn.chineseDay)。")
        paragraphs.append("本机关将自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意，将告知您，延长的期限最长不超过20个工作日（条例第三十三条）。")
        paragraphs.append("特此告知。")
        return Written(paragraphs: paragraphs, date: r.receivedOn)
    }

    static func correction(_ s: LetterSource) -> Written? {
        guard let status = s.snapshot.correction,
              let found = s.last(\.correctionRequest) else { return nil }
        let (request, on) = found
        let days = request.periodWorkingDays ?? CorrectionRequest.defaultPeriod
        var paragraphs = [received(s) + "经审查，您的申请内容不明确。根据\(regulation)第三十条，请您对以下内容作出补正："]
        paragraphs += request.items.enumerated().map { "\($0.offset + 1). \($0.element)" }
        // Art. 30 leaves the period to the agency ("合理的补正期限"); the letter names it and counts it as the lifecycle did.
        let within = period(days, of: "本告知书", issuedOn: on, receivedOn: request.noticeReceivedOn, lastDay: status.dueOn)
        paragraphs.append("本机关给予您\(days)个工作日的补正期限。请您\(within)，向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。")
        paragraphs.append("无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。")
        paragraphs.append("特此告知。")
        return Written(paragraphs: paragraphs, date: on)
    }

    static func extensionNotice(_ s: LetterSource) -> Written? {
        guard let request = s.snapshot.extensionRequest,
              let index = s.events.lastIndex(where: { $0.kind == .approveExtension }) else { return nil }
        // The reply dates before and after the approval, as the clock stood then: the clock may
        // have stopped or moved since, but the letter reports that decision.
        let before = try? Lifecycle.replay(Array(s.events[..<index]), calendar: s.calendar).clock.due
        let after = try? Lifecycle.replay(Array(s.events[...index]), calendar: s.calendar).clock.due
        var decision = "因\(request.reason)，本机关不能在规定期限内作出答复。根据\(regulation)第三十三条第二款，经本机关政府信息公开工作机构负责人同意，答复期限延长\(request.workingDays)个工作日（延长的期限最长不超过20个工作日）。"
        if let before = before ?? nil { decision = "原答复期限为\(before.chineseDay)。" + decision }
        var paragraphs = [received(s), decision]
        if let after = after ?? nil {
            paragraphs.append("本机关将于\(after.chineseDay)前作出答复。")
        } else {
            paragraphs.append("征求意见等不计算在答复期限内的时间结束后，本机关将在延长后的期限内作出答复。")
        }
        paragraphs.append("特此告知。")
        return Written(paragraphs: paragraphs, date: s.events[index].on)
    }

    static func reasons(_ s: LetterSource) -> Written? {
        guard let on = s.snapshot.reasonsRequestedOn else { return nil }
        let note = s.last(\.reasonsRequest)?.0.note
        let why = note.map { "（\($0)）" } ?? ""
        return Written(paragraphs: [
            received(s),
            "经审查，您申请公开政府信息的数量、频次明显超过合理范围\(why)。根据\(regulation)第三十五条，请您以书面形式向本机关说明理由。",
            "本机关认为申请理由不合理的，将告知您不予处理；认为申请理由合理，但是无法在条例第三十三条规定的期限内答复的，将确定延迟答复的合理期限并告知您。",
            "特此告知。",
        ], date: on)
    }

    static func fee(_ s: LetterSource) -> Written? {
        guard let fee = s.snapshot.fee,
              let found = s.last(\.feeNotice) else { return nil }
        let (notice, on) = found
        let rate = switch notice.method {
        case .perApplication: "按件计收：申请人一个自然月内累计申请10件以下（含10件）的，不收费；11至30件的部分，每件100元；30件以上的部分，以10件为一档，每增加一档，收费标准每件提高100元。"
        case .perPage: "按量计收：30页以下（含30页）的，不收费；31至100页的部分，每页10元；101至200页的部分，每页20元；200页以上的部分，每页40元。"
        }
        return Written(paragraphs: [
            received(s),
            "您申请公开政府信息的数量、频次明显超过合理范围。根据\(regulation)第四十二条和\(FeeSchedule.basis)，本机关依法收取信息处理费。",
            "收费标准：\(rate)",
            "计算方法：\(fee.explanation)。",
            "应缴金额：人民币\(fee.amount)元。",
            "请您\(period(FeeNotice.paymentPeriod, of: "本通知书", issuedOn: on, receivedOn: notice.noticeReceivedOn, lastDay: fee.dueOn))缴纳。缴费方式：【请填写缴费账户、地点或方式】。",
            "缴费期间不计算在答复期限内。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
            "特此通知。",
        ], date: fee.noticeOn)
    }
}
