import Foundation
import Synchronization
import Testing
@testable import LibPQ

@Suite struct ConnectionThreadTests {
    @Test func workRunsInOrderOneJobAtATimeOnOneNamedThread() async throws {
        let thread = ConnectionThread(name: "libpq-test")
        let log = Mutex<[Int]>([])
        let threads = Mutex<Set<String>>([])
        let inside = Atomic<Int>(0)
        let overlapped = Atomic<Bool>(false)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            for i in 0..<1000 {
                thread.async {
                    if inside.add(1, ordering: .relaxed).newValue > 1 { overlapped.store(true, ordering: .relaxed) }
                    log.withLock { $0.append(i) }
                    // The name the system has for the thread (what top and gdb show).
                    let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines) ?? ""
                    _ = threads.withLock { $0.insert("\(pthread_self()) \(name)") }
                    inside.subtract(1, ordering: .relaxed)
                    if i == 999 { done.resume() }
                }
            }
        }
        #expect(log.withLock { $0 } == Array(0..<1000))
        let didOverlap = overlapped.load(ordering: .relaxed)
        #expect(!didOverlap)
        let seen = threads.withLock { $0 }
        #expect(seen.count == 1)
        #expect(seen.first?.hasSuffix(" libpq-test") == true)
        thread.stop()
    }

    @Test func syncWaitsForItsAnswerAfterEverythingPostedBefore() {
        let thread = ConnectionThread(name: "libpq-test")
        let counter = Mutex(0)
        for _ in 0..<100 { thread.async { counter.withLock { $0 += 1 } } }
        // Posted after the hundred, so it sees all of them.
        #expect(thread.sync { counter.withLock { $0 } } == 100)
        thread.stop()
    }
}
