/// An agency that answers applications addressed to it (domain.md §1). Agencies form a tree:
/// the district government, its office, its departments and the street offices.
public struct Agency: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case government, office, department, street

        public var label: String {
            switch self {
            case .government: return "区人民政府"
            case .office: return "区政府办公室"
            case .department: return "区政府部门"
            case .street: return "街道办事处"
            }
        }
    }

    public var id: Int64
    public var code: String
    public var name: String
    /// Used in case numbers: 市中区住建局.
    public var shortName: String
    public var kind: Kind
    public var parentID: Int64?
    /// Named in every reply's remedies (Administrative Reconsideration Law 2023, Art. 24).
    public var reconsiderationBody: String
    public var caseNumberFormat: String

    public init(id: Int64, code: String, name: String, shortName: String, kind: Kind, parentID: Int64?,
                reconsiderationBody: String, caseNumberFormat: String = CaseNumberFormat.standard.pattern) {
        self.id = id
        self.code = code
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.parentID = parentID
        self.reconsiderationBody = reconsiderationBody
        self.caseNumberFormat = caseNumberFormat
    }
}

/// Someone who signs in: an officer, supervisor, administrator or auditor of one agency.
public struct User: Sendable, Equatable, Codable {
    public var id: Int64
    public var username: String
    public var name: String
    public var role: Role
    public var agencyID: Int64

    public init(id: Int64, username: String, name: String, role: Role, agencyID: Int64) {
        self.id = id
        self.username = username
        self.name = name
        self.role = role
        self.agencyID = agencyID
    }

    public var actor: Actor { Actor(userID: id, role: role) }

    /// Sign-in names: lower-case letters, digits, dots, dashes and underscores (as the database checks).
    public static func isValidUsername(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }
}

extension CaseSnapshot {
    /// Handles the case (domain.md §9: sees personal data unmasked): its officer, or a
    /// supervisor of the agency holding it.
    public func isHandled(by user: User) -> Bool {
        user.id == officerID || (user.role == .supervisor && user.agencyID == agencyID)
    }
}
