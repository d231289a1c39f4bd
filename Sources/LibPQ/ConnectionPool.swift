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

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Connection, any Error>
        let timeout: Task<Void, Never>
    }

    public nonisolated let configuration: Configuration
    private let logger: Logger
    private var idle: [Connection] = []
    /// Connections that exist or are being opened: idle + leased + connecting.
    private var open = 0
    private var leased = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0
    private var isClosing = false
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

    /// One statement on a pooled connection.
    @discardableResult
    public nonisolated func query(_ query: Query) async throws -> QueryResult {
        try await withConnection { try await $0.query(query) }
    }

    // MARK: Lending

    public func acquire() async throws -> Connection {
        guard !isClosing else { throw PostgresError.poolClosed }
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
        return try await waitForConnection()
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

    private func waitForConnection() async throws -> Connection {
        let id = nextWaiterID
        nextWaiterID += 1
        let timeoutAfter = configuration.acquireTimeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let timeout = Task { [weak self] in
                    try? await Task.sleep(for: timeoutAfter)
                    guard !Task.isCancelled else { return }
                    await self?.failWaiter(id, with: PostgresError.poolTimeout(waited: timeoutAfter, poolSize: self?.configuration.size ?? 0))
                }
                waiters.append(Waiter(id: id, continuation: continuation, timeout: timeout))
            }
        } onCancel: {
            Task { await self.failWaiter(id, with: CancellationError()) }
        }
    }

    private func failWaiter(_ id: Int, with error: any Error) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        waiter.timeout.cancel()
        waiter.continuation.resume(throwing: error)
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
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            waiter.timeout.cancel()
            leased += 1
            waiter.continuation.resume(returning: connection)
        } else if isClosing {
            connection.close()
            open -= 1
        } else {
            idle.append(connection)
        }
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
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            waiter.timeout.cancel()
            waiter.continuation.resume(throwing: error)
        }
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
        for waiter in waiters {
            waiter.timeout.cancel()
            waiter.continuation.resume(throwing: PostgresError.poolClosed)
        }
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
