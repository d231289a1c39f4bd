import DisclosureCore
import DisclosureStore
import DisclosureWeb
import LibPQ

/// One demo account per role. Each installation draws its own passwords (and, for every role but
/// officers, the secret of a one-time-code authenticator) when the demo is first loaded, so no
/// password works on two installations; `disclosure demo accounts` prints them again.
enum DemoAccounts {
    static let usernames = ["zjj.officer", "bgs.supervisor", "admin", "security", "auditor"]

    /// What earlier versions gave every installation, published in their README: an account
    /// still using one gets a random password like a new one.
    static let formerlyPublished = ["zjj.officer": "officer-demo-2024", "bgs.supervisor": "supervisor-demo-2024",
                                    "admin": "admin-demo-2024", "auditor": "auditor-demo-2024"]

    struct Account {
        var user: User
        /// Nil once the password was changed from the one drawn (it is then no longer known).
        var password: String?
        /// The authenticator's secret, as apps take it (base32), for accounts that have one.
        var codeSecret: String?
    }

    /// Gives each demo account without a password (or with a formerly published one) a random
    /// one, and returns every demo account with what is known of its sign-in.
    static func prepare(_ pool: ConnectionPool, directory: DemoDirectory) async throws -> [Account] {
        let accounts = AccountStore(pool: pool), stored = DemoCredentials(pool: pool)
        var result: [Account] = []
        for username in usernames {
            guard let user = directory.users.first(where: { $0.username == username }) else { continue }
            var password = try await stored.password(of: user.id)
            if let (_, hash) = try await accounts.passwordHash(username: username) {
                if let known = password, !(await PasswordHasher.verify(known, hash: hash)) {
                    try await stored.forget(user.id)
                    password = nil
                } else if password == nil, let published = formerlyPublished[username], await PasswordHasher.verify(published, hash: hash) {
                    password = try await draw(for: user, accounts, stored)
                }
            } else {
                password = try await draw(for: user, accounts, stored)
            }
            var secret = try await accounts.secondFactorSecret(of: user.id)
            if secret == nil, password != nil, user.role.needsSecondFactor {
                secret = OneTimeCodes.newSecret()
                try await accounts.setSecondFactorSecret(secret, for: user.id)
            }
            result.append(Account(user: user, password: password, codeSecret: secret.map(OneTimeCodes.base32)))
        }
        return result
    }

    static func draw(for user: User, _ accounts: AccountStore, _ stored: DemoCredentials) async throws -> String {
        let password = UserCommand.generatedPassword()
        // As an administrator's reset: any session or token of a formerly published password ends.
        try await accounts.resetPassword(await PasswordHasher.hash(password), for: user.id)
        try await stored.remember(password, for: user.id)
        return password
    }
}
