/// The pool's decisions, kept apart from its I/O: who gets which connection, which waiting
/// statements go out together, when to open or close a connection, who has waited too long.
///
/// It knows connections and waiters by number only, never touches a socket, a thread, a lock or a
/// clock: every event says what happened and, where time matters, what time it is, and the answer
/// is a list of actions for `ConnectionPool` to carry out, in order. So every rule below can be
/// tested by feeding it events, without a database and without waiting.
///
/// Connections are numbered by the machine when it decides to open one; waiters by the pool
/// (any distinct numbers). A waiter is either a caller who wants a connection for itself or a
/// single statement (known by its text) that wants to run on whichever connection is free first.
struct PoolStateMachine: Sendable {
    typealias ConnectionID = Int
    typealias WaiterID = Int
    typealias Instant = ContinuousClock.Instant

    struct Configuration: Sendable {
        var size: Int
        var statementConnections: Int
        var acquireTimeout: Duration
        var rescueAfter: Duration
        var slowAfter: Duration
        /// How many waiting statements one connection takes at a time.
        var batchLimit: Int
    }

    /// The two clocks the pool keeps running while someone waits; each has at most one timer
    /// pending, which the pool reports back with `timerFired`.
    enum Timer: Sendable, Hashable {
        /// Due when the first in line reaches `acquireTimeout`.
        case timeout
        /// Looks every `rescueAfter` whether a statement waited that long beside a free connection.
        case rescue
    }

    enum FailureReason: Sendable, Hashable {
        /// Waited `acquireTimeout` (`PostgresError.poolTimeout`).
        case timedOut
        /// The pool is closing (`PostgresError.poolClosed`).
        case poolClosed
        /// The caller's task was cancelled while it waited.
        case cancelled
        /// The connection opened for them could not be opened (the pool has the error).
        case connectFailed
    }

    enum CloseReason: Sendable, Hashable {
        /// An idle connection the server closed, found when it was about to be used.
        case deadWhileIdle
        /// Handed back in a state nobody should inherit (the pool could not roll it back).
        case deadWhenReturned
        /// The pool is closing.
        case poolClosed
    }

    enum Action: Sendable, Hashable {
        /// The caller `to` gets the connection for itself, until it returns it.
        case lease(connection: ConnectionID, to: WaiterID)
        /// A statement that did not have to wait runs alone, at once, on the connection.
        case runStatement(WaiterID, connection: ConnectionID, counted: Bool)
        /// Statements taken from the line run on the connection as one pipeline and one
        /// transaction. `counted`: the connection counts towards `statementConnections` until it
        /// comes back (the machine remembers it; the pool need not).
        case runBatch(connection: ConnectionID, waiters: [WaiterID], counted: Bool)
        /// Open a connection under this number and report `connectionOpened` or
        /// `connectionFailedToOpen`; what it is for is decided then.
        case openConnection(ConnectionID)
        case closeConnection(ConnectionID, CloseReason)
        /// Fail these waiters, in this order.
        case failWaiters([WaiterID], FailureReason)
        /// Report `timerFired(timer, …)` at `at` (or as soon after as the system manages).
        case scheduleTimer(Timer, at: Instant)
        /// The pool is closed and has no connection left: whoever waits for the drain may go on.
        case resumeDrained
    }

    /// What a connection being opened is for.
    enum Purpose: Sendable, Hashable {
        case lease(WaiterID)
        case statement(WaiterID, counted: Bool)
        case batch([WaiterID], counted: Bool)
        /// A replacement for one that died: whoever is first in line once it is open.
        case line
    }

    enum ConnectionState: Sendable, Hashable {
        case connecting(Purpose)
        case idle
        /// Lent to a caller.
        case lent
        /// Running statements of the line; `counted` towards `statementConnections`.
        case running(counted: Bool)
    }

    struct Waiter: Sendable, Hashable {
        let id: WaiterID
        /// The statement's text, or nil for a caller who wants a connection.
        let statement: String?
        let arrived: Instant
        let deadline: Instant
    }

    let configuration: Configuration

    /// Every connection that is open or being opened.
    private(set) var connections: [ConnectionID: ConnectionState] = [:]
    /// Idle connections, the most recently returned last.
    private(set) var idle: [ConnectionID] = []
    /// In arrival order.
    private(set) var waiters: [Waiter] = []
    /// Connections lent or running statements (not idle, not being opened).
    private(set) var leased = 0
    /// Connections running statements of the line and counted towards `statementConnections`,
    /// including those being opened for them.
    private(set) var runningStatements = 0
    private(set) var isClosing = false
    /// How many waiters have ever queued: the pool mirrors it so that a connection's thread can
    /// watch for newcomers without the lock.
    private(set) var arrivals = 0
    /// Statement texts whose last run took `slowAfter` or longer.
    private(set) var slowStatements: Set<String> = []
    private var nextConnectionID: ConnectionID = 0
    private var timeoutTimerPending = false
    private var rescueTimerPending = false

    init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Connections that exist or are being opened: idle + leased + connecting.
    var open: Int { connections.count }
    /// Closing, and no connection left to wait for.
    var isDrained: Bool { isClosing && connections.isEmpty }
    var knowsSlowStatements: Bool { !slowStatements.isEmpty }

    func isSlow(_ sql: String) -> Bool {
        !slowStatements.isEmpty && slowStatements.contains(sql)
    }

    // MARK: Requests

    /// A caller wants a connection of its own. `isAlive` is asked about an idle connection before
    /// it is handed out (the pool looks at its socket: a connection the server closed while it
    /// sat idle is only noticed then).
    mutating func connectionRequested(
        _ waiter: WaiterID, now: Instant, isAlive: (ConnectionID) -> Bool = { _ in true }
    ) -> [Action] {
        guard !isClosing else { return [.failWaiters([waiter], .poolClosed)] }
        var actions: [Action] = []
        if let id = takeIdle(isAlive, closing: &actions) {
            connections[id] = .lent
            leased += 1
            actions.append(.lease(connection: id, to: waiter))
        } else if open < configuration.size {
            actions.append(.openConnection(reserve(for: .lease(waiter))))
        } else {
            enqueue(Waiter(id: waiter, statement: nil, arrived: now, deadline: now + configuration.acquireTimeout),
                    now: now, joinsBatch: false, into: &actions)
        }
        return actions
    }

    /// One statement wants to run on whichever connection is free first.
    ///
    /// Single statements are kept on few connections: once `statementConnections` connections
    /// are running statements, a further statement waits to join the next batch of one of them
    /// rather than waking an idle connection, because on a machine with few cores more server
    /// processes only add thread switches and smaller batches (on two cores, 16 tasks on 4
    /// connections took a third less client CPU per statement this way). The rescue timer sees
    /// that such a statement is not held up for long (`timerFired(.rescue, …)`).
    ///
    /// A statement whose last run took `slowAfter` or longer (a report's table) is served like a
    /// lent connection: at once if a connection is free, and without counting towards the limit,
    /// so that it neither waits for quick ones nor keeps them off the connections it leaves.
    mutating func statementSubmitted(
        _ waiter: WaiterID, sql: String, now: Instant, isAlive: (ConnectionID) -> Bool = { _ in true }
    ) -> [Action] {
        guard !isClosing else { return [.failWaiters([waiter], .poolClosed)] }
        let counted = !isSlow(sql)
        let joinBatch = counted && runningStatements >= configuration.statementConnections
        var actions: [Action] = []
        if !joinBatch, let id = takeIdle(isAlive, closing: &actions) {
            connections[id] = .running(counted: counted)
            leased += 1
            if counted { runningStatements += 1 }
            actions.append(.runStatement(waiter, connection: id, counted: counted))
        } else if !joinBatch, open < configuration.size {
            if counted { runningStatements += 1 }
            actions.append(.openConnection(reserve(for: .statement(waiter, counted: counted))))
        } else {
            enqueue(Waiter(id: waiter, statement: sql, arrived: now, deadline: now + configuration.acquireTimeout),
                    now: now, joinsBatch: joinBatch, into: &actions)
        }
        return actions
    }

    /// A waiter's task was cancelled. Nothing to do if it is no longer waiting (it was served,
    /// or had not queued yet).
    mutating func waiterCancelled(_ waiter: WaiterID) -> [Action] {
        guard let index = waiters.firstIndex(where: { $0.id == waiter }) else { return [] }
        waiters.remove(at: index)
        return [.failWaiters([waiter], .cancelled)]
    }

    // MARK: Connections

    mutating func connectionOpened(_ id: ConnectionID) -> [Action] {
        guard case .connecting(let purpose)? = connections[id] else { return [] }
        switch purpose {
        case .lease(let waiter):
            connections[id] = .lent
            leased += 1
            return [.lease(connection: id, to: waiter)]
        case .statement(let waiter, let counted):
            // Already counted in `runningStatements` when it was decided.
            connections[id] = .running(counted: counted)
            leased += 1
            return [.runStatement(waiter, connection: id, counted: counted)]
        case .batch(let batch, let counted):
            connections[id] = .running(counted: counted)
            leased += 1
            return [.runBatch(connection: id, waiters: batch, counted: counted)]
        case .line:
            return handOver(id)
        }
    }

    mutating func connectionFailedToOpen(_ id: ConnectionID) -> [Action] {
        guard case .connecting(let purpose)? = connections.removeValue(forKey: id) else { return [] }
        var actions: [Action] = []
        switch purpose {
        case .lease(let waiter):
            actions.append(.failWaiters([waiter], .connectFailed))
        case .statement(let waiter, let counted):
            if counted { runningStatements -= 1 }
            actions.append(.failWaiters([waiter], .connectFailed))
        case .batch(let batch, let counted):
            if counted { runningStatements -= 1 }
            actions.append(.failWaiters(batch, .connectFailed))
        case .line:
            // The replacement was for the first in line, who hears why; the others keep waiting
            // for the connections still open, or for their timeout.
            if !waiters.isEmpty { actions.append(.failWaiters([waiters.removeFirst().id], .connectFailed)) }
        }
        if isDrained { actions.append(.resumeDrained) }
        return actions
    }

    /// A connection lent or running statements is back. `healthy`: the pool found it idle, or
    /// rolled back what its caller left open; a connection in any other state is closed, since
    /// the next borrower must never inherit it.
    mutating func connectionReturned(_ id: ConnectionID, healthy: Bool) -> [Action] {
        switch connections[id] {
        case .lent: break
        case .running(let counted): if counted { runningStatements -= 1 }
        // Not out: a second return of the same connection, or not one of ours.
        case .idle, .connecting, nil: return []
        }
        leased -= 1
        guard healthy else {
            connections[id] = nil
            var actions: [Action] = [.closeConnection(id, .deadWhenReturned)]
            // Someone waits for the connection that died: open another for the line.
            if !waiters.isEmpty, open < configuration.size, !isClosing {
                actions.append(.openConnection(reserve(for: .line)))
            } else if isDrained {
                actions.append(.resumeDrained)
            }
            return actions
        }
        return handOver(id)
    }

    /// Statements ran and took so long (by their text, in any order): remembers which were slow
    /// this time and forgets those that were quick.
    mutating func statementsFinished(_ timings: some Sequence<(String, Duration)>) {
        for (sql, took) in timings {
            if took >= configuration.slowAfter { slowStatements.insert(sql) } else { slowStatements.remove(sql) }
        }
        // Statement texts are few in a program; this only bounds a program that builds them.
        if slowStatements.count > 1000 { slowStatements.removeAll() }
    }

    // MARK: Time

    mutating func timerFired(_ timer: Timer, now: Instant, isAlive: (ConnectionID) -> Bool = { _ in true }) -> [Action] {
        switch timer {
        case .timeout: return timeoutsDue(now: now)
        case .rescue: return rescueDue(now: now, isAlive: isAlive)
        }
    }

    /// Every waiter has the same timeout, so the first in line is always the next to expire:
    /// one timer due at its deadline serves them all, and only while someone waits.
    private mutating func timeoutsDue(now: Instant) -> [Action] {
        timeoutTimerPending = false
        let expired = waiters.prefix { $0.deadline <= now }.map(\.id)
        waiters.removeFirst(expired.count)
        var actions: [Action] = expired.isEmpty ? [] : [.failWaiters(expired, .timedOut)]
        if let first = waiters.first {
            timeoutTimerPending = true
            actions.append(.scheduleTimer(.timeout, at: first.deadline))
        }
        return actions
    }

    /// A statement that has waited `rescueAfter` while a connection is free, or could be
    /// opened, gets that connection, together with those behind it, so a slow statement holds
    /// up the others by at most that long. The timer looks every `rescueAfter` while anyone
    /// waits and a connection is free or could be opened, and stops otherwise (the next
    /// statement queued to join a batch starts it again); it rescues at most one batch each time.
    private mutating func rescueDue(now: Instant, isAlive: (ConnectionID) -> Bool) -> [Action] {
        rescueTimerPending = false
        guard !isClosing, let first = waiters.first, idle.count + (configuration.size - open) > 0 else { return [] }
        var actions: [Action] = []
        if first.statement != nil, now - first.arrived >= configuration.rescueAfter {
            if let id = takeIdle(isAlive, closing: &actions) {
                let batch = takeBatch()
                connections[id] = .running(counted: batch.counted)
                leased += 1
                actions.append(.runBatch(connection: id, waiters: batch.waiters, counted: batch.counted))
            } else if open < configuration.size {
                let batch = takeBatch()
                actions.append(.openConnection(reserve(for: .batch(batch.waiters, counted: batch.counted))))
            }
        }
        rescueTimerPending = true
        actions.append(.scheduleTimer(.rescue, at: now + configuration.rescueAfter))
        return actions
    }

    // MARK: Closing

    /// Refuses new requests, fails those waiting and closes the idle connections; the others
    /// are closed as they come back (or fail to open), and `resumeDrained` follows the last.
    mutating func closeRequested() -> [Action] {
        isClosing = true
        var actions: [Action] = []
        if !waiters.isEmpty {
            actions.append(.failWaiters(waiters.map(\.id), .poolClosed))
            waiters.removeAll()
        }
        for id in idle {
            connections[id] = nil
            actions.append(.closeConnection(id, .poolClosed))
        }
        idle.removeAll()
        if isDrained { actions.append(.resumeDrained) }
        return actions
    }

    // MARK: Helpers

    /// Gives a connection that is now free to the first in line, running waiting statements
    /// batch after batch while they are first; otherwise back to the idle list (or closed, if
    /// the pool is closing).
    private mutating func handOver(_ id: ConnectionID) -> [Action] {
        if let first = waiters.first {
            leased += 1
            guard first.statement != nil else {
                waiters.removeFirst()
                connections[id] = .lent
                return [.lease(connection: id, to: first.id)]
            }
            let batch = takeBatch()
            connections[id] = .running(counted: batch.counted)
            return [.runBatch(connection: id, waiters: batch.waiters, counted: batch.counted)]
        }
        if isClosing {
            connections[id] = nil
            return isDrained ? [.closeConnection(id, .poolClosed), .resumeDrained] : [.closeConnection(id, .poolClosed)]
        }
        connections[id] = .idle
        idle.append(id)
        return []
    }

    /// The most recently returned live idle connection, taken off the idle list (the caller says
    /// what it now does); dead ones found on the way are forgotten and closed.
    private mutating func takeIdle(_ isAlive: (ConnectionID) -> Bool, closing actions: inout [Action]) -> ConnectionID? {
        while let id = idle.popLast() {
            if isAlive(id) { return id }
            connections[id] = nil
            actions.append(.closeConnection(id, .deadWhileIdle))
        }
        return nil
    }

    /// A number for a connection about to be opened, counted in `open` from now on.
    private mutating func reserve(for purpose: Purpose) -> ConnectionID {
        let id = nextConnectionID
        nextConnectionID &+= 1
        connections[id] = .connecting(purpose)
        return id
    }

    private mutating func enqueue(_ waiter: Waiter, now: Instant, joinsBatch: Bool, into actions: inout [Action]) {
        waiters.append(waiter)
        arrivals &+= 1
        if !timeoutTimerPending, let first = waiters.first {
            timeoutTimerPending = true
            actions.append(.scheduleTimer(.timeout, at: first.deadline))
        }
        if joinsBatch, !rescueTimerPending {
            rescueTimerPending = true
            actions.append(.scheduleTimer(.rescue, at: now + configuration.rescueAfter))
        }
    }

    /// The waiting statements at the front of the line, up to `batchLimit`, counted towards
    /// `statementConnections` unless it is a slow statement: one of those goes alone and
    /// uncounted, so that quick statements are not answered after it. Call only when the first
    /// in line is a statement.
    private mutating func takeBatch() -> (waiters: [WaiterID], counted: Bool) {
        var batch: [WaiterID] = []
        var slowAlone = false
        for waiter in waiters {
            guard batch.count < configuration.batchLimit, let sql = waiter.statement else { break }
            let slow = isSlow(sql)
            if slow && !batch.isEmpty { break }
            batch.append(waiter.id)
            if slow {
                slowAlone = true
                break
            }
        }
        waiters.removeFirst(batch.count)
        if !slowAlone { runningStatements += 1 }
        return (batch, !slowAlone)
    }
}
