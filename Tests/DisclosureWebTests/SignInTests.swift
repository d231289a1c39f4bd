import DisclosureCore
import DisclosureStore
@testable import DisclosureWeb
import Foundation
import LibPQ
import Testing

/// The two steps of signing in, against a real database: lockout, equal work for every name,
/// one-time codes and enrolment, and the events recorded.
@Suite struct SignInTests {
    /// What the bcrypt verifier was asked, and the events recorded.
    actor Recorder {
        var hashes: [String] = []
        var events: [AccountEvent] = []
        func verified(_ hash: String) { hashes.append(hash) }
        func record(_ event: AccountEvent) { events.append(event) }
        func take() -> (hashes: [String], events: [AccountEvent]) {
            defer { hashes = []; events = [] }
            return (hashes, events)
        }
    }

    struct Setup {
        let fixture: PagesFixture
        let recorder = Recorder()
        var accounts: AccountStore { AccountStore(pool: fixture.pool) }

        func signIn(now: Date = Date()) -> SignIn {
            let recorder = recorder
            return SignIn(accounts: accounts, events: AccountEventLog { await recorder.record($0) },
                          verify: { password, hash in
                              await recorder.verified(hash)
                              return await PasswordHasher.verify(password, hash: hash)
                          },
                          now: { now })
        }

        func user(_ username: String) -> User { fixture.directory.users.first { $0.username == username }! }

        func hash(of username: String) async throws -> String {
            try #require(try await accounts.passwordHash(username: username)?.1)
        }
    }

    func setup(_ label: String) async throws -> Setup {
        Setup(fixture: try await PagesFixture.make(label, users: ["zjj.officer", "zjj.supervisor", "qls.officer"]))
    }

    func code(_ username: String, at date: Date, secret: String? = nil) -> String {
        let code = OneTimeCodes.code(secret: secret ?? PagesFixture.codeSecret(username), step: SecondFactor.step(at: date.timeIntervalSince1970))
        return String(format: "%06d", code)
    }

    // MARK: Equal work for every name

    @Test func unknownInactiveAndLockedNamesCostOneBcryptVerificationAsKnownOnesDo() async throws {
        let s = try await setup("signin-dummy")
        let signIn = s.signIn()
        #expect(try await signIn.password(username: "zjj.officer", password: "wrong", next: "/") == .refused)
        #expect(await s.recorder.take().hashes == [try await s.hash(of: "zjj.officer")])
        #expect(try await signIn.password(username: "no.such.user", password: "wrong", next: "/") == .refused)
        #expect(await s.recorder.take().hashes == [PasswordHasher.dummyHash])
        try await DirectoryStore(pool: s.fixture.pool).setActive(s.user("qls.officer").id, false)
        #expect(try await signIn.password(username: "qls.officer", password: "correct-horse-qls.officer", next: "/") == .refused)
        #expect(await s.recorder.take().hashes == [PasswordHasher.dummyHash])
        for _ in 0..<4 { _ = try await signIn.password(username: "zjj.officer", password: "wrong", next: "/") }
        _ = await s.recorder.take()
        guard case .locked = try await signIn.password(username: "zjj.officer", password: "correct-horse-zjj.officer", next: "/") else {
            Issue.record("a locked name signed in")
            return
        }
        #expect(await s.recorder.take().hashes == [PasswordHasher.dummyHash])
    }

    /// With the real bcrypt: an unknown name answers about as slowly as a known one (before the
    /// fix, 4 ms against 200 ms). Generous bounds: the fastest of three tries each, within 3×.
    @Test func anUnknownNameTakesAsLongAsAKnownOne() async throws {
        let s = try await setup("signin-timing")
        try await s.accounts.setPasswordHash(await PasswordHasher.hash("correct-horse-zjj.officer"), for: s.user("zjj.officer").id)
        let signIn = SignIn(accounts: s.accounts, events: .none)
        func fastest(_ username: String) async throws -> Duration {
            var best = Duration.seconds(3600)
            for attempt in 0..<3 {
                let started = ContinuousClock.now
                _ = try await signIn.password(username: username, password: "wrong-\(attempt)", next: "/")
                best = min(best, ContinuousClock.now - started)
            }
            return best
        }
        let known = try await fastest("zjj.officer"), unknown = try await fastest("nobody.here")
        #expect(unknown * 3 > known, "unknown \(unknown), known \(known)")
        #expect(known * 3 > unknown, "unknown \(unknown), known \(known)")
    }

    // MARK: Lockout

    @Test func fiveFailuresLockANameForFifteenMinutesWhetherItExistsOrNot() async throws {
        let s = try await setup("signin-lockout")
        let signIn = s.signIn()
        for (username, password) in [("zjj.officer", "correct-horse-zjj.officer"), ("no.such.user", "anything-at-all")] {
            for _ in 0..<4 { #expect(try await signIn.password(username: username, password: "wrong", next: "/") == .refused) }
            let started = Date()
            guard case .locked(let until) = try await signIn.password(username: username, password: "wrong", next: "/") else {
                Issue.record("the fifth failure did not lock \(username)")
                continue
            }
            #expect(abs(until.timeIntervalSince(started) - 900) < 60)
            #expect(try await signIn.password(username: username.uppercased(), password: password, next: "/") == .locked(until: until))
        }
        // Kept in PostgreSQL, where every instance of the service reads it.
        let locked = try await s.fixture.pool.query("SELECT count(*) FROM sign_in_failures WHERE locked_until > now() + interval '14 minutes'").single().decode(Int.self, at: 0)
        #expect(locked == 2)
        let events = await s.recorder.take().events
        #expect(events.filter { if case .signInFailed("zjj.officer") = $0 { true } else { false } }.count == 5)
        #expect(events.contains { if case .lockedOut("no.such.user", _) = $0 { true } else { false } })
        #expect(events.contains(.refusedWhileLocked(username: "zjj.officer")))
        // Once the lock has run out, the right password signs in.
        try await s.fixture.pool.query("UPDATE sign_in_failures SET locked_until = now() - interval '1 second'")
        guard case .session = try await signIn.password(username: "zjj.officer", password: "correct-horse-zjj.officer", next: "/") else {
            Issue.record("the lock did not run out")
            return
        }
    }

    @Test func aSessionStartingResetsTheCount() async throws {
        let s = try await setup("signin-reset")
        let signIn = s.signIn()
        for _ in 0..<4 { _ = try await signIn.password(username: "zjj.officer", password: "wrong", next: "/") }
        guard case .session(_, let next) = try await signIn.password(username: "zjj.officer", password: "correct-horse-zjj.officer", next: "/cases") else {
            Issue.record("the right password was refused")
            return
        }
        #expect(next == "/cases")
        #expect(await s.recorder.take().events.last == .signedIn(userID: s.user("zjj.officer").id, username: "zjj.officer"))
        for _ in 0..<4 { #expect(try await signIn.password(username: "zjj.officer", password: "wrong", next: "/") == .refused) }
    }

    // MARK: One-time codes

    func pendingSignIn(_ s: Setup, _ signIn: SignIn, _ username: String) async throws -> (String, AccountStore.PendingSignIn) {
        guard case .needsCode(let token) = try await signIn.password(username: username, password: "correct-horse-\(username)", next: "/review") else {
            throw PendingMissing()
        }
        return (token, try #require(try await s.accounts.pendingSignIn(token)))
    }

    struct PendingMissing: Error {}

    @Test func officersSignInWithThePasswordAloneSupervisorsWithACodeToo() async throws {
        let s = try await setup("signin-code")
        let now = Date()
        let signIn = s.signIn(now: now)
        guard case .session = try await signIn.password(username: "zjj.officer", password: "correct-horse-zjj.officer", next: "/") else {
            Issue.record("an officer was asked for a code")
            return
        }
        let (token, pending) = try await pendingSignIn(s, signIn, "zjj.supervisor")
        #expect(pending.next == "/review")
        #expect(pending.enrolmentSecret == nil)
        // Nothing but the code page is open yet: no session was started.
        #expect(try await s.fixture.pool.query("SELECT count(*) FROM sessions WHERE user_id = \(s.user("zjj.supervisor").id)").single().decode(Int.self, at: 0) == 0)
        #expect(try await signIn.code("000000" == code("zjj.supervisor", at: now) ? "111111" : "000000", pending: pending, token: token) == .refused)
        #expect(try await signIn.code("12345", pending: pending, token: token) == .refused)
        guard case .session(_, let next) = try await signIn.code(code("zjj.supervisor", at: now), pending: pending, token: token) else {
            Issue.record("the right code was refused")
            return
        }
        #expect(next == "/review")
        #expect(try await s.accounts.pendingSignIn(token) == nil)
        let events = await s.recorder.take().events
        #expect(events.filter { $0 == .secondFactorFailed(userID: s.user("zjj.supervisor").id, username: "zjj.supervisor") }.count == 2)
    }

    @Test func aCodeIsNotAcceptedTwice() async throws {
        let s = try await setup("signin-replay")
        let now = Date()
        let (firstToken, first) = try await pendingSignIn(s, s.signIn(now: now), "zjj.supervisor")
        guard case .session = try await s.signIn(now: now).code(code("zjj.supervisor", at: now), pending: first, token: firstToken) else {
            Issue.record("the right code was refused")
            return
        }
        let (token, pending) = try await pendingSignIn(s, s.signIn(now: now), "zjj.supervisor")
        #expect(try await s.signIn(now: now).code(code("zjj.supervisor", at: now), pending: pending, token: token) == .refused)
        let later = now.addingTimeInterval(30)
        guard case .session = try await s.signIn(now: later).code(code("zjj.supervisor", at: later), pending: pending, token: token) else {
            Issue.record("the next step's code was refused")
            return
        }
    }

    @Test func wrongCodesCountTowardsTheLockout() async throws {
        let s = try await setup("signin-code-lockout")
        let now = Date()
        let signIn = s.signIn(now: now)
        let wrong = code("zjj.supervisor", at: now) == "999999" ? "999998" : "999999"
        let (token, pending) = try await pendingSignIn(s, signIn, "zjj.supervisor")
        for _ in 0..<2 { _ = try await signIn.password(username: "zjj.supervisor", password: "wrong", next: "/") }
        for _ in 0..<2 { #expect(try await signIn.code(wrong, pending: pending, token: token) == .refused) }
        guard case .locked = try await signIn.code(wrong, pending: pending, token: token) else {
            Issue.record("five failures did not lock")
            return
        }
        // The pending sign-in is over, and the right code no longer helps.
        #expect(try await s.accounts.pendingSignIn(token) == nil)
        guard case .locked = try await signIn.password(username: "zjj.supervisor", password: "correct-horse-zjj.supervisor", next: "/") else {
            Issue.record("a locked name got to the code page")
            return
        }
    }

    @Test func aSupervisorWithoutASecretEnrolsWithAFirstCode() async throws {
        let s = try await setup("signin-enrol")
        let supervisor = s.user("zjj.supervisor")
        try await s.accounts.setSecondFactorSecret(nil, for: supervisor.id)
        let now = Date()
        let signIn = s.signIn(now: now)
        let (token, pending) = try await pendingSignIn(s, signIn, "zjj.supervisor")
        let offered = try #require(pending.enrolmentSecret)
        // A code of the fixture's old secret does not do.
        #expect(try await signIn.code(code("zjj.supervisor", at: now), pending: pending, token: token) == .refused)
        guard case .session = try await signIn.code(code("zjj.supervisor", at: now, secret: offered), pending: pending, token: token) else {
            Issue.record("the enrolment code was refused")
            return
        }
        #expect(try await s.accounts.secondFactorSecret(of: supervisor.id) == offered)
        #expect(await s.recorder.take().events.contains(.secondFactorEnrolled(userID: supervisor.id, username: "zjj.supervisor")))
        // From now on the code is asked for without enrolment.
        let (_, next) = try await pendingSignIn(s, signIn, "zjj.supervisor")
        #expect(next.enrolmentSecret == nil)
    }
}
