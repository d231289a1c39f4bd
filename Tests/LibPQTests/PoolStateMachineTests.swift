@testable import LibPQ
import Testing

/// The pool's decisions, driven by events at chosen instants: no database, no sleeping. Each
/// expectation follows from the pool's rules and the configuration given here.
@Suite struct PoolStateMachineTests {
    typealias Action = PoolStateMachine.Action
    typealias Instant = ContinuousClock.Instant

    /// Every instant in these tests is this one plus a chosen offset.
    let t0 = ContinuousClock.now

    func machine(
        size: Int = 4, statementConnections: Int = 4, acquireTimeout: Duration = .seconds(10),
        rescueAfter: Duration = .milliseconds(5), slowAfter: Duration = .milliseconds(50), batchLimit: Int = 32
    ) -> PoolStateMachine {
        PoolStateMachine(configuration: .init(
            size: size, statementConnections: statementConnections, acquireTimeout: acquireTimeout,
            rescueAfter: rescueAfter, slowAfter: slowAfter, batchLimit: batchLimit))
    }

    /// The one connection the actions open.
    func opening(_ actions: [Action], sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let opened = actions.compactMap { if case .openConnection(let id) = $0 { id } else { nil } }
        try #require(opened.count == 1, "expected one connection opened in \(actions)", sourceLocation: sourceLocation)
        return opened[0]
    }

    /// A connection opened for `waiter` (nothing idle, room in the pool) and lent to it.
    func lendNew(_ m: inout PoolStateMachine, to waiter: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let id = try opening(m.connectionRequested(waiter, now: t0), sourceLocation: sourceLocation)
        #expect(m.connectionOpened(id) == [.lease(connection: id, to: waiter)], sourceLocation: sourceLocation)
        return id
    }

    /// `count` connections opened, lent and taken back, so that they sit idle; in the order
    /// they came back.
    func idleConnections(_ m: inout PoolStateMachine, _ count: Int) throws -> [Int] {
        let ids = try (0..<count).map { try lendNew(&m, to: 1000 + $0) }
        for id in ids { #expect(m.connectionReturned(id, healthy: true) == []) }
        #expect(m.idle.count == count)
        return ids
    }

    func statistics(_ m: PoolStateMachine) -> [String: Int] {
        ["open": m.open, "idle": m.idle.count, "leased": m.leased, "waiting": m.waiters.count, "running": m.runningStatements]
    }

    // MARK: Lending

    @Test func anIdleConnectionIsLentAtOnce() throws {
        var m = machine()
        let c = try #require(try idleConnections(&m, 1).first)
        #expect(m.connectionRequested(1, now: t0) == [.lease(connection: c, to: 1)])
        #expect(statistics(m) == ["open": 1, "idle": 0, "leased": 1, "waiting": 0, "running": 0])
    }

    @Test func theMostRecentlyReturnedIdleConnectionIsLentFirst() throws {
        var m = machine()
        let idle = try idleConnections(&m, 3)
        #expect(m.connectionRequested(1, now: t0) == [.lease(connection: idle[2], to: 1)])
        #expect(m.connectionRequested(2, now: t0) == [.lease(connection: idle[1], to: 2)])
    }

    @Test func underSizeEachRequestOpensANewConnectionThenRequestsQueue() throws {
        var m = machine(size: 2, acquireTimeout: .seconds(3))
        let a = try opening(m.connectionRequested(1, now: t0))
        let b = try opening(m.connectionRequested(2, now: t0))
        #expect(a != b)
        #expect(statistics(m) == ["open": 2, "idle": 0, "leased": 0, "waiting": 0, "running": 0])
        // Full: the third waits, and its deadline is when the timeout timer is due.
        #expect(m.connectionRequested(3, now: t0 + .milliseconds(7)) == [.scheduleTimer(.timeout, at: t0 + .milliseconds(3007))])
        #expect(m.waiters.map(\.id) == [3])
        // Each opened connection goes to the caller it was opened for, not the first in line.
        #expect(m.connectionOpened(b) == [.lease(connection: b, to: 2)])
        #expect(m.connectionOpened(a) == [.lease(connection: a, to: 1)])
        #expect(statistics(m) == ["open": 2, "idle": 0, "leased": 2, "waiting": 1, "running": 0])
    }

    @Test func whenFullCallersQueueAndAreServedInArrivalOrderAsConnectionsComeBack() throws {
        var m = machine(size: 1)
        let c = try lendNew(&m, to: 1)
        #expect(m.connectionRequested(2, now: t0 + .milliseconds(1)) == [.scheduleTimer(.timeout, at: t0 + .milliseconds(10_001))])
        // The timer already runs for the first in line.
        #expect(m.connectionRequested(3, now: t0 + .milliseconds(2)) == [])
        #expect(m.connectionRequested(4, now: t0 + .milliseconds(3)) == [])
        #expect(m.connectionReturned(c, healthy: true) == [.lease(connection: c, to: 2)])
        #expect(m.connectionReturned(c, healthy: true) == [.lease(connection: c, to: 3)])
        #expect(m.connectionReturned(c, healthy: true) == [.lease(connection: c, to: 4)])
        #expect(m.connectionReturned(c, healthy: true) == [])
        #expect(statistics(m) == ["open": 1, "idle": 1, "leased": 0, "waiting": 0, "running": 0])
    }

    @Test func aCancelledWaiterLeavesTheLine() throws {
        var m = machine(size: 1)
        let c = try lendNew(&m, to: 1)
        _ = m.connectionRequested(2, now: t0)
        _ = m.connectionRequested(3, now: t0)
        #expect(m.waiterCancelled(2) == [.failWaiters([2], .cancelled)])
        // Gone already: nothing more to fail.
        #expect(m.waiterCancelled(2) == [])
        #expect(m.connectionReturned(c, healthy: true) == [.lease(connection: c, to: 3)])
    }

    @Test func aConnectionThatFailsToOpenFailsWhoItWasOpenedFor() throws {
        var m = machine(size: 2, statementConnections: 2)
        let a = try opening(m.connectionRequested(1, now: t0))
        let b = try opening(m.statementSubmitted(2, sql: "SELECT 2", now: t0))
        // The statement's connection counts towards the limit from the moment it is decided.
        #expect(m.runningStatements == 1)
        #expect(m.connectionFailedToOpen(b) == [.failWaiters([2], .connectFailed)])
        #expect(m.connectionFailedToOpen(a) == [.failWaiters([1], .connectFailed)])
        #expect(statistics(m) == ["open": 0, "idle": 0, "leased": 0, "waiting": 0, "running": 0])
        // The room is free again.
        #expect(try opening(m.connectionRequested(3, now: t0)) != a)
    }

    @Test func aConnectionReturnedTwiceIsTakenBackOnce() throws {
        var m = machine()
        let c = try lendNew(&m, to: 1)
        #expect(m.connectionReturned(c, healthy: true) == [])
        #expect(m.connectionReturned(c, healthy: true) == [])
        #expect(statistics(m) == ["open": 1, "idle": 1, "leased": 0, "waiting": 0, "running": 0])
    }

    // MARK: Statements

    @Test func waitingStatementsGoOutTogetherUpToTheBatchLimit() throws {
        var m = machine(size: 1, batchLimit: 3)
        let c = try lendNew(&m, to: 1)
        for id in 10...14 { _ = m.statementSubmitted(id, sql: "SELECT \(id)", now: t0) }
        #expect(m.waiters.count == 5)
        #expect(m.connectionReturned(c, healthy: true) == [.runBatch(connection: c, waiters: [10, 11, 12], counted: true)])
        #expect(m.runningStatements == 1)
        #expect(m.connectionReturned(c, healthy: true) == [.runBatch(connection: c, waiters: [13, 14], counted: true)])
        #expect(m.connectionReturned(c, healthy: true) == [])
        #expect(statistics(m) == ["open": 1, "idle": 1, "leased": 0, "waiting": 0, "running": 0])
    }

    @Test func aCallerWaitingForAConnectionEndsTheBatchBeforeIt() throws {
        var m = machine(size: 1)
        let c = try lendNew(&m, to: 1)
        _ = m.statementSubmitted(10, sql: "SELECT 10", now: t0)
        _ = m.statementSubmitted(11, sql: "SELECT 11", now: t0)
        _ = m.connectionRequested(12, now: t0)
        _ = m.statementSubmitted(13, sql: "SELECT 13", now: t0)
        #expect(m.connectionReturned(c, healthy: true) == [.runBatch(connection: c, waiters: [10, 11], counted: true)])
        #expect(m.connectionReturned(c, healthy: true) == [.lease(connection: c, to: 12)])
        // Lent, it no longer runs statements.
        #expect(m.runningStatements == 0)
        #expect(m.connectionReturned(c, healthy: true) == [.runBatch(connection: c, waiters: [13], counted: true)])
    }

    @Test func beyondStatementConnectionsAStatementWaitsForABatchRatherThanAnIdleConnection() throws {
        var m = machine(size: 3, statementConnections: 1, rescueAfter: .milliseconds(5))
        let idle = try idleConnections(&m, 2)
        let first = m.statementSubmitted(10, sql: "SELECT 10", now: t0)
        #expect(first == [.runStatement(10, connection: idle[1], counted: true)])
        #expect(m.runningStatements == 1)
        // One connection idle and room for another, yet the second statement waits, and the
        // rescue timer starts.
        #expect(m.statementSubmitted(11, sql: "SELECT 11", now: t0 + .milliseconds(1)) == [
            .scheduleTimer(.timeout, at: t0 + .milliseconds(10_001)),
            .scheduleTimer(.rescue, at: t0 + .milliseconds(6)),
        ])
        #expect(statistics(m) == ["open": 2, "idle": 1, "leased": 1, "waiting": 1, "running": 1])
        // It goes with the busy connection's next batch.
        #expect(m.connectionReturned(idle[1], healthy: true) == [.runBatch(connection: idle[1], waiters: [11], counted: true)])
        #expect(m.idle == [idle[0]])
    }

    @Test func underStatementConnectionsAStatementTakesAnIdleConnection() throws {
        var m = machine(size: 3, statementConnections: 2)
        let idle = try idleConnections(&m, 2)
        #expect(m.statementSubmitted(10, sql: "SELECT 10", now: t0) == [.runStatement(10, connection: idle[1], counted: true)])
        #expect(m.statementSubmitted(11, sql: "SELECT 11", now: t0) == [.runStatement(11, connection: idle[0], counted: true)])
        #expect(m.runningStatements == 2)
        // A lent connection does not count: the limit is about statements of the line.
        var lent = machine(size: 3, statementConnections: 1)
        _ = try lendNew(&lent, to: 1)
        _ = try opening(lent.statementSubmitted(10, sql: "SELECT 10", now: t0))
    }

    @Test func aStatementThatWaitedRescueAfterBesideAnIdleConnectionTakesIt() throws {
        var m = machine(size: 2, statementConnections: 1, rescueAfter: .milliseconds(5))
        let idle = try idleConnections(&m, 2)
        let busy = idle[1]
        #expect(m.statementSubmitted(10, sql: "SELECT 10", now: t0) == [.runStatement(10, connection: busy, counted: true)])
        _ = m.statementSubmitted(11, sql: "SELECT 11", now: t0 + .milliseconds(1))
        _ = m.statementSubmitted(12, sql: "SELECT 12", now: t0 + .milliseconds(3))
        // The first waited 4.9 ms of 5: nothing yet, look again in 5 ms.
        #expect(m.timerFired(.rescue, now: t0 + .microseconds(5900)) == [.scheduleTimer(.rescue, at: t0 + .microseconds(10_900))])
        #expect(m.waiters.count == 2)
        // Now it has waited long enough: the free connection takes it and those behind it.
        #expect(m.timerFired(.rescue, now: t0 + .microseconds(10_900)) == [
            .runBatch(connection: idle[0], waiters: [11, 12], counted: true),
            .scheduleTimer(.rescue, at: t0 + .microseconds(15_900)),
        ])
        #expect(statistics(m) == ["open": 2, "idle": 0, "leased": 2, "waiting": 0, "running": 2])
        // Nobody waits any more: the timer stops.
        #expect(m.timerFired(.rescue, now: t0 + .microseconds(15_900)) == [])
    }

    @Test func aRescueOpensAConnectionWhenThereIsRoomAndNoneIdle() throws {
        var m = machine(size: 2, statementConnections: 1, rescueAfter: .milliseconds(5))
        let a = try opening(m.statementSubmitted(10, sql: "SELECT 10", now: t0))
        #expect(m.connectionOpened(a) == [.runStatement(10, connection: a, counted: true)])
        _ = m.statementSubmitted(11, sql: "SELECT 11", now: t0)
        let rescue = m.timerFired(.rescue, now: t0 + .milliseconds(5))
        let b = try opening(rescue)
        #expect(b != a)
        #expect(rescue.last == .scheduleTimer(.rescue, at: t0 + .milliseconds(10)))
        #expect(m.connectionOpened(b) == [.runBatch(connection: b, waiters: [11], counted: true)])
    }

    @Test func withoutAFreeConnectionThereIsNoRescueAndTheTimerStops() throws {
        var m = machine(size: 1, statementConnections: 1, rescueAfter: .milliseconds(5))
        let a = try opening(m.statementSubmitted(10, sql: "SELECT 10", now: t0))
        _ = m.connectionOpened(a)
        _ = m.statementSubmitted(11, sql: "SELECT 11", now: t0)
        #expect(m.timerFired(.rescue, now: t0 + .seconds(1)) == [])
        #expect(m.waiters.map(\.id) == [11])
        // It still goes with the busy connection's next batch.
        #expect(m.connectionReturned(a, healthy: true) == [.runBatch(connection: a, waiters: [11], counted: true)])
    }

    @Test func aStatementThatWasSlowLastTimeRunsAtOnceAndUncounted() throws {
        var m = machine(size: 3, statementConnections: 1, slowAfter: .milliseconds(50))
        m.statementsFinished([("SELECT slow", .milliseconds(80)), ("SELECT quick", .milliseconds(1))])
        let idle = try idleConnections(&m, 2)
        #expect(m.statementSubmitted(10, sql: "SELECT quick", now: t0) == [.runStatement(10, connection: idle[1], counted: true)])
        // The limit is reached, but a slow statement is not held back, and does not count.
        #expect(m.statementSubmitted(11, sql: "SELECT slow", now: t0) == [.runStatement(11, connection: idle[0], counted: false)])
        #expect(m.runningStatements == 1)
        // With nothing idle, it may open one.
        _ = try opening(m.statementSubmitted(12, sql: "SELECT slow", now: t0))
        #expect(m.runningStatements == 1)
        // Back, it gives up nothing it did not take.
        #expect(m.connectionReturned(idle[0], healthy: true) == [])
        #expect(m.runningStatements == 1)
    }

    @Test func aSlowStatementIsNeverBatchedWithOthers() throws {
        var m = machine(size: 1, slowAfter: .milliseconds(50))
        m.statementsFinished([("SELECT slow", .milliseconds(50))])
        let c = try lendNew(&m, to: 1)
        let line = [(20, "SELECT slow"), (21, "SELECT quick"), (22, "SELECT quick"), (23, "SELECT slow"), (24, "SELECT slow"), (25, "SELECT quick")]
        for (id, sql) in line { _ = m.statementSubmitted(id, sql: sql, now: t0) }
        #expect(m.connectionReturned(c, healthy: true) == [.runBatch(connection: c, waiters: [20], counted: false)])
        #expect(m.runningStatements == 0)
        #expect(m.connectionReturned(c, healthy: true) == [.runBatch(connection: c, waiters: [21, 22], counted: true)])
        #expect(m.runningStatements == 1)
        #expect(m.connectionReturned(c, healthy: true) == [.runBatch(connection: c, waiters: [23], counted: false)])
        #expect(m.connectionReturned(c, healthy: true) == [.runBatch(connection: c, waiters: [24], counted: false)])
        #expect(m.connectionReturned(c, healthy: true) == [.runBatch(connection: c, waiters: [25], counted: true)])
    }

    @Test func aStatementQuickAgainIsBatchedAgain() throws {
        var m = machine(size: 1, slowAfter: .milliseconds(50))
        m.statementsFinished([("SELECT x", .milliseconds(60))])
        #expect(m.isSlow("SELECT x"))
        m.statementsFinished([("SELECT x", .milliseconds(49))])
        #expect(!m.isSlow("SELECT x"))
        let c = try lendNew(&m, to: 1)
        _ = m.statementSubmitted(10, sql: "SELECT x", now: t0)
        _ = m.statementSubmitted(11, sql: "SELECT y", now: t0)
        #expect(m.connectionReturned(c, healthy: true) == [.runBatch(connection: c, waiters: [10, 11], counted: true)])
    }

    // MARK: Time

    @Test func waitersTimeOutAfterAcquireTimeoutExactlyTheExpiredOnesInOrder() throws {
        var m = machine(size: 1, acquireTimeout: .seconds(5))
        let c = try lendNew(&m, to: 1)
        #expect(m.connectionRequested(2, now: t0) == [.scheduleTimer(.timeout, at: t0 + .seconds(5))])
        #expect(m.connectionRequested(3, now: t0 + .seconds(1)) == [])
        #expect(m.statementSubmitted(4, sql: "SELECT 4", now: t0 + .seconds(2)) == [])
        #expect(m.connectionRequested(5, now: t0 + .seconds(3)) == [])
        // Early: nobody has waited five seconds.
        #expect(m.timerFired(.timeout, now: t0 + .milliseconds(4999)) == [.scheduleTimer(.timeout, at: t0 + .seconds(5))])
        #expect(m.timerFired(.timeout, now: t0 + .seconds(5)) == [
            .failWaiters([2], .timedOut), .scheduleTimer(.timeout, at: t0 + .seconds(6)),
        ])
        #expect(m.timerFired(.timeout, now: t0 + .milliseconds(7500)) == [
            .failWaiters([3, 4], .timedOut), .scheduleTimer(.timeout, at: t0 + .seconds(8)),
        ])
        #expect(m.waiters.map(\.id) == [5])
        #expect(m.connectionReturned(c, healthy: true) == [.lease(connection: c, to: 5)])
        // Nobody waits: the timer stops, and the next one to wait starts it again.
        #expect(m.timerFired(.timeout, now: t0 + .seconds(8)) == [])
        #expect(m.connectionRequested(6, now: t0 + .seconds(9)) == [.scheduleTimer(.timeout, at: t0 + .seconds(14))])
    }

    // MARK: Dead connections

    @Test func aDeadConnectionReturnedIsClosedAndReplacedWhileOthersWait() throws {
        var m = machine(size: 1)
        let c = try lendNew(&m, to: 1)
        _ = m.connectionRequested(2, now: t0)
        let returned = m.connectionReturned(c, healthy: false)
        #expect(returned.first == .closeConnection(c, .deadWhenReturned))
        let d = try opening(returned)
        #expect(returned.count == 2)
        #expect(d != c)
        #expect(statistics(m) == ["open": 1, "idle": 0, "leased": 0, "waiting": 1, "running": 0])
        #expect(m.connectionOpened(d) == [.lease(connection: d, to: 2)])
        // Nobody waits: closed, not replaced.
        #expect(m.connectionReturned(d, healthy: false) == [.closeConnection(d, .deadWhenReturned)])
        #expect(statistics(m) == ["open": 0, "idle": 0, "leased": 0, "waiting": 0, "running": 0])
    }

    @Test func aDeadStatementConnectionNoLongerCounts() throws {
        var m = machine(size: 2, statementConnections: 1)
        let a = try opening(m.statementSubmitted(10, sql: "SELECT 10", now: t0))
        _ = m.connectionOpened(a)
        #expect(m.runningStatements == 1)
        #expect(m.connectionReturned(a, healthy: false) == [.closeConnection(a, .deadWhenReturned)])
        #expect(m.runningStatements == 0)
        // So the next statement is not held back for it.
        #expect(try opening(m.statementSubmitted(11, sql: "SELECT 11", now: t0)) != a)
    }

    @Test func aReplacementThatFailsToOpenFailsTheFirstInLine() throws {
        var m = machine(size: 1)
        let c = try lendNew(&m, to: 1)
        _ = m.connectionRequested(2, now: t0)
        _ = m.statementSubmitted(3, sql: "SELECT 3", now: t0)
        let d = try opening(m.connectionReturned(c, healthy: false))
        #expect(m.connectionFailedToOpen(d) == [.failWaiters([2], .connectFailed)])
        #expect(m.waiters.map(\.id) == [3])
        #expect(m.open == 0)
    }

    @Test func idleConnectionsTheServerClosedAreClosedWhenFoundAndReplaced() throws {
        var m = machine(size: 3)
        let idle = try idleConnections(&m, 2)
        // The most recent one is dead: closed, and the other one lent.
        let dead = idle[1]
        #expect(m.connectionRequested(1, now: t0, isAlive: { $0 != dead }) == [
            .closeConnection(dead, .deadWhileIdle), .lease(connection: idle[0], to: 1),
        ])
        #expect(m.open == 1)
        _ = m.connectionReturned(idle[0], healthy: true)
        // All dead: all closed, and a new one opened for the statement.
        let actions = m.statementSubmitted(2, sql: "SELECT 2", now: t0, isAlive: { _ in false })
        #expect(actions.first == .closeConnection(idle[0], .deadWhileIdle))
        let fresh = try opening(actions)
        #expect(!idle.contains(fresh))
        #expect(actions.count == 2)
        #expect(m.open == 1)
    }

    // MARK: Closing

    @Test func closingRefusesNewRequestsWaitsForLeasedConnectionsThenDrains() throws {
        var m = machine(size: 3, statementConnections: 1)
        let lent = try lendNew(&m, to: 1)
        let idle = try idleConnections(&m, 2)
        let running = idle[1]
        #expect(m.statementSubmitted(10, sql: "SELECT 10", now: t0) == [.runStatement(10, connection: running, counted: true)])
        // Both wait to join its next batch, beside an idle connection.
        _ = m.statementSubmitted(11, sql: "SELECT 11", now: t0)
        _ = m.statementSubmitted(12, sql: "SELECT 12", now: t0)
        #expect(statistics(m) == ["open": 3, "idle": 1, "leased": 2, "waiting": 2, "running": 1])

        // Those waiting are failed in order, the idle connection closed; two are still out.
        let closing = m.closeRequested()
        #expect(Set(closing) == [.failWaiters([11, 12], .poolClosed), .closeConnection(idle[0], .poolClosed)])
        #expect(closing.count == 2)
        #expect(!m.isDrained)
        #expect(m.connectionRequested(13, now: t0) == [.failWaiters([13], .poolClosed)])
        #expect(m.statementSubmitted(14, sql: "SELECT 14", now: t0) == [.failWaiters([14], .poolClosed)])
        #expect(m.timerFired(.rescue, now: t0 + .seconds(1)) == [])

        #expect(m.connectionReturned(running, healthy: true) == [.closeConnection(running, .poolClosed)])
        #expect(!m.isDrained)
        #expect(m.connectionReturned(lent, healthy: true) == [.closeConnection(lent, .poolClosed), .resumeDrained])
        #expect(m.isDrained)
        #expect(statistics(m) == ["open": 0, "idle": 0, "leased": 0, "waiting": 0, "running": 0])
        // Closing again finds nothing to wait for.
        #expect(m.closeRequested() == [.resumeDrained])
    }

    @Test func closingWaitsForConnectionsBeingOpened() throws {
        var m = machine(size: 2)
        let a = try opening(m.connectionRequested(1, now: t0))
        let b = try opening(m.connectionRequested(2, now: t0))
        #expect(m.closeRequested() == [])
        // The caller it was opened for still gets it, and it is closed when it comes back.
        #expect(m.connectionOpened(a) == [.lease(connection: a, to: 1)])
        #expect(m.connectionFailedToOpen(b) == [.failWaiters([2], .connectFailed)])
        #expect(!m.isDrained)
        #expect(m.connectionReturned(a, healthy: true) == [.closeConnection(a, .poolClosed), .resumeDrained])
    }

    @Test func closingAnIdlePoolClosesEverythingAndDrainsAtOnce() throws {
        var m = machine()
        let idle = try idleConnections(&m, 2)
        let closing = m.closeRequested()
        #expect(Set(closing.dropLast()) == [.closeConnection(idle[0], .poolClosed), .closeConnection(idle[1], .poolClosed)])
        #expect(closing.count == 3)
        // The last thing done: no connection is left.
        #expect(closing.last == .resumeDrained)
        #expect(m.isDrained)
    }
}
