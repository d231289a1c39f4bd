/// 办理呈批表: the sheet that goes into the paper file with the reply. It carries the case's
/// facts, the clock's ledger, what the officer proposed (the latest submission for sign-off) and
/// what the supervisor said, each with who and when; where nothing is recorded yet it leaves
/// room for a handwritten opinion. Everything is text ready to print (dates without weekdays,
/// as on every paper document); the applicant is as the viewer may see them (masked or not).
public struct ApprovalForm: Sendable, Equatable {
    public struct Fact: Sendable, Equatable {
        public var label: String
        public var value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// One segment of the clock's ledger, as the case page lists them.
    public struct ClockRow: Sendable, Equatable {
        public var state: String
        public var after: String
        public var through: String
        public var workingDays: Int
        public var reason: String
    }

    /// The officer's proposal (拟办意见): the latest submission for sign-off.
    public struct Proposal: Sendable, Equatable {
        public var disposition: String
        public var legalBasis: String?
        public var reasons: String?
        public var provision: String?
        public var letterText: String?
        public var proposedBy: String
        public var proposedOn: String
    }

    /// A supervisor's opinion (审核意见): signed off, or returned for revision.
    public struct Opinion: Sendable, Equatable {
        public var verdict: String
        public var remark: String?
        public var supervisor: String
        public var givenOn: String
    }

    public var title = "政府信息公开申请办理呈批表"
    public var caseNumber: String
    public var agency: String
    public var officer: String
    public var applicant: [Fact]
    /// The applicant's personal data is masked for this viewer.
    public var masked: Bool
    public var subject: String
    public var description: String?
    public var dates: [Fact]
    public var clockSummary: String
    public var clock: [ClockRow]
    public var proposal: Proposal?
    public var opinions: [Opinion]
    public var printedOn: String

    /// The form for a case. `name` gives a user's name by id (nil for one not known).
    public static func make(caseNumber: String, description: String, snapshot c: CaseSnapshot, events: [CaseEvent], applicant a: Applicant,
                            masked: Bool, agency: String, name: (Int64) -> String?, calendar: WorkCalendar, today: LocalDate) throws -> ApprovalForm {
        func who(_ actor: Actor) -> String { name(actor.userID) ?? actor.role.label }
        func text(_ value: String?) -> String? { value.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 } }
        // A reopened case is handled again: the proposals and opinions before it belong to the earlier reply.
        let current = events.lastIndex { $0.kind == .reopen }.map { Array(events[($0 + 1)...]) } ?? events

        var applicant = [Fact(label: "姓名或名称", value: a.name), Fact(label: "申请人类型", value: a.kind.label)]
        if let number = text(a.idNumber) { applicant.append(Fact(label: text(a.idType) ?? "证件号码", value: number)) }
        if let phone = text(a.phone) { applicant.append(Fact(label: "联系电话", value: phone)) }
        if let address = text(a.address) { applicant.append(Fact(label: "通信地址", value: address)) }
        if let email = text(a.email) { applicant.append(Fact(label: "电子邮箱", value: email)) }

        var dates = [Fact(label: "申请方式", value: c.channel.label), Fact(label: "申请到达日期", value: c.arrivedOn.chineseDay),
                     Fact(label: "收到申请之日", value: c.receivedOn.chineseDay)]
        if let correction = c.correction {
            dates.append(Fact(label: "补正告知", value: "\(correction.noticeOn.chineseDay)发出，补正期限至\(correction.dueOn.chineseDay)"
                + (correction.receivedOn.map { "，\($0.chineseDay)收到补正" } ?? "")))
        }
        if let ext = c.extensionRequest, ext.decision == .approved {
            dates.append(Fact(label: "延期答复", value: "延长\(ext.workingDays)个工作日（\(ext.decidedOn?.chineseDay ?? "")批准）：\(ext.reason)"))
        }
        if let due = c.clock.delayedUntil ?? c.clock.due { dates.append(Fact(label: "答复期限", value: due.chineseDay)) }
        if let replied = c.repliedOn { dates.append(Fact(label: "答复日期", value: replied.chineseDay + (c.repliedLate ? "（逾期）" : ""))) }

        let reading = try c.clock.reading(on: today, calendar: calendar)
        let clock = reading.segments.map { seg in
            ClockRow(state: seg.kind == .running ? "计算" : "暂停", after: seg.after.chineseDay,
                     through: seg.through?.chineseDay ?? "\(today.chineseDay)（打印日）", workingDays: seg.workingDays, reason: seg.reason)
        }
        var summary = "答复期限共\(c.clock.allowance)个工作日，"
        if let ended = c.clock.endedOn {
            summary += "至\(ended.chineseDay)计时结束，用时\(reading.used)个工作日。"
        } else {
            summary += "截至\(today.chineseDay)已用\(reading.used)个工作日，" + (reading.remaining >= 0 ? "剩余\(reading.remaining)个。" : "已超过\(-reading.remaining)个。")
        }

        var proposal: Proposal?
        if let index = current.lastIndex(where: { $0.kind == .submitForSignoff }), case .submitForSignoff(let d) = current[index].payload {
            proposal = Proposal(disposition: d.disposition.shortLabel, legalBasis: text(d.legalBasis) ?? text(d.disposition.chineseBasis),
                                reasons: text(d.reasons), provision: d.provision.map { "以\($0.label)形式提供" }, letterText: text(d.text),
                                proposedBy: who(current[index].actor), proposedOn: current[index].on.chineseDay)
        }
        let opinions = current.compactMap { event -> Opinion? in
            switch event.payload {
            case .signOff(let n): return Opinion(verdict: "同意", remark: text(n.note), supervisor: who(event.actor), givenOn: event.on.chineseDay)
            case .returnForRevision(let n): return Opinion(verdict: "退回修改", remark: text(n.note), supervisor: who(event.actor), givenOn: event.on.chineseDay)
            default: return nil
            }
        }
        return ApprovalForm(caseNumber: caseNumber, agency: agency, officer: c.officerID.flatMap(name) ?? "未指定", applicant: applicant, masked: masked,
                            subject: c.subject, description: text(description), dates: dates, clockSummary: summary, clock: clock,
                            proposal: proposal, opinions: opinions, printedOn: today.chineseDay)
    }
}
