import DisclosureCore
import DisclosureStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// 三员分立 on the pages: rights change only on the security administrator's page.
@Suite struct SecurityPagesTests: PageTesting {
    @Test func onlyTheSecurityAdministratorChangesRolesAndGrants() async throws {
        let s = try await PagesFixture.make("security-pages", users: ["security", "admin", "qls.officer"])
        let street = s.directory.users.first { $0.username == "qls.officer" }!
        let housing = s.directory.agencies.first { $0.code == "szq-zjj" }!
        try await s.app.test(.router) { client in
            let admin = try await signIn(client, "admin")
            try await client.execute(uri: "/security", method: .get, headers: [.cookie: admin]) { response in
                #expect(response.status == .forbidden)
            }
            // The system administrator's new account is an officer, whatever role is posted.
            let adminPage = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(!adminPage.contains("value=\"assign\""))
            try await client.execute(uri: "/admin/users", method: .post, headers: form(admin),
                                     body: ByteBuffer(string: "_csrf=\(try csrf(adminPage))&username=new.chief&name=x&role=supervisor&agencyID=\(housing.id)&password=correct-horse-battery-9")) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await s.pool.query("SELECT role FROM users WHERE username = 'new.chief'").single().decode(String.self, at: 0) == "officer")

            let security = try await signIn(client, "security")
            let page = try await client.execute(uri: "/security", method: .get, headers: [.cookie: security]) { String(buffer: $0.body) }
            #expect(page.contains("权限管理"))
            let token = try csrf(page)
            try await client.execute(uri: "/security/users/\(street.id)", method: .post, headers: form(security),
                                     body: ByteBuffer(string: "_csrf=\(token)&action=assign&agencyID=\(housing.id)")) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await DirectoryStore(pool: s.pool).viewer(for: street).sees(agency: housing.id))
            try await client.execute(uri: "/security/users/\(street.id)", method: .post, headers: form(security),
                                     body: ByteBuffer(string: "_csrf=\(token)&action=role&role=supervisor")) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await s.pool.query("SELECT role FROM users WHERE id = \(street.id)").single().decode(String.self, at: 0) == "supervisor")
            try await client.execute(uri: "/security/users/\(street.id)", method: .post, headers: form(security),
                                     body: ByteBuffer(string: "_csrf=\(token)&action=unassign&agencyID=\(housing.id)")) { response in
                #expect(response.status == .seeOther)
            }
            let me = s.directory.users.first { $0.username == "security" }!
            try await client.execute(uri: "/security/users/\(me.id)", method: .post, headers: form(security),
                                     body: ByteBuffer(string: "_csrf=\(token)&action=role&role=administrator")) { response in
                #expect(response.status == .unprocessableContent)
            }
            #expect(try await s.pool.query("SELECT role FROM users WHERE id = \(me.id)").single().decode(String.self, at: 0) == "security_administrator")
            #expect(!(try await DirectoryStore(pool: s.pool).viewer(for: street).sees(agency: housing.id)))
        }
    }
}
