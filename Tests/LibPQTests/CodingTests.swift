import Foundation
import LibPQ
import PostgresTestSupport
import Testing

/// Every encoder and decoder, round-tripped through a real server.
@Suite struct CodingTests {
    let connection: Connection

    init() async throws {
        connection = try await Connection.connect(try await TestPostgres.freshDatabase("coding"))
    }

    func echo<T: PostgresEncodable & PostgresDecodable>(_ value: T, as cast: StaticString) async throws -> T {
        let rows = try await connection.query("SELECT \(value)::\(raw: cast)")
        return try rows.single().decode(T.self, at: 0)
    }

    @Test func chineseTextEmptyStringsAndNull() async throws {
        #expect(try await echo("济南市市中区住房和城乡建设局", as: "text") == "济南市市中区住房和城乡建设局")
        #expect(try await echo("", as: "text") == "")
        #expect(try await echo("emoji 🀄 and tab\tnewline\n", as: "text") == "emoji 🀄 and tab\tnewline\n")
        let none: String? = nil
        #expect(try await echo(none, as: "text") == nil)
        let length = try await connection.query("SELECT length(\("政府信息公开")), octet_length(\("政府信息公开"))")
        #expect(try length.single().decode(Int.self, Int.self) == (6, 18))
    }

    @Test func oneMegabyteOfTextAndOfBinary() async throws {
        let text = String(repeating: "依申请公开", count: 70_000)  // 350,000 characters, 1,050,000 bytes
        #expect(try await echo(text, as: "text") == text)
        var bytes = Data(count: 1_048_576)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 31 &+ (i >> 8)) }
        bytes[10] = 0
        #expect(try await echo(bytes, as: "bytea") == bytes)
        let size = try await connection.query("SELECT octet_length(\(bytes))")
        #expect(try size.single().decode(Int.self, at: 0) == 1_048_576)
    }

    @Test func integersBooleansAndFloats() async throws {
        #expect(try await echo(Int.max, as: "int8") == Int.max)
        #expect(try await echo(Int.min, as: "int8") == Int.min)
        #expect(try await echo(Int32(-2_000_000_000), as: "int4") == -2_000_000_000)
        #expect(try await echo(Int16(32_000), as: "int2") == 32_000)
        #expect(try await echo(Int64(42), as: "int8") == 42)
        #expect(try await echo(true, as: "bool") == true)
        #expect(try await echo(false, as: "bool") == false)
        #expect(try await echo(Double(0.1), as: "float8") == 0.1)
        #expect(try await echo(Double(-1.5e300), as: "float8") == -1.5e300)
        #expect(try await echo(Double.infinity, as: "float8") == .infinity)
        let nan: Double = try await echo(Double.nan, as: "float8")
        #expect(nan.isNaN)
    }

    @Test func numeric() async throws {
        let fee = Decimal(string: "12345.67")!
        #expect(try await echo(fee, as: "numeric(12,2)") == fee)
        let sum = try await connection.query("SELECT \(Decimal(string: "0.1")!)::numeric + 0.2")
        #expect(try sum.single().decode(Decimal.self, at: 0) == Decimal(string: "0.3")!)
    }

    @Test func calendarDates() async throws {
        let date = PostgresDate(year: 2024, month: 10, day: 23)
        #expect(try await echo(date, as: "date") == date)
        let next = try await connection.query("SELECT \(date)::date + 10")
        #expect(try next.single().decode(PostgresDate.self, at: 0) == PostgresDate(year: 2024, month: 11, day: 2))
        #expect(PostgresDate(iso: "2024-13-01") == nil)
    }

    @Test func timestamps() async throws {
        let instant = Date(timeIntervalSince1970: 1_729_670_400.123456)
        let back = try await echo(instant, as: "timestamptz")
        #expect(abs(back.timeIntervalSince1970 - instant.timeIntervalSince1970) < 0.000_001)
        let fixed = try await connection.query("SELECT '2024-10-23 08:00:00+08'::timestamptz")
        #expect(try fixed.single().decode(Date.self, at: 0) == Date(timeIntervalSince1970: 1_729_641_600))
    }

    @Test func uuids() async throws {
        let id = UUID()
        #expect(try await echo(id, as: "uuid") == id)
    }

    struct Payload: Codable, Equatable, Sendable {
        var reason: String
        var days: Int
    }

    @Test func jsonb() async throws {
        let payload = PostgresJSON(Payload(reason: "征求第三方意见", days: 15))
        let back = try await echo(payload, as: "jsonb")
        #expect(back.value == payload.value)
        let field = try await connection.query("SELECT \(payload)::jsonb ->> 'reason'")
        #expect(try field.single().decode(String.self, at: 0) == "征求第三方意见")
    }

    @Test func arrays() async throws {
        let words = ["拆迁", "a,b", "quote\"d", "back\\slash", "", "NULL"]
        #expect(try await echo(words, as: "text[]") == words)
        #expect(try await echo([1, -2, 3], as: "int8[]") == [1, -2, 3])
        #expect(try await echo([Int](), as: "int8[]") == [])
        let dates = [PostgresDate(year: 2024, month: 2, day: 29)]
        #expect(try await echo(dates, as: "date[]") == dates)
        let any = try await connection.query("SELECT 3 = ANY(\([1, 2, 3]))")
        #expect(try any.single().decode(Bool.self, at: 0))
    }

    @Test func nullIntoNonOptionalIsADecodingError() async throws {
        let rows = try await connection.query("SELECT NULL::int AS n")
        #expect(try rows.single().decode(Int?.self, at: 0) == nil)
        #expect(throws: PostgresError.self) { try rows.single().decode(Int.self, at: 0) }
        let named = try await connection.query("SELECT 7 AS seven")
        #expect(try named.single().decode(Int.self, named: "seven") == 7)
    }
}
