/// An entry of the case library (依申请公开案例库, issue 6).
public struct LibraryEntry: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case typicalCase = "typical_case"
        case policy = "policy"
        case standardText = "standard_text"
        case faq = "faq"

        public var label: String {
            switch self {
            case .typicalCase: return "典型案例"
            case .policy: return "政策文件"
            case .standardText: return "标准文本"
            case .faq: return "高频政策咨询问答"
            }
        }
    }

    public var id: Int64?
    public var kind: Kind
    public var title: String
    public var body: String
    public var topic: String?
    public var agencyID: Int64?
    public var year: Int?
    public var disposition: Disposition?
    public var legalBasis: String?
    public var tags: [String]

    public init(id: Int64? = nil, kind: Kind, title: String, body: String, topic: String? = nil, agencyID: Int64? = nil,
                year: Int? = nil, disposition: Disposition? = nil, legalBasis: String? = nil, tags: [String] = []) {
        self.id = id
        self.kind = kind
        self.title = title
        self.body = body
        self.topic = topic
        self.agencyID = agencyID
        self.year = year
        self.disposition = disposition
        self.legalBasis = legalBasis
        self.tags = tags
    }

    /// What a replied case says as a typical case, before redaction: the subject as title; the
    /// request, the outcome, its reasons and basis, and the case number (proposed for redaction).
    public static func typicalCaseText(_ c: CaseSnapshot, description: String, caseNumber: String) -> (title: String, body: String) {
        var lines = ["申请内容：" + description]
        if let d = c.disposition { lines.append("办理结果：" + d.label.drop { $0.isNumber || $0 == "." }) }
        if let reasons = c.draft?.reasons { lines.append("理由：" + reasons) }
        if let basis = c.draft?.legalBasis { lines.append("依据：" + basis) }
        lines.append("案件编号：" + caseNumber)
        return (c.subject, lines.joined(separator: "\n"))
    }

    public func problems() -> [FieldProblem] {
        var problems = TextLimits.problems(in: self)
        if title.allSatisfy(\.isWhitespace) { problems.append(.init("title", "Give the entry a title.", "请填写标题。")) }
        if body.allSatisfy(\.isWhitespace) { problems.append(.init("body", "The entry has no text.", "请填写正文。")) }
        if let year, !(1990...2100).contains(year) { problems.append(.init("year", "\(year) is not a plausible year.", "年份\(year)不正确。")) }
        return problems
    }
}
