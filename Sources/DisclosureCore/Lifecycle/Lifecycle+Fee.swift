/// 信息处理费 (国办函〔2020〕109号): the notice stops the clock; payment resumes it; no payment in
/// time closes the case.
extension Lifecycle {
    static func issueFeeNotice(_ notice: FeeNotice, _ c: inout CaseSnapshot, _ s: Step) throws {
        let method: FeeSchedule.Method
        switch notice.method {
        case .perApplication:
            guard let n = notice.ordinalInMonth, FeeNotice.ordinalRange.contains(n) else {
                throw s.invalid("ordinalInMonth", "Give which application of the month this is (1 to \(FeeNotice.ordinalRange.upperBound)).",
                                                  "请填写这是申请人本月提出的第几件申请（1至\(FeeNotice.ordinalRange.upperBound)）。")
            }
            method = .perApplication(ordinalInMonth: n)
        case .perPage:
            guard let pages = notice.pages, FeeNotice.pageRange.contains(pages) else {
                throw s.invalid("pages", "Give the number of pages (1 to \(FeeNotice.pageRange.upperBound)).",
                                         "请填写页数（1至\(FeeNotice.pageRange.upperBound)页）。")
            }
            method = .perPage(pages: pages)
        }
        let quote = FeeSchedule.quote(method)
        if quote.amount == 0 {
            throw s.invalid(notice.method == .perPage ? "pages" : "ordinalInMonth", "Nothing is charged here: \(quote.explanation).",
                                                                                    "此情形不收取信息处理费：\(quote.explanation)。")
        }
        let received = notice.noticeReceivedOn ?? s.on
        if received < s.on {
            throw s.invalid("noticeReceivedOn", "The applicant cannot receive the notice before it is sent (\(s.on)).", "申请人收到收费通知的日期不能早于通知发出之日（\(s.on.chineseDay)）。")
        }
        c.fee = .init(amount: quote.amount, explanation: quote.explanation, noticeOn: s.on,
                      dueOn: try s.calendar.workingDay(FeeNotice.paymentPeriod, after: received))
        try c.clock.apply(.stop(s.on, reason: "待缴费（依国办函〔2020〕109号的通行做法，缴费期间不计算在答复期限内）"), calendar: s.calendar)
    }

    static func feePaid(_ payment: FeePayment, _ c: inout CaseSnapshot, _ s: Step) throws {
        guard let fee = c.fee else {
            throw s.invalid("kind", "No fee notice was issued.", "本案没有发出收费通知。")
        }
        if payment.amount != fee.amount {
            throw s.invalid("amount", "The notice asked for \(fee.amount) yuan, not \(payment.amount).", "收费通知要求缴纳\(fee.amount)元，而不是\(payment.amount)元。")
        }
        c.fee?.paidOn = s.on
        try c.clock.apply(.resume(s.on, reason: "已缴费，继续计算"), calendar: s.calendar)
    }

    static func feeLapsed(_ c: inout CaseSnapshot, _ s: Step) throws {
        if let due = c.fee?.dueOn {
            try s.timing(s.on > due, &c, "on", "The applicant has until \(due) to pay.",
                         "申请人的缴费期限至\(due.chineseDay)届满，期限届满后才能记录「逾期未缴费」。")
        }
        try close(&c, as: .otherFeeLapsed, s)
    }
}
