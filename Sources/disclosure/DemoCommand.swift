import ArgumentParser
import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation

/// `disclosure demo generate --cases N`: the demo district and N generated cases.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Demo data: the district of 济南市市中区 and generated cases.",
        subcommands: [Generate.self, Accounts.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add N realistic cases with full histories (and the demo agencies and users if missing).")

        @Option(help: "How many cases to add.") var cases = 200
        @Option(help: "Seed for the generator: the same seed gives the same cases.") var seed: UInt64 = 2024
        @Flag(help: "Do nothing if the database already holds cases (for first starts).") var ifEmpty = false
        @OptionGroup var today: TodayOption
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...10_000_000).contains(cases) else { throw ValidationError("--cases must be between 1 and 10,000,000, not \(cases).") }
        }

        func run() async throws {
            try await reportingFailures {
                let clock = ContinuousClock()
                let started = clock.now
                let result = try await database.withPool { pool -> DemoLoader.Result? in
                    var loader = DemoLoader(pool: pool)
                    if ifEmpty, try await loader.databaseHasCases() { return nil }
                    loader.seed = seed
                    let total = cases, chunk = loader.chunkSize
                    return try await loader.generate(cases: cases, today: today.value) { done in
                        if total >= 50_000, done % 50_000 < chunk { announce("  \(done) cases…") }
                    }
                }
                guard let result else {
                    announce("The database already holds cases; no demo cases added.")
                    return
                }
                let seconds = (clock.now - started).seconds
                announce("Generated \(result.cases) cases with \(result.events) events in \(String(format: "%.1f", seconds)) s.")
            }
        }
    }

    /// One demo account per role with a known password, printed for whoever starts the demo.
    struct Accounts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give the demo's officer, supervisor, administrator and auditor their demo passwords and print them.")

        @OptionGroup var database: DatabaseOptions

        static let accounts: [(username: String, password: String)] = [
            ("zjj.officer", "officer-demo-2024"), ("bgs.supervisor", "supervisor-demo-2024"),
            ("admin", "admin-demo-2024"), ("auditor", "auditor-demo-2024"),
        ]

        func run() async throws {
            try await reportingFailures {
                try await database.withPool { pool in
                    let directory = try await DemoDirectory.seed(pool)
                    let accounts = AccountStore(pool: pool)
                    announce("Demo accounts (change these before real use):")
                    for (username, password) in Self.accounts {
                        guard let user = directory.users.first(where: { $0.username == username }) else { continue }
                        var shown = password
                        if let (_, hash) = try await accounts.passwordHash(username: username) {
                            if !(await PasswordHasher.verify(password, hash: hash)) { shown = "(password changed since)" }
                        } else {
                            try await accounts.setPasswordHash(await PasswordHasher.hash(password), for: user.id)
                        }
                        let agency = directory.agencies.first { $0.id == user.agencyID }?.shortName ?? ""
                        announce("  \(user.role.label)  \(username) / \(shown)  （\(user.name)，\(agency)）")
                    }
                }
            }
        }
    }
}
