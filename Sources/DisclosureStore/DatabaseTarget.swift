import Foundation
import LibPQ

/// The database the service runs on: the server `DATABASE_URL` names, or, without one, the
/// embedded cluster in the data folder, started here and stopped by `shutdown()`.
public struct DatabaseTarget: Sendable {
    public let configuration: ConnectionConfiguration
    public let embedded: LocalCluster?
    /// False when the embedded server was already running (another command, or a `serve`
    /// that was killed and left it behind).
    public let startedHere: Bool

    public static let embeddedDatabaseName = "disclosure"

    public static func resolve(databaseURL: String?, dataDirectory: URL) async throws -> DatabaseTarget {
        if let url = databaseURL, !url.trimmingCharacters(in: .whitespaces).isEmpty {
            return DatabaseTarget(configuration: try ConnectionConfiguration(url: url), embedded: nil, startedHere: false)
        }
        let cluster = try LocalCluster(directory: dataDirectory.appendingPathComponent("pg"))
        let started = try await cluster.start()
        try await createDatabaseIfMissing(embeddedDatabaseName, on: cluster)
        return DatabaseTarget(configuration: cluster.connectionConfiguration(database: embeddedDatabaseName),
                              embedded: cluster, startedHere: started)
    }

    static func createDatabaseIfMissing(_ name: String, on cluster: LocalCluster) async throws {
        let admin = try await Connection.connect(cluster.connectionConfiguration())
        defer { admin.close() }
        let exists = try await admin.query("SELECT 1 FROM pg_database WHERE datname = \(name)")
        if exists.isEmpty {
            try await admin.execute("CREATE DATABASE \(identifier: name) TEMPLATE template0 ENCODING 'UTF8'")
        }
    }

    /// Where the embedded database keeps its files, for messages.
    public var description: String {
        if let embedded { return "embedded PostgreSQL in \(embedded.directory.path)" }
        return "the PostgreSQL server named by DATABASE_URL"
    }

    /// Stops the embedded server; a short command leaves one it found running alone.
    public func shutdown(onlyIfStartedHere: Bool = false) async throws {
        if onlyIfStartedHere && !startedHere { return }
        try await embedded?.stop()
    }
}
