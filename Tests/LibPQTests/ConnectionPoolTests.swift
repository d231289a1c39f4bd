import Foundation
import LibPQ
import PostgresTestSupport
import Synchronization
import Testing

@Suite struct ConnectionPoolTests {
    func makePool(
        size: Int, timeout: Duration = .seconds(5), statementConnections: Int = ProcessInfo.processInfo.activeProcessorCount,
        rescueAfter: Duration = .milliseconds(1), slowAfter: Duration = .milliseconds(50)
    ) async throws -> ConnectionPool {
        let configuration = try await TestPostgres.freshDatabase("pool")
        return ConnectionPool(.init(connection: configuration, size: size, acquireTimeout: timeout,
                                    statementConnections: statementConnections, rescueAfter: rescueAfter, slowAfter: slowAfter))
    }

    @Test func exhaustionWaitsThenFailsWithTheTimeoutError() async throws {
        let pool = try await makePool(size: 1, timeout: .milliseconds(300))
        let held = try await pool.acquire()
        let started = ContinuousClock.now
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        let waited = ContinuousClock.now - started
        guard case .poolTimeout(let limit, let size) = error else {
            Issue.record("expected poolTimeout, got \(String(describing: error))")
            return
        }
        #expect(limit == .milliseconds(300) && size == 1)
        #expect(waited >= .milliseconds(290))
        #expect(waited < .seconds(3))
        #expect(pool.statistics.waiting == 0)
        await pool.release(held)
        // Once the connection is back, the next caller gets it at once.
        #expect(try await pool.query("SELECT 1").count == 1)
        await pool.close()
    }

    @Test func waitersAreServedInArrivalOrder() async throws {
        // A long wait allowed: on a loaded machine a waiter that gave up would leave the loop
        // below spinning for ever.
        let pool = try await makePool(size: 1, timeout: .seconds(120))
        let held = try await pool.acquire()
        let order = Recorder()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<5 {
                group.addTask {
                    try await pool.withConnection { _ in await order.append(i) }
                }
                // Let each task queue up before the next one starts.
                try await eventually { pool.statistics.waiting >= i + 1 }
            }
            await pool.release(held)
            try await group.waitForAll()
        }
        #expect(await order.values == [0, 1, 2, 3, 4])
        await pool.close()
    }

    @Test func aTerminatedBackendIsReplacedAndTheNextQuerySucceeds() async throws {
        let pool = try await makePool(size: 1)
        let pid = try await pool.withConnection { $0.backendPID }
        let admin = try await Connection.connect(try await TestPostgres.cluster.connectionConfiguration())
        try await admin.query("SELECT pg_terminate_backend(\(pid))")
        // Wait until the backend process has exited (and so closed its socket); it leaves
        // pg_stat_activity a moment before that.
        for _ in 0..<250 where kill(pid, 0) == 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(kill(pid, 0) != 0)
        let answer = try await pool.query("SELECT pg_backend_pid(), 41 + 1")
        let (newPID, value) = try answer.single().decode(Int32.self, Int.self)
        #expect(value == 42)
        #expect(newPID != pid)
        #expect(pool.statistics.open == 1)
        await pool.close()
    }

    @Test func aConnectionReturnedInsideATransactionIsRolledBack() async throws {
        let pool = try await makePool(size: 1)
        try await pool.withConnection { try await $0.executeScript("CREATE TABLE t (x int)") }
        try await pool.withConnection { connection in
            try await connection.execute("BEGIN")
            try await connection.execute("INSERT INTO t VALUES (1)")
            // returned without COMMIT
        }
        try await pool.withConnection { connection in
            #expect(await connection.transactionStatus() == .idle)
            let count = try await connection.query("SELECT count(*) FROM t")
            #expect(try count.single().decode(Int.self, at: 0) == 0)
        }
        await pool.close()
    }

    @Test func closingDrainsLeasedConnectionsAndRefusesNewOnes() async throws {
        let pool = try await makePool(size: 2)
        let held = try await pool.acquire()
        let closed = Atomic<Bool>(false)
        let closing = Task {
            await pool.close()
            closed.store(true, ordering: .sequentiallyConsistent)
        }
        try await Task.sleep(for: .milliseconds(100))
        let closedEarly = closed.load(ordering: .sequentiallyConsistent)
        #expect(!closedEarly)
        await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        await pool.release(held)
        await closing.value
        let closedAfterRelease = closed.load(ordering: .sequentiallyConsistent)
        #expect(closedAfterRelease)
        #expect(pool.statistics.open == 0)
    }

    @Test func waitingStatementsAreBatchedAndEachGetsItsOwnAnswer() async throws {
        let pool = try await makePool(size: 1)
        let held = try await pool.acquire()
        let answers = try await withThrowingTaskGroup(of: (Int, Int?).self) { group in
            for i in 0..<40 {
                group.addTask {
                    // One statement in the batch fails; the others must not notice.
                    if i == 7 {
                        let failed = (try? await pool.query("SELECT 1 / \(0)::int")) == nil
                        return (i, failed ? nil : -1)
                    }
                    return (i, try await pool.query("SELECT \(i)::int * 10").single().decode(Int.self, at: 0))
                }
            }
            try await eventually { pool.statistics.waiting >= 40 }
            await pool.release(held)
            return try await group.reduce(into: [Int: Int?]()) { $0[$1.0] = $1.1 }
        }
        for i in 0..<40 {
            #expect(answers[i] == (i == 7 ? nil : i * 10))
        }
        await pool.close()
    }

    /// Runs `statements` as one batch: all wait for the only connection, which is then returned.
    func batch(_ pool: ConnectionPool, _ statements: [Query]) async throws -> [Result<QueryResult, any Error>] {
        let held = try await pool.acquire()
        return try await withThrowingTaskGroup(of: (Int, Result<QueryResult, any Error>).self) { group in
            for (i, statement) in statements.enumerated() {
                group.addTask {
                    do { return (i, .success(try await pool.query(statement))) } catch { return (i, .failure(error)) }
                }
            }
            try await eventually { pool.statistics.waiting >= statements.count }
            await pool.release(held)
            return try await group.reduce(into: [Int: Result<QueryResult, any Error>]()) { $0[$1.0] = $1.1 }
                .sorted { $0.key < $1.key }.map(\.value)
        }
    }

    @Test func batchedStatementsShareOneCommitAndAFailureUndoesNoneOfTheOthers() async throws {
        let pool = try await makePool(size: 1)
        try await pool.query("CREATE TABLE shared_commit (n int PRIMARY KEY, xid bigint)")
        // Ten writes waiting together go in one transaction: one commit, one WAL flush.
        let together = try await batch(pool, (1...10).map { "INSERT INTO shared_commit VALUES (\($0), txid_current()) RETURNING xid" })
        let xids = try together.map { try $0.get().single().decode(Int64.self, at: 0) }
        #expect(Set(xids).count == 1)
        // One that fails (a number already taken) sends the rest through alone: each is stored,
        // in a transaction of its own, and only the failing one is told of the error.
        let mixed = try await batch(pool, [11, 5, 12, 13].map { "INSERT INTO shared_commit VALUES (\($0), txid_current()) RETURNING xid" })
        #expect(mixed.map { (try? $0.get()) == nil } == [false, true, false, false])
        let stored = try await pool.query("SELECT n, xid FROM shared_commit WHERE n > 10 ORDER BY n").map { (try $0.decode(Int.self, at: 0), try $0.decode(Int64.self, at: 1)) }
        #expect(stored.map(\.0) == [11, 12, 13])
        #expect(Set(stored.map(\.1)).count == 3)
        // A statement that refuses a transaction block still runs.
        let vacuum = try await batch(pool, ["VACUUM shared_commit", "SELECT count(*) FROM shared_commit"])
        #expect((try? vacuum[0].get()) != nil)
        #expect(try vacuum[1].get().single().decode(Int.self, at: 0) == 13)
        await pool.close()
    }

    @Test func returningAConnectionDoesNotWaitForTheBatchItThenServes() async throws {
        let pool = try await makePool(size: 1)
        let held = try await pool.acquire()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 {
                group.addTask { _ = try await pool.query("SELECT pg_sleep(0.1)") }
            }
            try await eventually { pool.statistics.waiting >= 10 }
            let started = ContinuousClock.now
            await pool.release(held)
            let releaseTook = ContinuousClock.now - started
            #expect(releaseTook < .milliseconds(500))
            try await group.waitForAll()
            // The ten sleeps ran, one after another, on the one connection.
            #expect(ContinuousClock.now - started >= .milliseconds(950))
        }
        await pool.close()
    }

    @Test func sixteenTasksShareFourConnections() async throws {
        let pool = try await makePool(size: 4)
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<16 {
                group.addTask {
                    var sum = 0
                    for i in 0..<50 {
                        sum += try await pool.query("SELECT \(task * 100 + i)::int + 1").single().decode(Int.self, at: 0)
                    }
                    return sum
                }
            }
            return try await group.reduce(0, +)
        }
        let expected = (0..<16).reduce(0) { acc, t in acc + (0..<50).reduce(0) { $0 + t * 100 + $1 + 1 } }
        #expect(total == expected)
        #expect(pool.statistics.open <= 4)
        await pool.close()
    }
}

extension ConnectionPoolTests {
    /// The server processes that answered `tasks` tasks sending `each` statements at once.
    func backendsServing(_ pool: ConnectionPool, tasks: Int, each: Int, statement: Query) async throws -> Set<Int32> {
        try await withThrowingTaskGroup(of: [Int32].self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    var pids: [Int32] = []
                    for _ in 0..<each { pids.append(try await pool.query(statement).single().decode(Int32.self, at: 0)) }
                    return pids
                }
            }
            return try await group.reduce(into: Set<Int32>()) { $0.formUnion($1) }
        }
    }

    /// A connection counts as running statements until its thread has taken it back, a moment
    /// after the last answer; this waits for that, up to a second.
    func runningStatementsOnceAnswered(_ pool: ConnectionPool) async -> Int {
        for _ in 0..<100 where pool.statistics.runningStatements > 0 { try? await Task.sleep(for: .milliseconds(10)) }
        return pool.statistics.runningStatements
    }

    @Test func statementsBeyondTheLimitJoinTheNextBatchOfABusyConnection() async throws {
        // One connection may run statements: the other fifteen tasks' statements wait for it,
        // although the pool could open three more.
        // (Nothing counts as slow here, however busy the machine.)
        let kept = try await makePool(size: 4, statementConnections: 1, rescueAfter: .seconds(30), slowAfter: .seconds(30))
        let one = try await backendsServing(kept, tasks: 16, each: 20, statement: "SELECT pg_backend_pid(), pg_sleep(0.001)")
        #expect(one.count == 1)
        #expect(kept.statistics.open == 1)
        #expect(await runningStatementsOnceAnswered(kept) == 0)
        await kept.close()
        // With room for four, the same load spreads.
        let spread = try await makePool(size: 4, statementConnections: 4, rescueAfter: .seconds(30), slowAfter: .seconds(30))
        let four = try await backendsServing(spread, tasks: 16, each: 20, statement: "SELECT pg_backend_pid(), pg_sleep(0.001)")
        #expect(four.count > 1)
        #expect(await runningStatementsOnceAnswered(spread) == 0)
        await spread.close()
    }

    @Test func aStatementHeldUpByASlowOneGetsAFreeConnectionAfterRescueAfter() async throws {
        let configuration = try await TestPostgres.freshDatabase("pool")
        let pool = ConnectionPool(.init(connection: configuration, size: 2, statementConnections: 1, rescueAfter: .milliseconds(150)))
        let slow = Task { try await pool.query("SELECT pg_backend_pid(), pg_sleep(5)").single().decode(Int32.self, at: 0) }
        // Until the server runs the slow statement: on a loaded machine its connection may still
        // be opening long after the pool counts it leased, and a quick statement would go first.
        let watcher = try await Connection.connect(configuration)
        let deadline = ContinuousClock.now + .seconds(60)
        while try await watcher.query("SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(5)%' AND pid <> pg_backend_pid()").isEmpty {
            guard ContinuousClock.now < deadline else { Issue.record("the slow statement never ran"); break }
            try await Task.sleep(for: .milliseconds(5))
        }
        watcher.close()
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        let quickPID = try await pool.query("SELECT pg_backend_pid()").single().decode(Int32.self, at: 0)
        let waited = ContinuousClock.now - started
        // It waited for the busy connection first, then took the free one, long before the
        // slow statement ended (opening that connection can take a second or two on a loaded machine).
        #expect(waited >= .milliseconds(140))
        #expect(waited < .milliseconds(4500))
        #expect(try await slow.value != quickPID)
        #expect(pool.statistics.open == 2)
        #expect(await runningStatementsOnceAnswered(pool) == 0)
        await pool.close()
    }
}

extension ConnectionPoolTests {
    @Test func aStatementThatWasSlowLastTimeIsNotHeldBackAndHoldsNothingBack() async throws {
        // No rescue within the test: only knowing the statement is slow can let the quick one by.
        let pool = try await makePool(size: 2, statementConnections: 1, rescueAfter: .seconds(30), slowAfter: .milliseconds(100))
        let slow: Query = "SELECT pg_backend_pid(), pg_sleep(\(0.3))"
        _ = try await pool.query(slow)
        // Both connections open beforehand, so that opening one under load is not measured.
        let (first, second) = (try await pool.acquire(), try await pool.acquire())
        await pool.release(first)
        await pool.release(second)
        // The same statement (its text is what the pool remembers) with a longer sleep: held
        // back behind it, the quick one would answer only after it. Comparing the two, not
        // timing the quick one against a fixed limit, keeps the test right on a loaded machine.
        let running = Task { () async throws -> (pid: Int32, ended: ContinuousClock.Instant) in
            let pid = try await pool.query("SELECT pg_backend_pid(), pg_sleep(\(6.0))").single().decode(Int32.self, at: 0)
            return (pid, ContinuousClock.now)
        }
        try await eventually { pool.statistics.leased >= 1 }
        try await Task.sleep(for: .milliseconds(100))
        #expect(pool.statistics.runningStatements == 0)
        let quickPID = try await pool.query("SELECT pg_backend_pid()").single().decode(Int32.self, at: 0)
        let quickEnded = ContinuousClock.now
        let long = try await running.value
        #expect(quickEnded < long.ended)
        #expect(long.pid != quickPID)
        await pool.close()
    }

    @Test func aSlowStatementIsNeverBatchedWithOthers() async throws {
        let pool = try await makePool(size: 1, slowAfter: .milliseconds(100))
        let slow: Query = "SELECT txid_current(), pg_sleep(\(0.2))"
        _ = try await pool.query(slow)
        // Queued in this order behind a held connection: the slow one, then two quick ones.
        let held = try await pool.acquire()
        var tasks: [Task<Int64, any Error>] = []
        for statement in [slow, "SELECT txid_current()", "SELECT txid_current()"] as [Query] {
            let waiting = pool.statistics.waiting
            tasks.append(Task { try await pool.query(statement).single().decode(Int64.self, at: 0) })
            try await eventually { pool.statistics.waiting != waiting }
        }
        await pool.release(held)
        var xids: [Int64] = []
        for task in tasks { xids.append(try await task.value) }
        // The slow one had a transaction of its own; the quick ones, waiting together, shared one.
        #expect(xids[1] == xids[2])
        #expect(xids[0] != xids[1])
        await pool.close()
    }
}

actor Recorder {
    private(set) var values: [Int] = []
    func append(_ value: Int) { values.append(value) }
}

/// Waits until `condition` holds, looking every millisecond; after a minute it records an issue
/// and goes on, rather than spinning for ever when a loaded machine made a waiter give up.
func eventually(_ condition: () async -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while !(await condition()) {
        guard ContinuousClock.now < deadline else {
            Issue.record("the condition never held", sourceLocation: sourceLocation)
            return
        }
        try await Task.sleep(for: .milliseconds(1))
    }
}
