import DisclosureCore
import Foundation
import LibPQ
import Testing

@testable import DisclosureStore

@Suite struct AccountStoreTests {
    /// Issue 16: written on every request, the last use deadlocked two tokens used at once
    /// (`CasesAPITests.twoTokensUsedAtOnceNeitherDeadlockNorWait`); it is written once a minute.
    @Test func aTokensLastUseIsNotedAtMostOnceAMinute() async throws {
        let f = try await StoreFixture.make("tokens-last-used")
        let accounts = AccountStore(pool: f.pool)
        let token = try await accounts.createAPIToken(for: f.officer, name: "a")
        #expect(try await accounts.apiTokens(of: f.officer.id).first?.lastUsedAt == nil)
        _ = try await accounts.user(forAPIToken: token)
        let first = try #require(try await accounts.apiTokens(of: f.officer.id).first?.lastUsedAt)
        _ = try await accounts.user(forAPIToken: token)
        #expect(try await accounts.apiTokens(of: f.officer.id).first?.lastUsedAt == first)
        // A minute later it is noted again.
        try await f.pool.query("UPDATE api_tokens SET last_used_at = last_used_at - interval '61 seconds'")
        let earlier = try #require(try await accounts.apiTokens(of: f.officer.id).first?.lastUsedAt)
        _ = try await accounts.user(forAPIToken: token)
        let again = try #require(try await accounts.apiTokens(of: f.officer.id).first?.lastUsedAt)
        #expect(again > earlier)
        // A revoked token signs nobody in.
        let id = try #require(try await accounts.apiTokens(of: f.officer.id).first?.id)
        try await accounts.revokeAPIToken(id, of: f.officer.id)
        #expect(try await accounts.user(forAPIToken: token) == nil)
    }
}
