import DisclosureCore
import LibPQ

/// One line of the 管理 user list: the account, whether it may sign in, and the further
/// agencies the security administrator granted it.
public struct UserListing: Sendable, Equatable {
    public var user: User
    public var active: Bool
    public var extraAgencies: [Int64]
}

/// One page of the user list and how many users match in all.
public struct UserPage: Sendable, Equatable {
    public var users: [UserListing]
    public var total: Int
    public var page: Int
    public var pageSize: Int

    public var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }
}

extension DirectoryStore {
    public static let userPageSize = 50
    /// Far beyond any district's last page; keeps the offset's arithmetic bounded.
    public static let maxUserPage = 10_000

    /// Users whose username, name or agency (name, short name or code) holds every word of
    /// `search`, ordered by agency, role and id, one page at a time. Searched and paged in
    /// PostgreSQL: the page used to read every user of the district to show fifty.
    public func userPage(search: String?, page: Int, pageSize: Int = userPageSize) async throws -> UserPage {
        var conditions: [Query] = ["true"]
        for word in (search ?? "").split(whereSeparator: \.isWhitespace) {
            let pattern = "%" + CaseStore.escapeLike(String(word)) + "%"
            conditions.append("""
                (u.username ILIKE \(pattern) OR u.name ILIKE \(pattern) OR a.name ILIKE \(pattern) OR a.short_name ILIKE \(pattern) OR a.code ILIKE \(pattern))
                """)
        }
        let matching = Query.joined(conditions, separator: " AND ")
        let size = min(max(1, pageSize), 500), number = min(max(1, page), Self.maxUserPage)
        // The page and the count as two statements at once, as the case list does.
        async let counted = pool.query("SELECT count(*) FROM users u JOIN agencies a ON a.id = u.agency_id WHERE \(matching)")
        let rows = try await pool.query("""
            SELECT u.id, u.username, u.name, u.role, u.agency_id, u.active,
                   coalesce((SELECT array_agg(g.agency_id ORDER BY g.agency_id) FROM user_agencies g WHERE g.user_id = u.id), '{}')
            FROM users u JOIN agencies a ON a.id = u.agency_id WHERE \(matching)
            ORDER BY u.agency_id, u.role, u.id LIMIT \(size) OFFSET \((number - 1) * size)
            """).map(Self.listing)
        return UserPage(users: rows, total: try await counted.single().decode(Int.self, at: 0), page: number, pageSize: size)
    }

    /// A user, active or not (`user(id:)` finds active users only: those who may sign in).
    public func listing(id: Int64) async throws -> UserListing? {
        try await pool.query("""
            SELECT u.id, u.username, u.name, u.role, u.agency_id, u.active,
                   coalesce((SELECT array_agg(g.agency_id ORDER BY g.agency_id) FROM user_agencies g WHERE g.user_id = u.id), '{}')
            FROM users u WHERE u.id = \(id)
            """).first.map(Self.listing)
    }

    static func listing(_ row: Row) throws -> UserListing {
        UserListing(user: try user(row), active: try row.decode(Bool.self, at: 5), extraAgencies: try row.decode([Int64].self, at: 6))
    }
}
