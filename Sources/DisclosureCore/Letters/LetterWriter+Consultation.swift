/// The letters that ask others: the 征求意见书 to a third party (Art. 32) or a co-producing
/// agency (Art. 34), the notice telling the applicant the clock stops, and the 协办函.
extension LetterWriter {
    static func consultation(_ s: LetterSource, party: ConsultedParty) -> Written? {
        guard let found = s.last({ $0.consultationRequest.flatMap { $0.party == party ? $0 : nil } }) else { return nil }
        let (request, on) = found
        let due = s.snapshot.consultations.last { $0.party == party && $0.name == request.name && $0.startedOn == on }?.dueOn
        // The answer date counts from the day the party received the letter when recorded, else from the letter's date.
        let within = due.map { period(ConsultationRequest.answerPeriod, of: "本意见书", issuedOn: on, receivedOn: request.letterReceivedOn, lastDay: $0) }
            ?? "自收到本意见书之日起\(ConsultationRequest.answerPeriod)个工作日内"
        var paragraphs = [receivedFromApplicant(s)]
        switch party {
        case .thirdParty:
            paragraphs.append("经审查，该政府信息的公开可能损害你方合法权益，涉及事项：\(request.matter)。根据\(regulation)第三十二条，现书面征求你方意见。")
            paragraphs.append("请你方\(within)，向本机关提出书面意见并说明理由。逾期未提出意见的，由本机关依照条例的规定决定是否公开。")
            paragraphs.append("第三方不同意公开且有合理理由的，行政机关不予公开。行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。")
        case .coProducer, .otherAgency:
            paragraphs.append("该政府信息由本机关与你单位共同制作，涉及事项：\(request.matter)。根据\(regulation)第三十四条，现征求你单位意见。")
            paragraphs.append("请你单位\(within)，向本机关提出意见。逾期未提出意见的，视为同意公开。")
        }
        paragraphs.append("特此函告。")
        return Written(recipient: request.name, paragraphs: paragraphs, date: on)
    }

    static func consultationNotice(_ s: LetterSource) -> Written? {
        guard let found = s.last(\.consultationRequest) else { return nil }
        let (request, on) = found
        // The third party is not named to the applicant: its identity may be what is protected.
        let article = switch request.party {
        case .thirdParty: "第三十二条"
        case .coProducer: "第三十四条"
        case .otherAgency: "第三十三条第三款"
        }
        return Written(paragraphs: [
            received(s),
            "因申请公开的政府信息涉及\(request.party.label)，本机关已于\(on.chineseDay)依照\(regulation)\(article)书面征求\(request.party.label)的意见。",
            "根据条例第三十三条第三款，征求第三方和其他机关意见所需时间不计算在答复期限内，答复期限自征求意见之日起暂停计算，收到意见或者征求意见期限届满后继续计算。本机关将依法作出答复。",
            "特此告知。",
        ], date: on)
    }

    static func assist(_ s: LetterSource) -> Written? {
        guard let found = s.last(\.assistRequest) else { return nil }
        let (request, on) = found
        let due = s.snapshot.assists.last { $0.department == request.department && $0.askedOn == on }?.dueOn ?? request.dueOn
        return Written(recipient: request.department, paragraphs: [
            receivedFromApplicant(s),
            "为依法答复申请人，请你单位协助办理以下事项：\(request.request)。",
            (due.map { "请于\($0.chineseDay)前" } ?? "请尽快") + "将查找结果及有关材料反馈本机关；如不掌握相关信息，请书面说明。协办期间答复期限继续计算，请按时反馈。",
            "特此函达。",
        ], date: on)
    }
}
