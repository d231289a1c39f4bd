import DisclosureCore

/// Who is looking, and which agencies' cases they may see and work on: their own agency and
/// those they are assigned to; supervisors of the district government and its office see all
/// (domain.md §1).
public struct Viewer: Sendable, Equatable {
    public let user: User
    public let scope: Scope

    public init(user: User, scope: Scope) {
        self.user = user
        self.scope = scope
    }

    public func sees(agency id: Int64) -> Bool { scope.sees(agency: id) }
    public var seesAll: Bool { scope.seesAll }
}

extension DirectoryStore {
    public func viewer(for user: User) async throws -> Viewer {
        guard user.role.worksCases else { return Viewer(user: user, scope: .agencies([])) }
        let rows = try await pool.query("""
            SELECT a.kind, (SELECT coalesce(array_agg(agency_id), '{}') FROM user_agencies WHERE user_id = \(user.id))
            FROM agencies a WHERE a.id = \(user.agencyID)
            """)
        guard let row = rows.first else { return Viewer(user: user, scope: .agencies([user.agencyID])) }
        let kind = Agency.Kind(rawValue: try row.decode(String.self, at: 0))
        if user.role == .supervisor, kind == .government || kind == .office {
            return Viewer(user: user, scope: .everything(reason: "supervisor of the district government or its office (domain.md §1)"))
        }
        return Viewer(user: user, scope: .agencies(Set([user.agencyID] + (try row.decode([Int64].self, at: 1)))))
    }

    /// Lets a user work on another agency's cases too.
    public func assign(user: Int64, toAgency agency: Int64) async throws {
        try await pool.query("INSERT INTO user_agencies (user_id, agency_id) VALUES (\(user), \(agency)) ON CONFLICT DO NOTHING")
    }

    /// Takes back another agency's cases from a user (their own agency stays).
    public func unassign(user: Int64, fromAgency agency: Int64) async throws {
        try await pool.query("DELETE FROM user_agencies WHERE user_id = \(user) AND agency_id = \(agency)")
    }

    /// Gives a user another role; their sessions end, so the new role applies at once.
    public func setRole(_ role: Role, of user: Int64) async throws {
        try await pool.withTransaction { connection in
            try await connection.query("UPDATE users SET role = \(role.rawValue) WHERE id = \(user)")
            try await connection.query("DELETE FROM sessions WHERE user_id = \(user)")
        }
    }
}
