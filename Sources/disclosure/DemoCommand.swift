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
                    let result = try await loader.generate(cases: cases, today: today.value) { done in
                        if total >= 50_000, done % 50_000 < chunk { announce("  \(done) cases…") }
                    }
                    // The demo accounts' passwords are drawn now, on the first load (`demo accounts` prints them).
                    _ = try await DemoAccounts.prepare(pool, directory: try await DemoDirectory.seed(pool))
                    return result
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

    /// The demo's account per role with the password drawn for this installation, printed for
    /// whoever starts the demo, and for scripts (one account per line, fields separated by spaces).
    struct Accounts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the demo's officer, supervisor, system and security administrators and auditor with their passwords (drawn at random when the demo is first loaded) and one-time-code secrets.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingFailures {
                try await database.withPool { pool in
                    let directory = try await DemoDirectory.seed(pool)
                    let accounts = try await DemoAccounts.prepare(pool, directory: directory)
                    announce("Demo accounts of this installation (passwords drawn at random when it was first loaded; change them before real use).")
                    announce("Everyone but the officer also types a one-time code: add the secret to an authenticator app (TOTP, 6 digits, 30 s).")
                    announce("  " + ["role", "username", "password", "one-time-code-secret"].map { $0.padding(toLength: max(15, $0.count), withPad: " ", startingAt: 0) }.joined(separator: " "))
                    for account in accounts {
                        let agency = directory.agencies.first { $0.id == account.user.agencyID }?.shortName ?? ""
                        let fields = [account.user.role.rawValue, account.user.username, account.password ?? "(changed)", account.codeSecret ?? "-"]
                        announce("  " + fields.map { $0.padding(toLength: max(15, $0.count), withPad: " ", startingAt: 0) }.joined(separator: " ")
                                 + "  \(account.user.role.label)，\(account.user.name)，\(agency)")
                    }
                }
            }
        }
    }
}
