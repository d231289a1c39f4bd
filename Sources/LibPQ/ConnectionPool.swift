import Logging
import ServiceLifecycle

/// A bounded pool of connections. Callers beyond the pool's size wait in arrival order and give
/// up with `PostgresError.poolTimeout` after `acquireTimeout`. A connection found dead is
/// replaced; one handed back inside a transaction is rolled back first. As a ServiceLifecycle
/// service it drains on graceful shutdown: new requests are refused, leased connections are
/// waited for, then everything is closed.
public actor ConnectionPool: Service {
    public struct Configuration: Sendable {
        public var connection: ConnectionConfiguration
        public var size: Int
        public var acquireTimeout: Duration

        public init(connection: ConnectionConfiguration, size: Int = 8, acquireTimeout: Duration = .seconds(10)) {
            self.connection = connection
            self.size = max(1, size)
            self.acquireTimeout = acquireTimeout
        }
    }

    public struct Statistics: Sendable, Equatable {
        public var open: Int
        public var idle: Int
        public var leased: Int
        public var waiting: Int
    }

    /// Someone waiting for a connection, or for one statement to be run on whichever
    /// connection frees up first (those are batched).
    private struct Waiter {
        enum Want {
            case connection(CheckedContinuation<Connection, any Error>)
            case statement(Query, CheckedContinuation<QueryResult, any Error>)
        }
        let id: Int
        let want: Want
        let deadline: ContinuousClock.Instant

        func fail(_ error: any Error) {
            switch want {
            case .connection(let c): c.resume(throwing: error)
            case .statement(_, let c): c.resume(throwing: error)
            }
        }
    }

    /// How many waiting statements one connection takes at a time, sent as one pipeline.
    static let batchLimit = 32

    public nonisolated let configuration: Configuration
    private let logger: Logger
    private var idle: [Connection] = []
    /// Connections that exist or are being opened: idle + leased + connecting.
    private var open = 0
    private var leased = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0
    private var isClosing = false
    /// Fails waiters whose time is up; runs only while someone waits.
    private var sweeper: Task<Void, Never>?
    private var drained: [CheckedContinuation<Void, Never>] = []

    public init(_ configuration: Configuration, logger: Logger = Logger(label: "libpq.pool")) {
        self.configuration = configuration
        self.logger = logger
    }

    public var statistics: Statistics {
        Statistics(open: open, idle: idle.count, leased: leased, waiting: waiters.count)
    }

    /// Lends a connection to `body` and takes it back afterwards, whatever happens.
    public nonisolated func withConnection<T: Sendable>(
        _ body: (Connection) async throws -> T
    ) async throws -> T {
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
    public nonisolated func withTransaction<T: Sendable>(
        isolation: IsolationLevel = .readCommitted,
        maxAttempts: Int = 10,
        _ body: (Connection) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try await connection.withTransaction(isolation: isolation, maxAttempts: maxAttempts, body)
        }
    }

    /// One statement, in a transaction of its own, on whichever connection is free. When every
    /// connection is busy, waiting statements are sent to the next free one together in a
    /// single pipeline, so that a burst costs the server's time rather than round trips.
    @discardableResult
    public func query(_ query: Query) async throws -> QueryResult {
        guard !isClosing else { throw PostgresError.poolClosed }
        if let connection = try await availableConnection() {
            do {
                let result = try await connection.query(query)
                await release(connection)
                return result
            } catch {
                await release(connection)
                throw error
            }
        }
        return try await wait { continuation, id, deadline in
            Waiter(id: id, want: .statement(query, continuation), deadline: deadline)
        }
    }

    // MARK: Lending

    public func acquire() async throws -> Connection {
        guard !isClosing else { throw PostgresError.poolClosed }
        if let connection = try await availableConnection() { return connection }
        return try await wait { continuation, id, deadline in
            Waiter(id: id, want: .connection(continuation), deadline: deadline)
        }
    }

    /// A live idle connection, or a new one while the pool is below its size; nil when the
    /// caller has to wait.
    private func availableConnection() async throws -> Connection? {
        while let connection = idle.popLast() {
            if connection.isAliveWhileUnused() {
                leased += 1
                return connection
            }
            logger.info("Replacing a database connection the server closed")
            connection.close()
            open -= 1
        }
        if open < configuration.size {
            return try await openForCaller()
        }
        return nil
    }

    private func openForCaller() async throws -> Connection {
        open += 1
        do {
            let connection = try await Connection.connect(configuration.connection)
            leased += 1
            return connection
        } catch {
            open -= 1
            throw error
        }
    }

    private func wait<T>(
        _ makeWaiter: (CheckedContinuation<T, any Error>, Int, ContinuousClock.Instant) -> Waiter
    ) async throws -> T {
        let id = nextWaiterID
        nextWaiterID += 1
        let deadline = ContinuousClock.now + configuration.acquireTimeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append(makeWaiter(continuation, id, deadline))
                if sweeper == nil { sweeper = Task { await self.sweep() } }
            }
        } onCancel: {
            Task { await self.failWaiter(id, with: CancellationError()) }
        }
    }

    /// Every waiter has the same timeout, so the first in line is always the next to expire:
    /// one task sleeping until its deadline serves them all.
    private func sweep() async {
        while let first = waiters.first {
            if first.deadline <= .now {
                waiters.removeFirst().fail(
                    PostgresError.poolTimeout(waited: configuration.acquireTimeout, poolSize: configuration.size))
            } else {
                try? await Task.sleep(until: first.deadline, clock: .continuous)
            }
        }
        sweeper = nil
    }

    private func failWaiter(_ id: Int, with error: any Error) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).fail(error)
    }

    // MARK: Returning

    public func release(_ connection: Connection) async {
        leased -= 1
        let healthy: Bool
        switch connection.currentTransactionStatus() {
        case .idle:
            healthy = true
        case .inTransaction, .failedTransaction:
            // A caller left a transaction open (an error between BEGIN and COMMIT, a
            // cancelled task): never let the next borrower inherit it.
            healthy = (try? await connection.execute("ROLLBACK")) != nil
        case .active, .unknown:
            healthy = false
        }
        if healthy {
            hand(connection)
        } else {
            connection.close()
            open -= 1
            replaceForWaiter()
        }
        signalIfDrained()
    }

    private func hand(_ connection: Connection) {
        if let first = waiters.first {
            leased += 1
            if case .connection(let continuation) = first.want {
                waiters.removeFirst()
                continuation.resume(returning: connection)
                return
            }
            var batch: [(Query, CheckedContinuation<QueryResult, any Error>)] = []
            while batch.count < Self.batchLimit, let next = waiters.first, case .statement(let query, let continuation) = next.want {
                waiters.removeFirst()
                batch.append((query, continuation))
            }
            Task { await self.run(batch, on: connection) }
        } else if isClosing {
            connection.close()
            open -= 1
        } else {
            idle.append(connection)
        }
    }

    private func run(_ batch: [(Query, CheckedContinuation<QueryResult, any Error>)], on connection: Connection) async {
        let results = await connection.queryBatch(batch.map(\.0))
        for ((_, continuation), result) in zip(batch, results) { continuation.resume(with: result) }
        await release(connection)
    }

    /// A connection was discarded while someone waits: open a new one for the first in line.
    private func replaceForWaiter() {
        guard !waiters.isEmpty, open < configuration.size, !isClosing else { return }
        open += 1
        Task {
            do {
                let connection = try await Connection.connect(configuration.connection)
                self.openedReplacement(connection)
            } catch {
                self.replacementFailed(error)
            }
        }
    }

    private func openedReplacement(_ connection: Connection) {
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            hand(connection)
        }
    }

    private func replacementFailed(_ error: any Error) {
        open -= 1
        if !waiters.isEmpty { waiters.removeFirst().fail(error) }
        signalIfDrained()
    }

    // MARK: Shutdown

    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// Refuses new requests, waits for leased connections to come back, and closes them all.
    public func close() async {
        isClosing = true
        for waiter in waiters { waiter.fail(PostgresError.poolClosed) }
        waiters.removeAll()
        for connection in idle { connection.close() }
        open -= idle.count
        idle.removeAll()
        if open > 0 {
            logger.info("Waiting for \(open) database connection(s) in use to be returned")
            await withCheckedContinuation { drained.append($0) }
        }
    }

    private func signalIfDrained() {
        guard isClosing, open == 0 else { return }
        drained.forEach { $0.resume() }
        drained.removeAll()
    }
}
