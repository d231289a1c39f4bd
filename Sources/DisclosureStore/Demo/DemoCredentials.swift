import DisclosureCore
import LibPQ

/// The demo accounts' passwords, drawn at random on each installation when the demo is first
/// loaded, and kept so that `disclosure demo accounts` can print them again (issue 13). They
/// live in the database rather than in a file of the data folder so that a demo loaded into a
/// server named by DATABASE_URL (which has no data folder) works the same, and a backup keeps
/// them with the accounts they open. The table grants nothing to PUBLIC; a password found
/// changed is forgotten.
public struct DemoCredentials: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    public func password(of userID: Int64) async throws -> String? {
        try await pool.query("SELECT password FROM demo_credentials WHERE user_id = \(userID)").first?.decode(String.self, at: 0)
    }

    public func remember(_ password: String, for userID: Int64) async throws {
        try await pool.query("""
            INSERT INTO demo_credentials (user_id, password) VALUES (\(userID), \(password))
            ON CONFLICT (user_id) DO UPDATE SET password = excluded.password, created_at = now()
            """)
    }

    public func forget(_ userID: Int64) async throws {
        try await pool.query("DELETE FROM demo_credentials WHERE user_id = \(userID)")
    }
}
