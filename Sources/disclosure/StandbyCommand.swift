import ArgumentParser
import DisclosureStore
import Foundation
import LibPQ

/// `disclosure standby`: a hot standby of the embedded database beside it, made on first use
/// with `pg_basebackup -R` and kept current by streaming replication; the service sends its
/// reads there when started with the `DATABASE_READ_URL` this prints.
struct StandbyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standby",
        abstract: "Start a hot standby of the running embedded database (made on first use) and print the DATABASE_READ_URL that sends reads to it; --stop stops it.")

    @Option(help: "Folder of the standby (default: the data folder's standby/).") var standbyDir: String?
    @Flag(help: "Stop the standby instead.") var stop = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            guard database.databaseURL == nil else {
                throw ValidationError("The standby is made beside the embedded database; for a server of your own, set up its streaming replication and give DATABASE_READ_URL (see the README).")
            }
            let folder = standbyDir.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? database.dataDirectory.appendingPathComponent("standby")
            let standby = try LocalCluster(directory: folder)
            if stop {
                try await standby.stop()
                print("The standby in \(folder.path) is stopped; the service reads from the primary meanwhile.")
                return
            }
            if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("PG_VERSION").path) {
                let primary = try LocalCluster(directory: database.dataDirectory.appendingPathComponent("pg"))
                guard primary.isRunning() else {
                    throw ValidationError("The embedded database in \(primary.directory.path) is not running; start the service first, as the standby is copied from it while it runs.")
                }
                try standby.makeStandby(of: primary)
            }
            try await standby.start()
            let url = "host=\(standby.socketDirectory) port=\(standby.port) user=\(DatabaseTarget.serviceRole) dbname=\(DatabaseTarget.embeddedDatabaseName)"
            print("The standby in \(folder.path) is running. Start the service with:")
            print("DATABASE_READ_URL='\(url)'")
        }
    }
}
