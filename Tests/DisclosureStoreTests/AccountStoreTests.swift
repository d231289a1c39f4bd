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

    /// Issue 16, found by `bench service`: every request of a session wrote its row, so one
    /// officer's pages at once deadlocked in the pool's batched transactions (the session's row
    /// against the audit trail's lock: 3 of 2,100 case pages answered 503). Using a session
    /// now only reads it, and notes its use once a minute without waiting for a request that
    /// holds the row.
    @Test func aSessionInUseIsReadWithoutWaitingForItsRow() async throws {
        let f = try await StoreFixture.make("session-row-held")
        let accounts = AccountStore(pool: f.pool)
        let token = try await accounts.startSession(for: f.officer).token
        try await f.pool.query("UPDATE sessions SET last_seen_at = now() - interval '2 minutes'")
        let holder = try await Connection.connect(f.pool.configuration.connection)
        defer { holder.close() }
        try await holder.execute("BEGIN")
        try await holder.execute("SELECT 1 FROM sessions FOR UPDATE")
        let started = ContinuousClock.now
        let session = try await accounts.session(token)
        #expect(session?.user.id == f.officer.id)
        #expect(ContinuousClock.now - started < .seconds(5))
        try await holder.execute("ROLLBACK")
        // Once the row is free its use is noted, and within the minute not again.
        _ = try await accounts.session(token)
        let noted = try await f.pool.query("SELECT last_seen_at > now() - interval '10 seconds' FROM sessions").single().decode(Bool.self, at: 0)
        #expect(noted)
        let first = try await f.pool.query("SELECT last_seen_at FROM sessions").single().decode(Date.self, at: 0)
        _ = try await accounts.session(token)
        #expect(try await f.pool.query("SELECT last_seen_at FROM sessions").single().decode(Date.self, at: 0) == first)
    }
}
