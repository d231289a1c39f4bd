import ArgumentParser
import DisclosureStore
import Foundation

extension UserCommand {
    /// `disclosure user token USERNAME --name N`: a personal API token for scripts (and the API
    /// fuzzing step of Deploy/test), as 个人设置 creates one in the browser. Only its hash is
    /// stored, so the secret is printed once, alone on stdout.
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a personal API token for a user; prints it once.")

        @Argument(help: "The username.") var username: String
        @Option(help: "What the token is for, e.g. \"nightly export\" (1 to 100 characters).") var name: String
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 100 else { throw ValidationError("--name must hold 1 to 100 characters.") }
        }

        func run() async throws {
            try await reportingFailures {
                try await database.withPool { pool in
                    guard let user = try await DirectoryStore(pool: pool).user(username: username) else {
                        throw ValidationError("There is no active user \(username).")
                    }
                    print(try await AccountStore(pool: pool).createAPIToken(for: user, name: name.trimmingCharacters(in: .whitespaces)))
                }
            }
        }
    }
}
