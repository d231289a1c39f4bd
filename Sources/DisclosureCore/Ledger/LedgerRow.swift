/// One line of the ledger (台账) file: a case as offices keep them in Excel, for cases that
/// predate the system. The columns, in order, are `LedgerRow.header`.
public struct LedgerRow: Sendable, Equatable {
    public var caseNumber: String
    public var agencyCode: String
    public var applicantKind: ApplicantKind
    public var applicantName: String
    public var channel: Channel
    public var receivedOn: LocalDate
    public var subject: String
    public var disposition: Disposition?
    public var repliedOn: LocalDate?
    public var reviewResult: ReviewResult?
    public var reviewFiledOn: LocalDate?
    public var lawsuitResult: ReviewResult?
    public var lawsuitFiledOn: LocalDate?
    public var lawsuitAfterReview: Bool

    public static let header = ["案件编号", "机关", "申请人类型", "申请人", "渠道", "收到申请之日", "申请内容", "办理结果", "答复日期",
                                "复议结果", "复议申请日", "诉讼结果", "起诉日", "诉讼是否经复议"]

    public init(caseNumber: String, agencyCode: String, applicantKind: ApplicantKind, applicantName: String, channel: Channel,
                receivedOn: LocalDate, subject: String, disposition: Disposition? = nil, repliedOn: LocalDate? = nil,
                reviewResult: ReviewResult? = nil, reviewFiledOn: LocalDate? = nil, lawsuitResult: ReviewResult? = nil,
                lawsuitFiledOn: LocalDate? = nil, lawsuitAfterReview: Bool = false) {
        self.caseNumber = caseNumber
        self.agencyCode = agencyCode
        self.applicantKind = applicantKind
        self.applicantName = applicantName
        self.channel = channel
        self.receivedOn = receivedOn
        self.subject = subject
        self.disposition = disposition
        self.repliedOn = repliedOn
        self.reviewResult = reviewResult
        self.reviewFiledOn = reviewFiledOn
        self.lawsuitResult = lawsuitResult
        self.lawsuitFiledOn = lawsuitFiledOn
        self.lawsuitAfterReview = lawsuitAfterReview
    }

    /// Reads one line; a code or its Chinese label is accepted for kinds, channels, results.
    /// Throws the reason in Chinese and English.
    public static func parse(_ fields: [String]) throws(LedgerProblem) -> LedgerRow {
        guard fields.count == header.count else {
            throw LedgerProblem("has \(fields.count) columns instead of \(header.count)", "有\(fields.count)列，应为\(header.count)列")
        }
        let f = fields.map { $0.trimmingCharactersInWhitespace() }
        func required(_ i: Int) throws(LedgerProblem) -> String {
            guard !f[i].isEmpty else { throw LedgerProblem("\(header[i]) is empty", "「\(header[i])」为空") }
            return f[i]
        }
        func date(_ i: Int) throws(LedgerProblem) -> LocalDate? {
            if f[i].isEmpty { return nil }
            switch LocalDate.input(f[i]) {
            case .success(let date): return date
            case .failure(let problem): throw LedgerProblem("\(header[i]): \(problem)", "「\(header[i])」：\(problem.chineseDescription)")
            }
        }
        func pick<T>(_ i: Int, _ all: [T], code: (T) -> String, label: (T) -> String) throws(LedgerProblem) -> T? {
            if f[i].isEmpty { return nil }
            if let found = all.first(where: { code($0) == f[i] || label($0) == f[i] }) { return found }
            throw LedgerProblem("\(header[i]) \"\(f[i])\" is not one of \(all.map(label).joined(separator: ", "))",
                                "「\(header[i])」“\(f[i])”不是可用的值（\(all.map(label).joined(separator: "、"))）")
        }
        let kind = try pick(2, ApplicantKind.allCases, code: \.rawValue, label: \.label)
        guard let kind else { throw LedgerProblem("申请人类型 is empty", "「申请人类型」为空") }
        let channel = try pick(4, Channel.allCases, code: \.rawValue, label: \.label)
        guard let channel else { throw LedgerProblem("渠道 is empty", "「渠道」为空") }
        guard let received = try date(5) else { throw LedgerProblem("收到申请之日 is empty", "「收到申请之日」为空") }
        let disposition = try pick(7, Disposition.allCases, code: \.rawValue, label: \.label)
        let replied = try date(8)
        let reviewResult = try pick(9, ReviewResult.allCases, code: \.rawValue, label: \.label)
        let reviewFiled = try date(10)
        let lawsuitResult = try pick(11, ReviewResult.allCases, code: \.rawValue, label: \.label)
        let lawsuitFiled = try date(12)
        try checkTogether(received: received, disposition: disposition, replied: replied, reviewResult: reviewResult,
                          reviewFiled: reviewFiled, lawsuitResult: lawsuitResult, lawsuitFiled: lawsuitFiled)
        guard let afterReview = afterReview(f[13]) else { throw LedgerProblem("诉讼是否经复议 must be 是 or 否", "「诉讼是否经复议」应填“是”或“否”") }
        return LedgerRow(caseNumber: try required(0), agencyCode: try required(1), applicantKind: kind, applicantName: try required(3),
                         channel: channel, receivedOn: received, subject: try required(6), disposition: disposition, repliedOn: replied,
                         reviewResult: reviewResult, reviewFiledOn: reviewFiled, lawsuitResult: lawsuitResult, lawsuitFiledOn: lawsuitFiled,
                         lawsuitAfterReview: afterReview)
    }

    /// The rules between fields: a reply has both its result and date, not before the receipt;
    /// a reconsideration or lawsuit has both its result and date, and follows a reply.
    public static func checkTogether(received: LocalDate, disposition: Disposition?, replied: LocalDate?,
                                     reviewResult: ReviewResult?, reviewFiled: LocalDate?,
                                     lawsuitResult: ReviewResult?, lawsuitFiled: LocalDate?) throws(LedgerProblem) {
        if (disposition == nil) != (replied == nil) {
            throw LedgerProblem("办理结果 and 答复日期 go together: give both or neither", "「办理结果」与「答复日期」须同时填写或同时不填")
        }
        if let replied, replied < received { throw LedgerProblem("答复日期 is before 收到申请之日", "「答复日期」早于「收到申请之日」") }
        if (reviewResult == nil) != (reviewFiled == nil) { throw LedgerProblem("复议结果 and 复议申请日 go together", "「复议结果」与「复议申请日」须同时填写") }
        if (lawsuitResult == nil) != (lawsuitFiled == nil) { throw LedgerProblem("诉讼结果 and 起诉日 go together", "「诉讼结果」与「起诉日」须同时填写") }
        if (reviewResult != nil || lawsuitResult != nil) && disposition == nil {
            throw LedgerProblem("a reconsideration or lawsuit needs a reply first", "有复议或诉讼的案件须先有办理结果")
        }
    }

    /// What 诉讼是否经复议 may say; nil for anything else.
    public static func afterReview(_ text: some StringProtocol) -> Bool? {
        switch text {
        case "", "否", "false", "no": false
        case "是", "true", "yes": true
        default: nil
        }
    }

    /// The line as the ledger file writes it (codes as Chinese labels, as offices read them).
    public var fields: [String] {
        [caseNumber, agencyCode, applicantKind.label, applicantName, channel.label, receivedOn.description, subject,
         disposition?.label ?? "", repliedOn?.description ?? "", reviewResult?.label ?? "", reviewFiledOn?.description ?? "",
         lawsuitResult?.label ?? "", lawsuitFiledOn?.description ?? "", lawsuitResult == nil ? "" : (lawsuitAfterReview ? "是" : "否")]
    }
}

/// Why a ledger line cannot be imported.
public struct LedgerProblem: Error, Equatable, Sendable {
    public var message: String
    public var chinese: String
    public init(_ message: String, _ chinese: String) {
        self.message = message
        self.chinese = chinese
    }
}

extension String {
    func trimmingCharactersInWhitespace() -> String {
        // Most fields have nothing to trim: look at the first and last bytes before walking characters.
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first > 0x20, last > 0x20, first != 0xE3, last != 0x80 { return self }
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
