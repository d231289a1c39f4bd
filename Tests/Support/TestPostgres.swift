import Foundation
import LibPQ

/// One throwaway PostgreSQL cluster per test process, started on first use through the same
/// `LocalCluster` code that `disclosure serve` uses, and a fresh database for each caller.
public enum TestPostgres {
    /// Where test clusters live; Deploy/test removes leftovers of crashed runs from here.
    public static let root = URL(fileURLWithPath: "/tmp/disclosure-tests")

    private static let shared = SharedCluster()

    public static var cluster: LocalCluster {
        get async throws { try await shared.get() }
    }

    /// A new, empty database on the shared cluster.
    public static func freshDatabase(_ label: String = "t") async throws -> ConnectionConfiguration {
        let cluster = try await cluster
        let name = "\(label)_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try await Connection.connect(patient(cluster.connectionConfiguration()))
        defer { admin.close() }
        try await admin.execute("CREATE DATABASE \(identifier: name) TEMPLATE template0 STRATEGY FILE_COPY")
        return patient(cluster.connectionConfiguration(database: name))
    }

    /// Hundreds of tests start at once on two cores: a backend may take longer than the
    /// service's 5 seconds to start, which is load, not a failure of the code under test.
    static func patient(_ configuration: ConnectionConfiguration) -> ConnectionConfiguration {
        var configuration = configuration
        configuration.connectTimeoutSeconds = 60
        return configuration
    }

    /// A new, empty database as a conninfo string, for `DATABASE_URL` of a child program.
    public static func freshDatabaseURL(_ label: String = "t") async throws -> String {
        let configuration = try await freshDatabase(label)
        return configuration.parameters.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
    }

    /// A path for a scratch file or folder under `root`, which Deploy/test clears, so that test
    /// runs leave nothing behind in /tmp.
    public static func scratchPath(_ prefix: String) throws -> String {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        chmod(root.path, 0o1777)
        return root.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    }

    /// A cluster of the caller's own, for tests that stop, kill or reconfigure it.
    public static func privateCluster(
        _ label: String, durability: LocalCluster.Durability = .throwaway
    ) throws -> LocalCluster {
        let folder = root.appendingPathComponent("\(label)-\(getpid())-\(UUID().uuidString.prefix(6))")
        let cluster = try LocalCluster(directory: folder, durability: durability)
        ClusterCleanup.register(cluster)
        return cluster
    }
}

private actor SharedCluster {
    private var started: Task<LocalCluster, any Error>?

    func get() async throws -> LocalCluster {
        if let started { return try await started.value }
        let task = Task { () throws -> LocalCluster in
            try FileManager.default.createDirectory(at: TestPostgres.root, withIntermediateDirectories: true)
            chmod(TestPostgres.root.path, 0o1777)
            let cluster = try LocalCluster(
                directory: TestPostgres.root.appendingPathComponent("shared-\(getpid())"), durability: .throwaway)
            try await cluster.start()
            ClusterCleanup.register(cluster)
            return cluster
        }
        started = task
        return try await task.value
    }
}

/// Stops and deletes test clusters when the test process exits normally.
enum ClusterCleanup {
    nonisolated(unsafe) static var clusters: [LocalCluster] = []
    static let lock = NSLock()

    static func register(_ cluster: LocalCluster) {
        lock.lock()
        defer { lock.unlock() }
        if clusters.isEmpty {
            atexit {
                ClusterCleanup.lock.lock()
                let all = ClusterCleanup.clusters
                ClusterCleanup.lock.unlock()
                for cluster in all { try? cluster.removeNow() }
            }
        }
        clusters.append(cluster)
    }
}
