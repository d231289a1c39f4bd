import ArgumentParser
import DisclosureStore
import Foundation
import LibPQ

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the pending database migrations, or list them all with --status.")

    @Flag(help: "List every migration and whether it is applied; change nothing.")
    var status = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            let migrator = try Migrator(directory: database.schemaDirectory)
            let poolSettings = try database.poolSettings()
            let target = try await database.target()
            let pool = ConnectionPool(poolSettings.configuration(target.configuration))
            do {
                if status {
                    for entry in try await migrator.status(pool) {
                        let when = entry.appliedAt.map { "applied \(ISO8601DateFormatter().string(from: $0))" } ?? "pending"
                        print(String(format: "%04d", entry.version) + "  \(entry.name)  \(when)")
                    }
                } else {
                    let applied = try await migrator.migrate(pool)
                    if applied.isEmpty {
                        print("The database is up to date (\(migrator.files.count) migrations).")
                    } else {
                        for file in applied { print("applied \(file.fileName)") }
                    }
                    if let rewritten = try await CaseStore(pool: pool, calendars: CalendarStore(pool: pool)).refreshSnapshotsIfOutdated() {
                        print("case snapshots recomputed for this version: \(rewritten) changed")
                    }
                }
                await pool.close()
                try await target.shutdown(onlyIfStartedHere: true)
            } catch {
                await pool.close()
                try? await target.shutdown(onlyIfStartedHere: true)
                throw error
            }
        }
    }
}
