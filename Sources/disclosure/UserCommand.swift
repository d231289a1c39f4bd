import ArgumentParser
import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation

/// `disclosure user add|password`: accounts from the command line (the first administrator, scripts).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add users, set their passwords, reset their one-time codes, create API tokens.",
        subcommands: [Add.self, Password.self, ResetCode.self, Token.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; prints the password (generated unless --password is given).")

        @Option(help: "Sign-in name: lower-case letters, digits, . _ -") var username: String
        @Option(help: "The person's name, e.g. 王芳.") var name: String
        @Option(help: "officer, supervisor, administrator or auditor.") var role: String
        @Option(help: "The agency's code, e.g. szq-zjj.") var agency: String
        @Option(help: "The password (at least 10 characters); generated if left out.") var password: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), not \(role).")
            }
            guard User.isValidUsername(username) else {
                throw ValidationError("--username may hold lower-case letters, digits, dots, dashes and underscores only.")
            }
            if let password, let problem = try PasswordRules.problems(password, username: username).first { throw ValidationError(problem.english) }
        }

        func run() async throws {
            try await reportingFailures {
                let secret = password ?? UserCommand.generatedPassword()
                let hash = await PasswordHasher.hash(secret)
                try await database.withPool { pool in
                    let directory = DirectoryStore(pool: pool)
                    guard let found = try await directory.agency(code: agency) else {
                        throw ValidationError("There is no agency with the code \(agency).")
                    }
                    if try await directory.user(username: username) != nil { throw ValidationError("The username \(username) is taken.") }
                    let user = try await directory.addUser(username: username, name: name, role: Role(rawValue: role)!, agencyID: found.id)
                    try await AccountStore(pool: pool).setPasswordHash(hash, for: user.id)
                    try await AuditStore(pool: pool).record(.userAdded, by: nil, subject: user.username,
                                                            detail: UserCommand.commandLine(["userID": String(user.id), "role": role, "agency": agency]))
                    print("added \(username) (\(name), \(Role(rawValue: role)!.label), \(found.name)); password: \(secret)")
                }
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (ending their sessions and revoking their API tokens); prints it.")

        @Argument(help: "The username.") var username: String
        @Option(help: "The new password; generated if left out.") var password: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            if let password, let problem = try PasswordRules.problems(password, username: username).first { throw ValidationError(problem.english) }
            try await reportingFailures {
                let secret = password ?? UserCommand.generatedPassword()
                let hash = await PasswordHasher.hash(secret)
                try await database.withPool { pool in
                    guard let user = try await DirectoryStore(pool: pool).user(username: username) else {
                        throw ValidationError("There is no active user \(username).")
                    }
                    try await AccountStore(pool: pool).resetPassword(hash, for: user.id)
                    try await AccountEventLog.standard(pool: pool).record(.passwordReset(userID: user.id, by: nil))
                    print("password of \(username): \(secret)")
                }
            }
        }
    }

    /// Changes made here have no signed-in user: the trail says they came from the command line
    /// and under which account of the machine.
    static func commandLine(_ detail: [String: String]) -> [String: String] {
        detail.merging(["via": "command line", "osUser": ProcessInfo.processInfo.environment["USER"] ?? NSUserName()]) { a, _ in a }
    }

    /// For someone who lost their authenticator: the secret is removed, so the next sign-in after
    /// the password shows a new one to enrol. Their sessions and pending sign-ins end, as whoever
    /// holds the old authenticator may hold them.
    struct ResetCode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-code",
            abstract: "Remove a user's one-time-code authenticator (and end their sessions); their next sign-in enrols a new one.")

        @Argument(help: "The username.") var username: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingFailures {
                try await database.withPool { pool in
                    guard let user = try await DirectoryStore(pool: pool).user(username: username) else {
                        throw ValidationError("There is no active user \(username).")
                    }
                    let accounts = AccountStore(pool: pool)
                    try await accounts.setSecondFactorSecret(nil, for: user.id)
                    try await accounts.endAllSessions(of: user.id)
                    try await AccountEventLog.standard(pool: pool).record(.secondFactorReset(userID: user.id, by: nil))
                    print("the one-time-code authenticator of \(username) is removed; the next sign-in shows a new secret to enrol")
                }
            }
        }
    }

    static func generatedPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<14).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
