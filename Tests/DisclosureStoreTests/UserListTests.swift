import DisclosureCore
import DisclosureStore
import LibPQ
import Testing

/// The 管理 user list as the store gives it: searched and paged in PostgreSQL.
@Suite struct UserListTests {
    @Test func pagesAndSearchesGiveTheRightRows() async throws {
        let f = try await StoreFixture.make("user-list")
        let (housing, street) = (f.agencies[1], f.agencies[2])
        for i in 0..<120 {
            try await f.directory.addUser(username: String(format: "paged.user%03d", i), name: i % 2 == 0 ? "偶数\(i)" : "奇数\(i)", role: .officer,
                                          agencyID: i < 100 ? housing.id : street.id)
        }
        try await f.directory.assign(user: try #require(try await f.directory.user(username: "paged.user007")).id, toAgency: street.id)
        let everyone = try await f.pool.query("SELECT id FROM users ORDER BY agency_id, role, id").map { try $0.decode(Int64.self, at: 0) }
        #expect(everyone.count == 122)

        // Fifty a page, in the list's order, the last page the rest.
        for page in 1...3 {
            let found = try await f.directory.userPage(search: nil, page: page)
            #expect(found.total == 122)
            #expect(found.pageCount == 3)
            #expect(found.users.map(\.user.id) == Array(everyone[(page - 1) * 50..<min(122, page * 50)]))
        }
        #expect(try await f.directory.userPage(search: nil, page: 4).users.isEmpty)

        // Every word must match, in the username, the name or the agency's names, in any case.
        let tens = try await f.directory.userPage(search: "PAGED.USER11", page: 1)
        #expect(tens.users.map(\.user.username) == (110..<120).map { "paged.user\($0)" })
        #expect(tens.total == 10)
        let oddOnTheStreet = try await f.directory.userPage(search: "七里山 奇数", page: 1)
        #expect(oddOnTheStreet.total == 10)
        #expect(oddOnTheStreet.users.allSatisfy { $0.user.agencyID == street.id && $0.user.name.hasPrefix("奇数") })
        #expect(try await f.directory.userPage(search: "szq-qls", page: 1).total == 20)
        // A pattern's own characters are letters, not wildcards.
        #expect(try await f.directory.userPage(search: "paged_user", page: 1).total == 0)
        #expect(try await f.directory.userPage(search: "%", page: 1).total == 0)
        // Grants come with the row.
        #expect(try await f.directory.userPage(search: "paged.user007", page: 1).users.first?.extraAgencies == [street.id])
    }
}
