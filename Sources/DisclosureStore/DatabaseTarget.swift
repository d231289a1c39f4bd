import Foundation
import LibPQ

/// The database the service runs on: the server `DATABASE_URL` names, or, without one, the
/// embedded cluster in the data folder, started here and stopped by `shutdown()`.
public struct DatabaseTarget: Sendable {
    /// As the owner of the tables: migrations and the operator's command line.
    public let configuration: ConnectionConfiguration
    /// As the service's role, which owns nothing and is held by row-level security (Schema 0019):
    /// the web service.
    public let serviceConfiguration: ConnectionConfiguration
    public let embedded: LocalCluster?
    /// False when the embedded server was already running (another command, or a `serve`
    /// that was killed and left it behind).
    public let startedHere: Bool

    public static let embeddedDatabaseName = "disclosure"
    /// The role the service connects as (created by Schema 0019).
    public static let serviceRole = "disclosure_service"

    /// `databaseURL` is the service's connection; `ownerURL`, when given, the owner's (else the
    /// same). The embedded cluster is entered as its superuser and, for the service, as the role.
    /// `walArchive`: the embedded cluster copies its WAL there (`LocalCluster.walArchive`).
    public static func resolve(databaseURL: String?, ownerURL: String? = nil, dataDirectory: URL, walArchive: URL? = nil) async throws -> DatabaseTarget {
        func given(_ text: String?) -> String? { text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        if let url = given(databaseURL) {
            let service = try ConnectionConfiguration(url: url)
            return DatabaseTarget(configuration: try given(ownerURL).map { try ConnectionConfiguration(url: $0) } ?? service,
                                  serviceConfiguration: service, embedded: nil, startedHere: false)
        }
        let cluster = try LocalCluster(directory: dataDirectory.appendingPathComponent("pg"), walArchive: walArchive)
        let started = try await cluster.start()
        try await createDatabaseIfMissing(embeddedDatabaseName, on: cluster)
        let owner = cluster.connectionConfiguration(database: embeddedDatabaseName)
        return DatabaseTarget(configuration: owner, serviceConfiguration: owner.as(user: serviceRole), embedded: cluster, startedHere: started)
    }

    static func createDatabaseIfMissing(_ name: String, on cluster: LocalCluster) async throws {
        let admin = try await Connection.connect(cluster.connectionConfiguration())
        defer { admin.close() }
        let exists = try await admin.query("SELECT 1 FROM pg_database WHERE datname = \(name)")
        if exists.isEmpty {
            try await admin.execute("CREATE DATABASE \(identifier: name) TEMPLATE template0 ENCODING 'UTF8'")
        }
    }

    /// Before a restore: creates the service's role where the server lacks it, as Schema 0019
    /// does (roles belong to the server, not to a backup, whose grants need it), and gives how many
    /// tables the database already holds.
    public func prepareForRestore() async throws -> Int {
        let connection = try await Connection.connect(configuration)
        defer { connection.close() }
        try await connection.executeScript("""
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'disclosure_service') THEN
                    CREATE ROLE disclosure_service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS;
                END IF;
            END
            $$
            """)
        return try await connection.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").single().decode(Int.self, at: 0)
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
