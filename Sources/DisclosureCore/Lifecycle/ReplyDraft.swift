/// The content of a reply (答复, Art. 36): exactly one disposition, its legal basis and reasons,
/// and how the information is provided. Submitted for sign-off as a draft, then issued.
public struct ReplyDraft: Sendable, Equatable, Codable {
    public var disposition: Disposition
    public var legalBasis: String?
    public var reasons: String?
    public var provision: ProvisionForm?
    /// The letter's text, when the officer has written it.
    public var text: String?

    public init(disposition: Disposition, legalBasis: String? = nil, reasons: String? = nil,
                provision: ProvisionForm? = nil, text: String? = nil) {
        self.disposition = disposition
        self.legalBasis = legalBasis
        self.reasons = reasons
        self.provision = provision
        self.text = text
    }

    /// What is missing or wrong, one problem per field.
    func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if disposition.refuses, legalBasis.isBlank {
            problems.append(.init("legalBasis", "A reply that withholds information must name its legal basis.",
                                                "不予公开或者部分公开的答复，必须写明法律依据。"))
        }
        if disposition != .disclose, reasons.isBlank {
            problems.append(.init("reasons", "Give the reasons for this decision; only a full disclosure needs none.",
                                             "请写明作出该处理决定的理由；只有予以公开的答复可以不写理由。"))
        }
        if disposition == .disclose || disposition == .partial, provision == nil {
            problems.append(.init("provision", "Say how the information is provided: paper, electronic or inspection.",
                                               "请选择提供政府信息的形式：纸质、电子或者查阅。"))
        }
        if disposition == .otherCorrectionLapsed || disposition == .otherFeeLapsed {
            problems.append(.init("disposition", "This outcome is recorded by the lapse event (correction_lapsed or fee_lapsed), not by a reply.",
                                                 "该办理结果由「\(EventKind.correctionLapsed.label)」或「\(EventKind.feeLapsed.label)」记录产生，不能通过答复作出。"))
        }
        return problems
    }
}

extension Optional where Wrapped == String {
    var isBlank: Bool { self?.allSatisfy(\.isWhitespace) ?? true }
}
