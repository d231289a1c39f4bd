import DisclosureCore
import LibPQ

/// Agencies and users.
public struct DirectoryStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    static let agencyColumns: Query = "id, code, name, short_name, kind, parent_id, reconsideration_body, case_number_format"

    static func agency(_ row: Row) throws -> Agency {
        let (id, code, name, short, kind, parent, body, format) = try row.decode(Int64.self, String.self, String.self, String.self, String.self, Int64?.self, String.self, String.self)
        return Agency(id: id, code: code, name: name, shortName: short, kind: Agency.Kind(rawValue: kind) ?? .department,
                      parentID: parent, reconsiderationBody: body, caseNumberFormat: format)
    }

    public func agencies() async throws -> [Agency] {
        try await pool.query("SELECT \(Self.agencyColumns) FROM agencies ORDER BY id").map(Self.agency)
    }

    public func agency(id: Int64) async throws -> Agency? {
        try await pool.query("SELECT \(Self.agencyColumns) FROM agencies WHERE id = \(id)").first.map(Self.agency)
    }

    public func agency(code: String) async throws -> Agency? {
        try await pool.query("SELECT \(Self.agencyColumns) FROM agencies WHERE code = \(code)").first.map(Self.agency)
    }

    @discardableResult
    public func addAgency(code: String, name: String, shortName: String, kind: Agency.Kind, parentID: Int64?,
                          reconsiderationBody: String, caseNumberFormat: String? = nil) async throws -> Agency {
        let format = try CaseNumberFormat(caseNumberFormat ?? CaseNumberFormat.standard.pattern)
        let row = try await pool.query("""
            INSERT INTO agencies (code, name, short_name, kind, parent_id, reconsideration_body, case_number_format)
            VALUES (\(code), \(name), \(shortName), \(kind.rawValue), \(parentID), \(reconsiderationBody), \(format.pattern))
            RETURNING \(Self.agencyColumns)
            """).single()
        return try Self.agency(row)
    }

    static func user(_ row: Row) throws -> User {
        let (id, username, name, role, agency) = try row.decode(Int64.self, String.self, String.self, String.self, Int64.self)
        return User(id: id, username: username, name: name, role: Role(rawValue: role) ?? .auditor, agencyID: agency)
    }

    public func user(id: Int64) async throws -> User? {
        try await pool.query("SELECT id, username, name, role, agency_id FROM users WHERE id = \(id) AND active").first.map(Self.user)
    }

    public func user(username: String) async throws -> User? {
        try await pool.query("SELECT id, username, name, role, agency_id FROM users WHERE username = \(username) AND active").first.map(Self.user)
    }

    public func users() async throws -> [User] {
        try await pool.query("SELECT id, username, name, role, agency_id FROM users WHERE active ORDER BY id").map(Self.user)
    }

    @discardableResult
    public func addUser(username: String, name: String, role: Role, agencyID: Int64) async throws -> User {
        let row = try await pool.query("""
            INSERT INTO users (username, name, role, agency_id) VALUES (\(username), \(name), \(role.rawValue), \(agencyID))
            RETURNING id, username, name, role, agency_id
            """).single()
        return try Self.user(row)
    }
}

extension DirectoryStore {
    /// Changes what an administrator may change about an agency; the format is checked first.
    public func updateAgency(_ id: Int64, shortName: String, reconsiderationBody: String, caseNumberFormat: String) async throws {
        let format = try CaseNumberFormat(caseNumberFormat)
        try await pool.query("""
            UPDATE agencies SET short_name = \(shortName), reconsideration_body = \(reconsiderationBody), case_number_format = \(format.pattern)
            WHERE id = \(id)
            """)
    }

    /// The viewer is worked out from the user on every request, so the new role applies at once.
    public func setActive(_ userID: Int64, _ active: Bool) async throws {
        try await pool.query("UPDATE users SET active = \(active) WHERE id = \(userID)")
    }

    /// Every user, active or not, with the further agencies they work for.
    public func allUsers() async throws -> [(user: User, active: Bool, extraAgencies: [Int64])] {
        try await pool.query("""
            SELECT u.id, u.username, u.name, u.role, u.agency_id, u.active,
                   coalesce((SELECT array_agg(agency_id ORDER BY agency_id) FROM user_agencies WHERE user_id = u.id), '{}')
            FROM users u ORDER BY u.agency_id, u.role, u.id
            """).map { (try Self.user($0), try $0.decode(Bool.self, at: 5), try $0.decode([Int64].self, at: 6)) }
    }
}
