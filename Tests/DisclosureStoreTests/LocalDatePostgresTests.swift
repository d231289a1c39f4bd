import DisclosureCore
import DisclosureStore
import LibPQ
import PostgresTestSupport
import Testing

@Suite struct LocalDatePostgresTests {
    @Test func legalDatesRoundTripAsPostgresDates() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("dates"))
        let receipt = LocalDate(iso: "2024-09-02")!
        let row = try await connection.query("SELECT \(receipt)::date, \(receipt)::date + 21, pg_typeof(\(receipt))::text").single()
        #expect(try row.decode(LocalDate.self, at: 0) == receipt)
        #expect(try row.decode(LocalDate.self, at: 1) == LocalDate(iso: "2024-09-23"))
        #expect(try row.decode(String.self, at: 2) == "date")
        let days = [receipt, LocalDate(iso: "2024-10-23")!]
        let array = try await connection.query("SELECT \(days)").single()
        #expect(try array.decode([LocalDate].self, at: 0) == days)
    }
}
