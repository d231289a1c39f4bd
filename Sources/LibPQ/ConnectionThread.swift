import Foundation
import Glibc

/// One plain thread that runs a connection's work in order: libpq's blocking calls, the pool's
/// batches. A connection keeps its own thread for life rather than a dispatch queue, because a
/// queue that goes idle is drained by whichever of dispatch's worker threads comes next: at
/// tens of thousands of statements a second that meant a dozen threads taking turns at four
/// connections, and dispatch's own bookkeeping cost more than libpq did. Here an idle
/// connection's thread sleeps on its condition variable, and posting work wakes exactly it.
final class ConnectionThread: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    // All three are guarded by `mutex`; pthread objects must not move, hence the pointers.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wakeUp = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var jobs: [Job] = []
    private var sleeping = false
    private var stopping = false

    init(name: String) {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wakeUp, nil)
        // Named from inside: set from outside, the name never reaches the system's thread.
        let thread = Thread { [self] in
            Thread.current.name = name
            // Foundation passes the name on to the system only when it already knows the thread
            // as its current one, which now and then it does not yet: the system's name (what
            // top and gdb show) is written directly too.
            try? String(name.prefix(15)).write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
            runLoop()
        }
        thread.start()
    }

    deinit {
        pthread_cond_destroy(wakeUp)
        pthread_mutex_destroy(mutex)
        wakeUp.deallocate()
        mutex.deallocate()
    }

    /// Runs `job` on the thread after everything posted before it; returns at once.
    func async(_ job: @escaping Job) {
        pthread_mutex_lock(mutex)
        jobs.append(job)
        let wake = sleeping
        pthread_mutex_unlock(mutex)
        if wake { pthread_cond_signal(wakeUp) }
    }

    /// Runs `body` on the thread and waits for it. Never call it from the thread itself.
    func sync<T>(_ body: @escaping @Sendable () -> T) -> T {
        let answer = Answer<T>()
        async {
            answer.value = body()
            answer.ready.signal()
        }
        answer.ready.wait()
        return answer.value!
    }

    /// Written on the thread before `ready` is signalled, read by the waiter after.
    private final class Answer<T>: @unchecked Sendable {
        var value: T?
        let ready = DispatchSemaphore(value: 0)
    }

    /// Lets the thread finish what was posted and end; for the owner's deinit, once nothing can
    /// post any more.
    func stop() {
        pthread_mutex_lock(mutex)
        stopping = true
        let wake = sleeping
        pthread_mutex_unlock(mutex)
        if wake { pthread_cond_signal(wakeUp) }
    }

    private func runLoop() {
        var batch: [Job] = []
        while true {
            pthread_mutex_lock(mutex)
            while jobs.isEmpty && !stopping {
                sleeping = true
                pthread_cond_wait(wakeUp, mutex)
                sleeping = false
            }
            if jobs.isEmpty {
                pthread_mutex_unlock(mutex)
                return
            }
            swap(&batch, &jobs)
            pthread_mutex_unlock(mutex)
            for job in batch { job() }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
