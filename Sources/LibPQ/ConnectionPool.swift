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
/// than waking an idle connection. A statement that has waited `rescueAfter` while a connection
/// is free, or could be opened, gets that connection. A statement whose last run took
/// `slowAfter` or longer (a report's table) is not held back, does not count towards the limit,
/// and is never batched with others. These decisions, and why they are so, are in
/// `PoolStateMachine`; this class carries them out. As a ServiceLifecycle service the pool
/// drains on graceful shutdown: new requests are refused, leased connections are waited for,
/// then everything is closed.
///
/// The state sits behind one lock rather than in an actor, and a returned connection is
/// recycled on its own thread: a statement costs one hop to a connection's thread and back, and a
/// busy connection goes from batch to batch without touching Swift's threads. Each request and
/// each returned connection is one event for the machine, under one acquisition of the lock.
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
    private let state: Mutex<PoolState>
    /// Outside the lock: every statement takes an id, and the lock is contended enough.
    private let waiterIDs = Atomic<Int>(0)
    /// Mirrors the machine's count of arrivals in the line, so that a connection can watch for
    /// newcomers without the lock.
    private let arrivals = Atomic<Int>(0)
    /// Whether any statement is known to be slow, read without the lock after each answer.
    private let knowsSlowStatements = Atomic<Bool>(false)

    public init(_ configuration: Configuration, logger: Logger = Logger(label: "libpq.pool")) {
        self.configuration = configuration
        self.logger = logger
        let machine = PoolStateMachine(configuration: .init(
            size: configuration.size, statementConnections: configuration.statementConnections,
            acquireTimeout: configuration.acquireTimeout, rescueAfter: configuration.rescueAfter,
            slowAfter: configuration.slowAfter, batchLimit: Self.batchLimit))
        self.state = Mutex(PoolState(machine: machine))
    }

    public var statistics: Statistics {
        state.withLock { s in
            Statistics(open: s.machine.open, idle: s.machine.idle.count, leased: s.machine.leased,
                       waiting: s.machine.waiters.count, runningStatements: s.machine.runningStatements)
        }
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
                carryOut(arrive(id, .connection(continuation)))
            }
        } onCancel: {
            carryOut(state.withLock { $0.apply { machine, _ in machine.waiterCancelled(id) } })
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
                carryOut(arrive(id, .statement(query, continuation)))
            }
        } onCancel: {
            carryOut(state.withLock { $0.apply { machine, _ in machine.waiterCancelled(id) } })
        }
    }

    /// Under the lock: the machine decides for a newcomer.
    private func arrive(_ id: Int, _ waiter: PoolWaiter) -> [PoolStep] {
        state.withLock { s in
            let steps = s.arrive(id, waiter, now: .now)
            arrivals.store(s.machine.arrivals, ordering: .relaxed)
            return steps
        }
    }

    /// Does what the machine decided, in its order. `current` is the connection whose thread
    /// this runs on, if any: that one is closed directly, since waiting for its own thread would
    /// never end.
    private func carryOut(_ steps: [PoolStep], openError: (any Error)? = nil, onThreadOf current: Connection? = nil) {
        guard !steps.isEmpty else { return }
        let dead = steps.count(where: { if case .close(_, .deadWhileIdle) = $0 { true } else { false } })
        if dead > 0 { logger.info("Replacing \(dead) database connection(s) the server closed") }
        for step in steps {
            switch step {
            case .lend(let connection, let continuation):
                continuation.resume(returning: connection)
            case .runStatement(let query, let continuation, let connection):
                connection.perform { self.runAlone(query, continuation, on: $0) }
            case .runBatch(let batch, let connection):
                connection.perform { self.runBatch(batch, on: $0) }
            case .open(let id):
                openConnection(id)
            case .close(let connection, _):
                if connection === current { connection.closeNow() } else { connection.close() }
            case .fail(let waiters, let reason):
                let error: any Error = switch reason {
                case .timedOut: PostgresError.poolTimeout(waited: configuration.acquireTimeout, poolSize: configuration.size)
                case .poolClosed: PostgresError.poolClosed
                case .cancelled: CancellationError()
                // Only failures to open name this reason, and they pass their error.
                case .connectFailed: openError ?? PostgresError.poolClosed
                }
                waiters.forEach { $0.fail(error) }
            case .schedule(let timer, let instant):
                Task { await self.runTimer(timer, at: instant) }
            case .resumeDrained(let continuations):
                continuations.forEach { $0.resume() }
            }
        }
    }

    /// On the connection's thread: a statement that did not wait, alone.
    private func runAlone(_ query: Query, _ continuation: CheckedContinuation<QueryResult, any Error>, on connection: Connection) {
        let started = ContinuousClock.now
        let result = Result { try connection.runPrepared(query) }
        timed(CollectionOfOne(query.sql), took: CollectionOfOne(ContinuousClock.now - started))
        continuation.resume(with: result)
        recycle(connection)
    }

    /// On the connection's thread: a batch taken from the line, then whatever waits after it.
    private func runBatch(_ batch: PoolState.Batch, on connection: Connection) {
        answer(batch, on: connection)
        recycle(connection)
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

    /// Tells the machine how long statements took (it keeps the slow ones apart), before their
    /// callers are answered and may send them again. Without the lock while no statement is or
    /// was slow.
    private func timed(_ statements: some Collection<String>, took: some Collection<Duration>) {
        let slowAfter = configuration.slowAfter
        guard took.contains(where: { $0 >= slowAfter }) || knowsSlowStatements.load(ordering: .relaxed) else { return }
        state.withLock { s in
            s.machine.statementsFinished(zip(statements, took))
            knowsSlowStatements.store(s.machine.knowsSlowStatements, ordering: .relaxed)
        }
    }

    /// Opens the connection the machine numbered `id` and tells it how that went.
    private func openConnection(_ id: Int) {
        Task {
            do {
                let connection = try await Connection.connect(configuration.connection)
                carryOut(state.withLock { s in
                    s.connections[id] = connection
                    s.numbers[ObjectIdentifier(connection)] = id
                    return s.apply { machine, _ in machine.connectionOpened(id) }
                })
            } catch {
                carryOut(state.withLock { $0.apply { machine, _ in machine.connectionFailedToOpen(id) } }, openError: error)
            }
        }
    }

    /// One timer of the machine's: sleeps until it is due, reports it, and goes round again in
    /// the same task while the machine wants it.
    private func runTimer(_ timer: PoolStateMachine.Timer, at instant: ContinuousClock.Instant) async {
        var instant = instant
        while true {
            try? await Task.sleep(until: instant, clock: .continuous)
            let steps = state.withLock { s in
                s.apply { machine, isAlive in machine.timerFired(timer, now: .now, isAlive: isAlive) }
            }
            var next: ContinuousClock.Instant?
            var others: [PoolStep] = []
            for step in steps {
                if case .schedule(timer, let at) = step { next = at } else { others.append(step) }
            }
            carryOut(others)
            guard let next else { return }
            instant = next
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

    /// Runs on the connection's thread: makes the connection fit for the next borrower and
    /// tells the machine, which gives it to the first in line, or to the waiting statements
    /// batch after batch while they are first (run here, in this loop), or back to the idle
    /// list; a broken one is closed, and replaced if someone waits.
    /// `handedOver` runs once the connection is idle, closed or someone else's, and before any
    /// batch it then runs, so that a caller returning a connection never waits on other
    /// callers' statements.
    private func recycle(_ connection: Connection, handedOver: (@Sendable () -> Void)? = nil) {
        var handedOver = handedOver
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
            if !healthy { connection.closeNow() }

            let steps = state.withLock { s -> [PoolStep] in
                guard let id = s.numbers[ObjectIdentifier(connection)] else { return [] }
                return s.apply { machine, _ in machine.connectionReturned(id, healthy: healthy) }
            }
            handedOver?()
            handedOver = nil
            var batch: PoolState.Batch?
            var others: [PoolStep] = []
            for step in steps {
                if case .runBatch(let next, let target) = step, target === connection { batch = next } else { others.append(step) }
            }
            carryOut(others, onThreadOf: connection)
            guard let batch else { return }
            answer(batch, on: connection)
        }
    }

    /// Called on a connection's thread right after resuming callers: the tasks just resumed are
    /// about to send their next statements, and yielding the processor a few times lets them
    /// queue up here, to go out as one batch on this connection instead of waking another
    /// thread each. Under light load nobody waits and this costs a few microseconds.
    private func awaitFollowers(since seen: Int) {
        for _ in 0..<4 where arrivals.load(ordering: .relaxed) == seen { sched_yield() }
    }

    // MARK: Shutdown

    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// Refuses new requests, waits for leased connections to come back, and closes them all.
    public func close() async {
        carryOut(state.withLock { $0.apply { machine, _ in machine.closeRequested() } })
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { s -> Bool in
                if s.machine.isDrained { return true }
                s.drained.append(continuation)
                return false
            }
            if done { continuation.resume() } else { logger.info("Waiting for database connections in use to be returned") }
        }
    }
}

/// What a waiter the machine knows by number waits for, and how to answer it.
enum PoolWaiter: Sendable {
    case connection(CheckedContinuation<Connection, any Error>)
    case statement(Query, CheckedContinuation<QueryResult, any Error>)

    func fail(_ error: any Error) {
        switch self {
        case .connection(let continuation): continuation.resume(throwing: error)
        case .statement(_, let continuation): continuation.resume(throwing: error)
        }
    }
}

/// One of the machine's actions with the connections and callers its numbers stand for, taken
/// out of the lock to be carried out.
enum PoolStep: Sendable {
    case lend(Connection, CheckedContinuation<Connection, any Error>)
    case runStatement(Query, CheckedContinuation<QueryResult, any Error>, on: Connection)
    case runBatch(PoolState.Batch, on: Connection)
    case open(Int)
    case close(Connection, PoolStateMachine.CloseReason)
    case fail([PoolWaiter], PoolStateMachine.FailureReason)
    case schedule(PoolStateMachine.Timer, at: ContinuousClock.Instant)
    case resumeDrained([CheckedContinuation<Void, Never>])
}

/// What the pool's lock guards: the machine, and what its numbers stand for.
struct PoolState: Sendable {
    typealias Batch = [(Query, CheckedContinuation<QueryResult, any Error>)]

    var machine: PoolStateMachine
    /// Open connections (not those being opened) by number, and their numbers.
    var connections: [Int: Connection] = [:]
    var numbers: [ObjectIdentifier: Int] = [:]
    /// Waiters the machine holds: in line, or owed a connection being opened.
    var waiting: [Int: PoolWaiter] = [:]
    /// The newcomer being decided on; it goes into `waiting` only if it is not served at once.
    private var arriving: (id: Int, waiter: PoolWaiter)?
    /// Callers of `close()` waiting for the last connection.
    var drained: [CheckedContinuation<Void, Never>] = []

    init(machine: PoolStateMachine) {
        self.machine = machine
    }

    /// One event for the machine, and its actions resolved. `isAlive` looks at an idle
    /// connection's socket without waiting.
    mutating func apply(
        _ event: (inout PoolStateMachine, _ isAlive: (Int) -> Bool) -> [PoolStateMachine.Action]
    ) -> [PoolStep] {
        let connections = self.connections
        let actions = event(&machine) { connections[$0]?.isAliveWhileUnused() ?? false }
        return resolve(actions)
    }

    mutating func arrive(_ id: Int, _ waiter: PoolWaiter, now: ContinuousClock.Instant) -> [PoolStep] {
        arriving = (id, waiter)
        let steps = apply { machine, isAlive in
            switch waiter {
            case .connection: machine.connectionRequested(id, now: now, isAlive: isAlive)
            case .statement(let query, _): machine.statementSubmitted(id, sql: query.sql, now: now, isAlive: isAlive)
            }
        }
        if let arriving {
            waiting[arriving.id] = arriving.waiter
            self.arriving = nil
        }
        return steps
    }

    private mutating func take(_ id: Int) -> PoolWaiter? {
        if let arriving, arriving.id == id {
            self.arriving = nil
            return arriving.waiter
        }
        return waiting.removeValue(forKey: id)
    }

    private mutating func resolve(_ actions: [PoolStateMachine.Action]) -> [PoolStep] {
        guard !actions.isEmpty else { return [] }
        var steps: [PoolStep] = []
        steps.reserveCapacity(actions.count)
        for action in actions {
            switch action {
            case .lease(let id, let waiter):
                guard let connection = connections[id], case .connection(let continuation)? = take(waiter) else {
                    preconditionFailure("pool: lease of connection \(id) to waiter \(waiter) the pool does not know")
                }
                steps.append(.lend(connection, continuation))
            case .runStatement(let waiter, let id, _):
                guard let connection = connections[id], case .statement(let query, let continuation)? = take(waiter) else {
                    preconditionFailure("pool: statement \(waiter) on connection \(id) the pool does not know")
                }
                steps.append(.runStatement(query, continuation, on: connection))
            case .runBatch(let id, let waiters, _):
                guard let connection = connections[id] else { preconditionFailure("pool: batch on unknown connection \(id)") }
                var batch: Batch = []
                batch.reserveCapacity(waiters.count)
                for waiter in waiters {
                    guard case .statement(let query, let continuation)? = take(waiter) else {
                        preconditionFailure("pool: batch with unknown statement \(waiter)")
                    }
                    batch.append((query, continuation))
                }
                steps.append(.runBatch(batch, on: connection))
            case .openConnection(let id):
                steps.append(.open(id))
            case .closeConnection(let id, let reason):
                guard let connection = connections.removeValue(forKey: id) else { continue }
                numbers[ObjectIdentifier(connection)] = nil
                steps.append(.close(connection, reason))
            case .failWaiters(let waiters, let reason):
                steps.append(.fail(waiters.compactMap { take($0) }, reason))
            case .scheduleTimer(let timer, let instant):
                steps.append(.schedule(timer, at: instant))
            case .resumeDrained:
                guard !drained.isEmpty else { continue }
                steps.append(.resumeDrained(drained))
                drained.removeAll()
            }
        }
        return steps
    }
}
