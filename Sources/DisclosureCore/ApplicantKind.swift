/// Who applied: the six applicant columns of the annual report (the seventh is their total).
public enum ApplicantKind: String, CaseIterable, Sendable, Codable {
    case naturalPerson = "natural_person"
    case commercial = "commercial"
    case research = "research"
    case nonprofit = "nonprofit"
    case legalServices = "legal_services"
    case otherOrg = "other_org"

    public var label: String {
        switch self {
        case .naturalPerson: return "自然人"
        case .commercial: return "商业企业"
        case .research: return "科研机构"
        case .nonprofit: return "社会公益组织"
        case .legalServices: return "法律服务机构"
        case .otherOrg: return "其他"
        }
    }

    /// All but natural persons sit under 法人或其他组织 in the report.
    public var isOrganisation: Bool { self != .naturalPerson }
}
