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
            problems.append(.init("legalBasis", "A reply that withholds information must name its legal basis."))
        }
        if disposition != .disclose, reasons.isBlank {
            problems.append(.init("reasons", "Give the reasons for this decision; only a full disclosure needs none."))
        }
        if disposition == .disclose || disposition == .partial, provision == nil {
            problems.append(.init("provision", "Say how the information is provided: paper, electronic or inspection."))
        }
        if disposition == .otherCorrectionLapsed || disposition == .otherFeeLapsed {
            problems.append(.init("disposition", "This outcome is recorded by the lapse event (correction_lapsed or fee_lapsed), not by a reply."))
        }
        return problems
    }
}

extension Optional where Wrapped == String {
    var isBlank: Bool { self?.allSatisfy(\.isWhitespace) ?? true }
}
