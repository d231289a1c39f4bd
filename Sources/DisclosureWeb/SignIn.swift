import DisclosureCore
import DisclosureStore
import Foundation

/// The two steps of signing in, apart from HTTP (issue 13): a password, throttled per user name
/// and always costing one bcrypt verification, then, for everyone who needs one, a one-time
/// code. `AccountPages` turns the outcomes into pages and cookies. Every outcome is recorded
/// in the account event log.
struct SignIn: Sendable {
    let accounts: AccountStore
    let events: AccountEventLog
    /// bcrypt's verification (tests count the calls).
    var verify: @Sendable (_ password: String, _ hash: String) async -> Bool = { await PasswordHasher.verify($0, hash: $1) }
    /// The clock the codes' time steps are read from.
    var now: @Sendable () -> Date = { Date() }

    /// How long the code page waits for a code after the password.
    static let pendingLifetime: Duration = .seconds(5 * 60)

    enum Outcome: Sendable, Equatable {
        /// Signed in: the session cookie's secret, and where to go.
        case session(token: String, next: String)
        /// The password was right; the code page comes next (with this cookie's secret).
        case needsCode(pendingToken: String)
        /// A wrong password (or unknown name: the page does not say which) or a wrong code.
        case refused
        /// Too many failures in a row for this user name.
        case locked(until: Date)
        /// The pending sign-in is over (expired, used, or its user deactivated).
        case expired
    }

    func password(username typed: String, password: String, next: String) async throws -> Outcome {
        let key = SignInThrottle.key(typed)
        let lockedUntil = try await accounts.lockedUntil(username: key)
        let account = lockedUntil == nil ? try await accounts.credentials(username: key) : nil
        // One verification whatever the name, so that the time of the answer tells nothing about
        // it: against the dummy hash for an unknown, inactive or locked name.
        let matches = await verify(password, account?.passwordHash ?? PasswordHasher.dummyHash)
        if let lockedUntil {
            try await events.record(.refusedWhileLocked(username: key))
            return .locked(until: lockedUntil)
        }
        guard let account, matches else { return try await failed(key, user: nil) }
        guard account.user.role.needsSecondFactor || account.hasSecondFactor else {
            return try await startSession(account.user, next: next)
        }
        let pending = try await accounts.startPendingSignIn(
            for: account.user, next: next, enrolmentSecret: account.hasSecondFactor ? nil : OneTimeCodes.newSecret(), lifetime: Self.pendingLifetime)
        return .needsCode(pendingToken: pending.token)
    }

    /// The code typed on the code page of this pending sign-in. Failures count towards the
    /// same lockout as wrong passwords; a code already accepted once is refused.
    func code(_ typed: String, pending: AccountStore.PendingSignIn, token: String) async throws -> Outcome {
        let key = SignInThrottle.key(pending.user.username)
        if let until = try await accounts.lockedUntil(username: key) {
            try await accounts.endPendingSignIn(token)
            try await events.record(.refusedWhileLocked(username: key))
            return .locked(until: until)
        }
        guard let secret = pending.enrolmentSecret ?? pending.secret else {
            try await accounts.endPendingSignIn(token)
            return .expired
        }
        let step = SecondFactor.step(at: now().timeIntervalSince1970)
        if let code = SecondFactor.parse(typed),
           let accepted = SecondFactor.acceptedStep(code, now: step, lastAccepted: pending.lastStep, codeAt: { OneTimeCodes.code(secret: secret, step: $0) }),
           try await accounts.acceptSecondFactor(userID: pending.user.id, step: accepted, enrolling: pending.enrolmentSecret) {
            try await accounts.endPendingSignIn(token)
            if pending.enrolmentSecret != nil {
                try await events.record(.secondFactorEnrolled(userID: pending.user.id, username: pending.user.username))
            }
            return try await startSession(pending.user, next: pending.next)
        }
        let outcome = try await failed(key, user: pending.user)
        if case .locked = outcome { try await accounts.endPendingSignIn(token) }
        return outcome
    }

    func failed(_ key: String, user: User?) async throws -> Outcome {
        let lockedUntil = try await accounts.recordFailure(username: key)
        if let user {
            try await events.record(.secondFactorFailed(userID: user.id, username: user.username))
        } else {
            try await events.record(.signInFailed(username: key))
        }
        guard let lockedUntil else { return .refused }
        try await events.record(.lockedOut(username: key, until: lockedUntil.timeIntervalSince1970))
        return .locked(until: lockedUntil)
    }

    func startSession(_ user: User, next: String) async throws -> Outcome {
        try await accounts.forgetFailures(username: SignInThrottle.key(user.username))
        let session = try await accounts.startSession(for: user)
        try await events.record(.signedIn(userID: user.id, username: user.username))
        return .session(token: session.token, next: next)
    }
}
