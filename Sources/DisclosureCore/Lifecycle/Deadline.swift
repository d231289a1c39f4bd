/// A date something is owed by, with how it was reached (domain.md §5).
public struct Deadline: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case reply = "reply"
        case correctionNotice = "correction_notice"
        case applicantCorrection = "applicant_correction"
        case consultationAnswer = "consultation_answer"
        case feePayment = "fee_payment"
        case assist = "assist"

        public var label: String {
            switch self {
            case .reply: return "答复期限"
            case .correctionNotice: return "补正告知期限"
            case .applicantCorrection: return "申请人补正期限"
            case .consultationAnswer: return "征求意见答复期限"
            case .feePayment: return "缴费期限"
            case .assist: return "协办期限"
            }
        }
    }

    public var kind: Kind
    public var due: LocalDate
    /// How the date was computed, for the officer to explain it.
    public var explanation: String
    /// The day its working days are counted after; nil for a date set by hand.
    public var countedFrom: LocalDate?
    /// Set by `deadlines(calendar:)` when the date relies on a year without a notice.
    public var provisional: Provisional?

    public init(kind: Kind, due: LocalDate, explanation: String, countedFrom: LocalDate?, provisional: Provisional? = nil) {
        self.kind = kind
        self.due = due
        self.explanation = explanation
        self.countedFrom = countedFrom
        self.provisional = provisional
    }
}

extension CaseSnapshot {
    /// Every date still owed, earliest first. A stopped reply clock has no reply date: the
    /// deadline that stopped it (a consultation, a payment) stands in for it.
    public var openDeadlines: [Deadline] {
        guard state.isOpen else { return [] }
        var deadlines: [Deadline] = []
        if let due = clock.due {
            if let delayed = clock.delayedUntil {
                deadlines.append(.init(kind: .reply, due: due, explanation: "经批准的延迟答复期限（条例第三十五条）：\(delayed.chineseDay)", countedFrom: nil))
            } else {
                let current = clock.segments.last!.after
                deadlines.append(.init(kind: .reply, due: due, explanation:
                    "答复期限\(clock.allowance)个工作日，此前已用\(clock.used)个，自\(current.chineseDay)后计算剩余\(clock.allowance - clock.used)个工作日",
                    countedFrom: receivedOn))
            }
        }
        if correction == nil, state == .registered || state == .inProgress {
            deadlines.append(.init(kind: .correctionNotice, due: correctionNoticeDue, explanation: "收到申请之日（\(receivedOn.chineseDay)）后第7个工作日（条例第三十条）", countedFrom: receivedOn))
        }
        if state == .awaitingCorrection, let correction {
            deadlines.append(.init(kind: .applicantCorrection, due: correction.dueOn, explanation: "补正告知书规定的补正期限", countedFrom: correction.noticeOn))
        }
        for consultation in consultations where consultation.isOpen {
            guard let due = consultation.dueOn else { continue }
            let rule = consultation.party == .coProducer ? "条例第三十四条" : consultation.party == .thirdParty ? "条例第三十二条" : "行政机关确定"
            deadlines.append(.init(kind: .consultationAnswer, due: due, explanation: "\(consultation.name)收到征求意见书后第15个工作日（\(rule)）",
                                   countedFrom: consultation.party == .otherAgency ? nil : consultation.startedOn))
        }
        if state == .awaitingFee, let fee {
            deadlines.append(.init(kind: .feePayment, due: fee.dueOn, explanation: "申请人收到收费通知后第20个工作日（国办函〔2020〕109号）", countedFrom: fee.noticeOn))
        }
        for assist in assists where assist.isOpen {
            deadlines.append(.init(kind: .assist, due: assist.dueOn, explanation: "\(assist.department)协办", countedFrom: assist.askedOn))
        }
        return deadlines.sorted { $0.due < $1.due }
    }

    /// The open deadlines, each marked 预计 where it relies on a year without a notice.
    public func deadlines(calendar: WorkCalendar) -> [Deadline] {
        openDeadlines.map { deadline in
            var marked = deadline
            if let start = deadline.countedFrom { marked.provisional = calendar.provisional(countingFrom: start, through: deadline.due) }
            return marked
        }
    }

    /// The earliest date still owed, for "due within" and "overdue" lists. The correction
    /// notice's last day is left out: most applications need no correction, so it is a limit,
    /// not a debt.
    public var nextDue: LocalDate? { openDeadlines.first { $0.kind != .correctionNotice }?.due }
}
