import LibPQ
import Testing

@Suite struct QueryTests {
    @Test func interpolatedValuesBecomeNumberedParameters() {
        let name = "x'); DROP TABLE cases; --"
        let query: Query = "SELECT * FROM t WHERE name = \(name) AND n > \(3)"
        #expect(query.sql == "SELECT * FROM t WHERE name = $1 AND n > $2")
        #expect(query.binds.count == 2)
        #expect(query.binds[0].bytes == Array(name.utf8))
        #expect(query.binds[1].type == .int8)
    }

    @Test func nilBecomesATypedNull() {
        let missing: Int? = nil
        let query: Query = "SELECT \(missing)"
        #expect(query.binds[0].bytes == nil)
        #expect(query.binds[0].type == .int8)
    }

    @Test func fragmentsAreRenumbered() {
        let condition: Query = "a = \(1) AND b = \(2)"
        let query: Query = "SELECT \(0), x FROM t WHERE \(condition) AND c = \(3)"
        #expect(query.sql == "SELECT $1, x FROM t WHERE a = $2 AND b = $3 AND c = $4")
        #expect(query.binds.map { String(decoding: $0.bytes!, as: UTF8.self) } == ["0", "1", "2", "3"])
    }

    @Test func joinedFragmentsKeepTheirOwnParameters() {
        let parts: [Query] = ["a = \(1)", "b = \("二")", "c IS NULL"]
        let joined = Query.joined(parts, separator: " AND ")
        #expect(joined.sql == "a = $1 AND b = $2 AND c IS NULL")
        #expect(joined.binds.count == 2)
    }

    @Test func identifiersAreQuoted() {
        let query: Query = "CREATE DATABASE \(identifier: "we\"ird")"
        #expect(query.sql == "CREATE DATABASE \"we\"\"ird\"")
        #expect(query.binds.isEmpty)
    }
}
