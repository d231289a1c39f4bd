import Foundation
import Glibc
import Logging
import ServiceLifecycle
import Synchronization

/// A bounded pool of connections. Callers beyond the pool's size wait in arrival order and give
/// up with `PostgresError.poolTimeout` after `acquireTimeout`. A connection found dead is
/// replaced; one handed back inside a transaction is rolled back first. Single statements that
/// have to wait go to the next free connection together, as one pipeline and one transaction, so
/// that they share a commit (see `Connection.runCommittedTogether`; if any fails, each runs
/// again alone).
///
/// Single statements are kept on few connections: once `statementConnections` connections are
/// running statements, a further statement waits to join the next batch of one of them rather
/// than waking an idle connection, because on a machine with few cores more server processes
/// only add thread switches and smaller batches (on two cores, 16 tasks on 4 connections took
/// a third less client CPU per statement this way). A statement that has waited `rescueAfter`
/// while a connection is free, or could be opened, gets that connection, so a slow statement
/// holds up the others by at most that long. A statement whose last run took `slowAfter` or
/// longer (a report's table) is not held back, does not count towards the limit, and is never
/// batched with others, so quick statements are not answered after it. As a
/// ServiceLifecycle service the pool drains on graceful shutdown: new requests are refused,
/// leased connections are waited for, then everything is closed.
///
/// The state sits behind one lock rather than in an actor, and a returned connection is
/// recycled on its own thread: a statement costs one hop to a connection's thread and back, and a
/// busy connection goes from batch to batch without touching Swift's threads.
public final class ConnectionPool: Service, Sendable {
    public struct Configuration: Sendable {
        public var connection: ConnectionConfiguration
        public var size: Int
        public var acquireTimeout: Duration
        /// How many connections may run single statements at once while others stay idle
        /// (default: the machine's processors).
        public var statementConnections: Int
        /// How long a statement waits for a busy connection before a free one takes it.
        public var rescueAfter: Duration
        /// A statement that took this long or longer the last time it ran (by its text) gets a
        /// connection of its own, as a lent connection would. Well above the few milliseconds a
        /// thread of ours can lose to the scheduler on a busy machine: at 5 ms, quick statements
        /// kept being taken for slow ones, and the pool spread them again.
        public var slowAfter: Duration

        public init(
            connection: ConnectionConfiguration, size: Int = 8, acquireTimeout: Duration = .seconds(10),
            statementConnections: Int = ProcessInfo.processInfo.activeProcessorCount, rescueAfter: Duration = .milliseconds(1),
            slowAfter: Duration = .milliseconds(50)
        ) {
            self.connection = connection
            self.size = max(1, size)
            self.acquireTimeout = acquireTimeout
            self.statementConnections = max(1, statementConnections)
            self.rescueAfter = rescueAfter
            self.slowAfter = slowAfter
        }
    }

    public struct Statistics: Sendable, Equatable {
        public var open: Int
        public var idle: Int
        public var leased: Int
        public var waiting: Int
        /// Connections running statements of the line (see `Configuration.statementConnections`).
        public var runningStatements: Int
    }

    /// How many waiting statements one connection takes at a time.
    static let batchLimit = 32

    public let configuration: Configuration
    private let logger: Logger
    private let state = Mutex(PoolState())
    /// Outside the lock: every statement takes an id, and the lock is contended enough.
    private let waiterIDs = Atomic<Int>(0)
    /// Counts arrivals in the line, so that a connection can watch for newcomers without the lock.
    private let arrivals = Atomic<Int>(0)
    /// Whether any statement is known to be slow, read without the lock after each answer.
    private let knowsSlowStatements = Atomic<Bool>(false)

    public init(_ configuration: Configuration, logger: Logger = Logger(label: "libpq.pool")) {
        self.configuration = configuration
        self.logger = logger
    }

    public var statistics: Statistics {
        state.withLock { Statistics(open: $0.open, idle: $0.idle.count, leased: $0.leased, waiting: $0.waiters.count,
                                    runningStatements: $0.runningStatements) }
    }

    /// Lends a connection to `body` and takes it back afterwards, whatever happens.
    public func withConnection<T: Sendable>(_ body: (Connection) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let value = try await body(connection)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    /// A transaction on a pooled connection, rerun on serialization failures and deadlocks.
    public func withTransaction<T: Sendable>(
        isolation: IsolationLevel = .readCommitted,
        maxAttempts: Int = 10,
        _ body: (Connection) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try await connection.withTransaction(isolation: isolation, maxAttempts: maxAttempts, body)
        }
    }

    // MARK: Lending

    public func acquire() async throws -> Connection {
        let id = waiterIDs.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                switch grant(id: id, want: .connection(continuation)) {
                case .idle(let connection, _): continuation.resume(returning: connection)
                case .openNew: openConnection { continuation.resume(with: $0) }
                case .queued: break
                case .closed: continuation.resume(throwing: PostgresError.poolClosed)
                }
            }
        } onCancel: {
            failWaiter(id, with: CancellationError())
        }
    }

    /// One statement on whichever connection is free first: in a transaction of its own, or,
    /// when it had to wait, in one with the statements that waited with it (all or none of
    /// them are committed; if one fails, the others run again alone).
    @discardableResult
    public func query(_ query: Query) async throws -> QueryResult {
        let query = query.withTaskSettings()
        let id = waiterIDs.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let run: @Sendable (Connection, Bool) -> Void = { connection, counted in
                    connection.perform { connection in
                        let started = ContinuousClock.now
                        let result = Result { try connection.runPrepared(query) }
                        self.timed(CollectionOfOne(query.sql), took: CollectionOfOne(ContinuousClock.now - started))
                        continuation.resume(with: result)
                        self.recycle(connection, runningStatements: counted)
                    }
                }
                switch grant(id: id, want: .statement(query, continuation)) {
                case .idle(let connection, let counted): run(connection, counted)
                case .openNew(let counted):
                    openConnection { result in
                        switch result {
                        case .success(let connection): run(connection, counted)
                        case .failure(let error):
                            if counted { self.state.withLock { $0.runningStatements -= 1 } }
                            continuation.resume(throwing: error)
                        }
                    }
                case .queued: break
                case .closed: continuation.resume(throwing: PostgresError.poolClosed)
                }
            }
        } onCancel: {
            failWaiter(id, with: CancellationError())
        }
    }

    /// `counted`: the connection counts towards `statementConnections` until it is recycled.
    private enum Grant {
        case idle(Connection, counted: Bool)
        case openNew(counted: Bool)
        case queued
        case closed
    }

    /// Under the lock: a live idle connection, or room to open one, or a place in line.
    private func grant(id: Int, want: PoolWaiter.Want) -> Grant {
        var dead: [Connection] = []
        var startSweeper = false
        var startRescuer = false
        let grant = state.withLock { s -> Grant in
            if s.isClosing { return .closed }
            // A slow statement is served like a lent connection: at once if a connection is free.
            let counted = if case .statement(let query, _) = want { !s.isSlow(query) } else { false }
            let joinBatch = counted && s.runningStatements >= configuration.statementConnections
            if !joinBatch, let connection = s.takeIdle(dead: &dead) {
                if counted { s.runningStatements += 1 }
                return .idle(connection, counted: counted)
            }
            if !joinBatch, s.open < configuration.size {
                s.open += 1
                if counted { s.runningStatements += 1 }
                return .openNew(counted: counted)
            }
            s.waiters.append(PoolWaiter(id: id, want: want, arrived: .now, timeout: configuration.acquireTimeout))
            arrivals.add(1, ordering: .relaxed)
            startSweeper = !s.sweeperRunning
            s.sweeperRunning = true
            if joinBatch, !s.rescuerRunning {
                s.rescuerRunning = true
                startRescuer = true
            }
            return .queued
        }
        replaced(dead)
        if startSweeper { Task { await self.sweep() } }
        if startRescuer { Task { await self.rescue() } }
        return grant
    }

    private func replaced(_ dead: [Connection]) {
        guard !dead.isEmpty else { return }
        logger.info("Replacing \(dead.count) database connection(s) the server closed")
        for connection in dead { connection.close() }
    }

    /// While statements wait to join a busy connection's next batch, looks every `rescueAfter`
    /// whether the first of them has waited that long, and if so gives the line a free
    /// connection (idle, or newly opened if the pool has room).
    private func rescue() async {
        while true {
            try? await Task.sleep(for: configuration.rescueAfter)
            var dead: [Connection] = []
            enum Rescue { case stop, wait, run(Connection, PoolState.Batch, counted: Bool), open(PoolState.Batch, counted: Bool) }
            let rescue = state.withLock { s -> Rescue in
                guard !s.isClosing, let first = s.waiters.first, s.idle.count + (configuration.size - s.open) > 0 else {
                    s.rescuerRunning = false
                    return .stop
                }
                guard ContinuousClock.now - first.arrived >= configuration.rescueAfter, case .statement = first.want else { return .wait }
                if let connection = s.takeIdle(dead: &dead) {
                    let next = s.startBatch(limit: Self.batchLimit)
                    return .run(connection, next.batch, counted: next.counted)
                }
                guard s.open < configuration.size else { return .wait }
                s.open += 1
                let next = s.startBatch(limit: Self.batchLimit)
                return .open(next.batch, counted: next.counted)
            }
            replaced(dead)
            switch rescue {
            case .stop: return
            case .wait: continue
            case .run(let connection, let batch, let counted):
                connection.perform { self.runBatch(batch, counted: counted, on: $0) }
            case .open(let batch, let counted):
                openConnection { result in
                    switch result {
                    case .success(let connection): connection.perform { self.runBatch(batch, counted: counted, on: $0) }
                    case .failure(let error):
                        if counted { self.state.withLock { $0.runningStatements -= 1 } }
                        batch.forEach { $0.1.resume(throwing: error) }
                    }
                }
            }
        }
    }

    /// On the connection's thread: a batch taken from the line, then whatever waits after it.
    private func runBatch(_ batch: PoolState.Batch, counted: Bool, on connection: Connection) {
        answer(batch, on: connection)
        recycle(connection, runningStatements: counted)
    }

    private func answer(_ batch: PoolState.Batch, on connection: Connection) {
        // The server answers a pipeline in order, so the time between two answers is the
        // second statement's.
        var took = [Duration](repeating: .zero, count: batch.count)
        var last = ContinuousClock.now
        let results = connection.runCommittedTogether(batch.map(\.0)) { i in
            let now = ContinuousClock.now
            took[i] = now - last
            last = now
        }
        timed(batch.lazy.map(\.0.sql), took: took)
        let seen = arrivals.load(ordering: .relaxed)
        for ((_, continuation), result) in zip(batch, results) { continuation.resume(with: result) }
        awaitFollowers(since: seen)
    }

    /// Remembers which statements were slow this time and forgets those that were quick.
    private func timed(_ statements: some Collection<String>, took: some Collection<Duration>) {
        let slowAfter = configuration.slowAfter
        guard took.contains(where: { $0 >= slowAfter }) || knowsSlowStatements.load(ordering: .relaxed) else { return }
        state.withLock { s in
            for (sql, time) in zip(statements, took) {
                if time >= slowAfter { s.slowStatements.insert(sql) } else { s.slowStatements.remove(sql) }
            }
            // Statement texts are few in a program; this only bounds a program that builds them.
            if s.slowStatements.count > 1000 { s.slowStatements.removeAll() }
            knowsSlowStatements.store(!s.slowStatements.isEmpty, ordering: .relaxed)
        }
    }

    /// Opens a connection for a caller already counted in `open`.
    private func openConnection(_ done: @escaping @Sendable (Result<Connection, any Error>) -> Void) {
        Task {
            do {
                let connection = try await Connection.connect(configuration.connection)
                state.withLock { $0.leased += 1 }
                done(.success(connection))
            } catch {
                let drained = state.withLock { s -> [CheckedContinuation<Void, Never>] in
                    s.open -= 1
                    return s.takeDrainedIfDone()
                }
                drained.forEach { $0.resume() }
                done(.failure(error))
            }
        }
    }

    private func failWaiter(_ id: Int, with error: any Error) {
        let waiter = state.withLock { s -> PoolWaiter? in
            guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return s.waiters.remove(at: index)
        }
        waiter?.fail(error)
    }

    /// Every waiter has the same timeout, so the first in line is always the next to expire:
    /// one task sleeping until its deadline serves them all, and only while someone waits.
    private func sweep() async {
        while true {
            let (expired, next) = state.withLock { s -> ([PoolWaiter], ContinuousClock.Instant?) in
                var expired: [PoolWaiter] = []
                let now = ContinuousClock.now
                while let first = s.waiters.first, first.deadline <= now { expired.append(s.waiters.removeFirst()) }
                guard let first = s.waiters.first else {
                    s.sweeperRunning = false
                    return (expired, nil)
                }
                return (expired, first.deadline)
            }
            let error = PostgresError.poolTimeout(waited: configuration.acquireTimeout, poolSize: configuration.size)
            expired.forEach { $0.fail(error) }
            guard let next else { return }
            try? await Task.sleep(until: next, clock: .continuous)
        }
    }

    // MARK: Returning

    /// Takes a connection back; returns once it is idle again or serving the next in line.
    public func release(_ connection: Connection) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            connection.perform { connection in
                self.recycle(connection, handedOver: { done.resume() })
            }
        }
    }

    /// Runs on the connection's thread: makes the connection fit for the next borrower and gives
    /// it to the first in line, running waiting statements batch after batch while they are
    /// first; otherwise back to the idle list.
    /// `handedOver` runs once the connection is idle, closed or someone else's, and before any
    /// batch it then runs, so that a caller returning a connection never waits on other
    /// callers' statements.
    /// `runningStatements` says the connection comes from statements of the line (it counts
    /// towards `statementConnections` until it is idle or lent).
    private func recycle(_ connection: Connection, handedOver: (@Sendable () -> Void)? = nil, runningStatements: Bool = false) {
        var handedOver = handedOver
        var running = runningStatements
        defer { handedOver?() }
        while true {
            let healthy: Bool
            switch connection.currentTransactionStatus() {
            case .idle: healthy = true
            // A caller left a transaction open (an error between BEGIN and COMMIT, a cancelled
            // task): never let the next borrower inherit it.
            case .inTransaction, .failedTransaction: healthy = connection.rollbackNow()
            case .active, .unknown: healthy = false
            }
            guard healthy else {
                if running { state.withLock { $0.runningStatements -= 1 } }
                return discard(connection)
            }

            let next = state.withLock { s -> Handover in
                if running { s.runningStatements -= 1 }
                running = false
                s.leased -= 1
                if let first = s.waiters.first {
                    s.leased += 1
                    if case .connection(let continuation) = first.want {
                        s.waiters.removeFirst()
                        return .waiter(continuation)
                    }
                    let next = s.startBatch(limit: Self.batchLimit)
                    running = next.counted
                    return .batch(next.batch)
                }
                if s.isClosing {
                    s.open -= 1
                    return .close(s.takeDrainedIfDone())
                }
                s.idle.append(connection)
                return .idle
            }
            handedOver?()
            handedOver = nil
            switch next {
            case .idle:
                return
            case .waiter(let continuation):
                continuation.resume(returning: connection)
                return
            case .close(let drained):
                connection.closeNow()
                drained.forEach { $0.resume() }
                return
            case .batch(let batch):
                answer(batch, on: connection)
            }
        }
    }

    /// Called on a connection's thread right after resuming callers: the tasks just resumed are
    /// about to send their next statements, and yielding the processor a few times lets them
    /// queue up here, to go out as one batch on this connection instead of waking another
    /// thread each. Under light load nobody waits and this costs a few microseconds.
    private func awaitFollowers(since seen: Int) {
        for _ in 0..<4 where arrivals.load(ordering: .relaxed) == seen { sched_yield() }
    }

    private enum Handover {
        case idle
        case waiter(CheckedContinuation<Connection, any Error>)
        case batch(PoolState.Batch)
        case close([CheckedContinuation<Void, Never>])
    }

    /// Runs on the connection's thread: drops a broken connection and, if someone waits, opens a
    /// replacement for them.
    private func discard(_ connection: Connection) {
        connection.closeNow()
        let (replace, drained) = state.withLock { s -> (Bool, [CheckedContinuation<Void, Never>]) in
            s.leased -= 1
            s.open -= 1
            guard !s.waiters.isEmpty, s.open < configuration.size, !s.isClosing else {
                return (false, s.takeDrainedIfDone())
            }
            s.open += 1
            return (true, [])
        }
        drained.forEach { $0.resume() }
        guard replace else { return }
        openConnection { result in
            switch result {
            case .success(let connection): connection.perform { self.recycle($0) }
            case .failure(let error):
                let waiter = self.state.withLock { $0.waiters.isEmpty ? nil : $0.waiters.removeFirst() }
                waiter?.fail(error)
            }
        }
    }

    // MARK: Shutdown

    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// Refuses new requests, waits for leased connections to come back, and closes them all.
    public func close() async {
        let (waiters, idle) = state.withLock { s -> ([PoolWaiter], [Connection]) in
            s.isClosing = true
            defer {
                s.open -= s.idle.count
                s.waiters.removeAll()
                s.idle.removeAll()
            }
            return (s.waiters, s.idle)
        }
        waiters.forEach { $0.fail(PostgresError.poolClosed) }
        idle.forEach { $0.close() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { s -> Bool in
                if s.open == 0 { return true }
                s.drained.append(continuation)
                return false
            }
            if done { continuation.resume() } else { logger.info("Waiting for database connections in use to be returned") }
        }
    }
}

/// Someone waiting for a connection, or for one statement to run on the first free one.
struct PoolWaiter: Sendable {
    enum Want: Sendable {
        case connection(CheckedContinuation<Connection, any Error>)
        case statement(Query, CheckedContinuation<QueryResult, any Error>)
    }
    let id: Int
    let want: Want
    let arrived: ContinuousClock.Instant
    let deadline: ContinuousClock.Instant

    init(id: Int, want: Want, arrived: ContinuousClock.Instant, timeout: Duration) {
        self.id = id
        self.want = want
        self.arrived = arrived
        self.deadline = arrived + timeout
    }

    func fail(_ error: any Error) {
        switch want {
        case .connection(let continuation): continuation.resume(throwing: error)
        case .statement(_, let continuation): continuation.resume(throwing: error)
        }
    }
}

struct PoolState: Sendable {
    typealias Batch = [(Query, CheckedContinuation<QueryResult, any Error>)]

    var idle: [Connection] = []
    /// Connections that exist or are being opened: idle + leased + connecting.
    var open = 0
    var leased = 0
    var waiters: [PoolWaiter] = []
    var isClosing = false
    var sweeperRunning = false
    var rescuerRunning = false
    /// Connections running statements of the line (not lent to a caller): see
    /// `Configuration.statementConnections`.
    var runningStatements = 0
    /// Statement texts whose last run took `slowAfter` or longer.
    var slowStatements: Set<String> = []
    var drained: [CheckedContinuation<Void, Never>] = []

    func isSlow(_ query: Query) -> Bool {
        !slowStatements.isEmpty && slowStatements.contains(query.sql)
    }

    /// A live idle connection, now leased; dead ones found on the way are uncounted and
    /// handed back for closing.
    mutating func takeIdle(dead: inout [Connection]) -> Connection? {
        while let connection = idle.popLast() {
            if connection.isAliveWhileUnused() {
                leased += 1
                return connection
            }
            dead.append(connection)
            open -= 1
        }
        return nil
    }

    /// The next batch for a connection that takes it from the line, counted towards
    /// `statementConnections` unless it is a slow statement, which goes alone and uncounted.
    mutating func startBatch(limit: Int) -> (batch: Batch, counted: Bool) {
        let batch = takeStatementBatch(limit: limit)
        let counted = !(batch.count == 1 && isSlow(batch[0].0))
        if counted { runningStatements += 1 }
        return (batch, counted)
    }

    /// The waiting statements at the front of the line; a slow one goes alone.
    private mutating func takeStatementBatch(limit: Int) -> Batch {
        var batch: Batch = []
        while batch.count < limit, let next = waiters.first, case .statement(let query, let continuation) = next.want {
            let slow = isSlow(query)
            if slow && !batch.isEmpty { break }
            waiters.removeFirst()
            batch.append((query, continuation))
            if slow { break }
        }
        return batch
    }

    /// The continuations to resume once a closing pool has no connection left.
    mutating func takeDrainedIfDone() -> [CheckedContinuation<Void, Never>] {
        guard isClosing, open == 0 else { return [] }
        defer { drained.removeAll() }
        return drained
    }
}
