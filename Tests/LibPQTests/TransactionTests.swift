import LibPQ
import PostgresTestSupport
import Synchronization
import Testing

@Suite struct TransactionTests {
    @Test func conflictingSerializableTransactionsAreRetriedUntilBothCommit() async throws {
        let configuration = try await TestPostgres.freshDatabase("tx")
        let setup = try await Connection.connect(configuration)
        // Classic write skew: each transaction reads the total and adds a row based on it.
        try await setup.executeScript("CREATE TABLE duty (officer text, on_call boolean); INSERT INTO duty VALUES ('a', true), ('b', true)")
        let attempts = Atomic<Int>(0)
        let bothHaveRead = Barrier(parties: 2)

        let takeOffCall: @Sendable (String) async throws -> Void = { officer in
            let connection = try await Connection.connect(configuration)
            defer { connection.close() }
            try await connection.withTransaction(isolation: .serializable) { tx in
                let attempt = attempts.add(1, ordering: .relaxed).newValue
                let onCall = try await tx.query("SELECT count(*) FROM duty WHERE on_call").single().decode(Int.self, at: 0)
                // On the first round both transactions read before either writes.
                if attempt <= 2 { await bothHaveRead.arrive() }
                if onCall > 1 {
                    try await tx.execute("UPDATE duty SET on_call = false WHERE officer = \(officer)")
                }
            }
        }

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await takeOffCall("a") }
            group.addTask { try await takeOffCall("b") }
            try await group.waitForAll()
        }

        // One of the two failed with 40001 and ran again; on its second run it saw only one
        // officer left on call and so kept its own officer on duty.
        let totalAttempts = attempts.load(ordering: .relaxed)
        #expect(totalAttempts == 3)
        let onCall = try await setup.query("SELECT count(*) FROM duty WHERE on_call")
        #expect(try onCall.single().decode(Int.self, at: 0) == 1)
    }

    @Test func anErrorRollsBackAndIsRethrown() async throws {
        let connection = try await Connection.connect(try await TestPostgres.freshDatabase("tx"))
        try await connection.executeScript("CREATE TABLE t (x int)")
        await #expect(throws: PostgresError.self) {
            try await connection.withTransaction { tx in
                try await tx.execute("INSERT INTO t VALUES (1)")
                try await tx.execute("INSERT INTO t VALUES ('not a number')")
            }
        }
        #expect(await connection.transactionStatus() == .idle)
        let count = try await connection.query("SELECT count(*) FROM t")
        #expect(try count.single().decode(Int.self, at: 0) == 0)
    }
}

/// Lets a fixed number of tasks wait until all have arrived.
actor Barrier {
    private let parties: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) { self.parties = parties }

    func arrive() async {
        arrived += 1
        if arrived >= parties {
            waiting.forEach { $0.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}
