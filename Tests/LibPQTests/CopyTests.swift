import LibPQ
import PostgresTestSupport
import Testing

@Suite struct CopyTests {
    @Test func copiesAHundredThousandRowsWithChineseText() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("copy"))
        try await connection.executeScript("CREATE TABLE applications (n int, subject text, note text)")
        let subjects = ["申请公开某地块征收补偿方案", "请求提供2023年度低保名单\t（含附件）", "关于\\路灯\n维修的答复"]
        let copied = try await connection.copyIn("COPY applications (n, subject, note) FROM STDIN") { writer in
            for n in 0..<100_000 {
                try await writer.writeRow([String(n), subjects[n % 3], n % 10 == 0 ? nil : "备注\(n)"])
            }
        }
        #expect(copied == 100_000)
        let summary = try await connection.query("""
            SELECT count(*), count(note), sum(n), sum(octet_length(subject)),
                   bool_and(subject = ANY(\(subjects)))
            FROM applications
            """)
        let (count, notes, sum, bytes, allMatch) = try summary.single().decode(Int.self, Int.self, Int.self, Int.self, Bool.self)
        #expect(count == 100_000)
        #expect(notes == 90_000)
        #expect(sum == 4_999_950_000)
        let expectedBytes = (0..<100_000).reduce(0) { $0 + subjects[$1 % 3].utf8.count }
        #expect(bytes == expectedBytes)
        #expect(allMatch)
    }

    @Test func aFailingProducerCopiesNothing() async throws {
        struct Stop: Error {}
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("copy"))
        try await connection.executeScript("CREATE TABLE t (x int)")
        await #expect(throws: Stop.self) {
            try await connection.copyIn("COPY t FROM STDIN") { writer in
                for i in 0..<1000 { try await writer.writeRow([String(i)]) }
                throw Stop()
            }
        }
        let count = try await connection.query("SELECT count(*) FROM t")
        #expect(try count.single().decode(Int.self, at: 0) == 0)
    }

    @Test func badDataIsReportedWithTheServersMessage() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("copy"))
        try await connection.executeScript("CREATE TABLE t (x int)")
        let error = await #expect(throws: PostgresError.self) {
            try await connection.copyIn("COPY t FROM STDIN") { writer in
                try await writer.write("1\n2\n三\n")
            }
        }
        #expect(error?.sqlState == "22P02")
        #expect(error?.serverFields?.message.contains("三") == true)
        #expect(try await connection.query("SELECT 1").count == 1)
    }
}
