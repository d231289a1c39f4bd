import DisclosureCore
import LifecycleTestSupport
import PropertyBased
import Testing

/// Random legal histories: whatever the order of events, the reply is never due on a day off,
/// replaying the history gives the same case, and the clock never counts more days than it has.
@Suite struct LifecyclePropertyTests {
    let f = LifecycleFixtures()

    /// Walks a history: each choice picks one of the events allowed now (with its prerequisites);
    /// picks that a rule refuses (a lapse before its date, say) are skipped.
    func walk(_ choices: [Int]) throws -> (CaseSnapshot, [CaseEvent], [CaseSnapshot]) {
        var (snapshot, history) = try f.build([.register(f.registration)])
        var seen = [snapshot]
        for choice in choices {
            let allowed = Lifecycle.allowedEvents(in: snapshot.state)
            let kind = allowed[choice % allowed.count]
            let events = try f.scenario(kind, for: snapshot)
            guard let next = try? f.apply(events, to: snapshot) else { continue }
            snapshot = next
            history += events
            seen.append(next)
        }
        return (snapshot, history, seen)
    }

    @Test func replayGivesTheSameCaseAndDueDatesAreWorkingDays() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...999).array(of: 1...25)) { choices in
            let (snapshot, history, seen) = try walk(choices)
            #expect(try Lifecycle.replay(history, calendar: f.calendar) == snapshot)
            #expect(snapshot.version == history.count)
            for c in seen {
                if let due = c.clock.due { #expect(try f.calendar.isWorkingDay(due), "reply due \(due)") }
                for deadline in c.openDeadlines { #expect(try f.calendar.isWorkingDay(deadline.due), "\(deadline.kind) \(deadline.due)") }
                // A stopped clock uses no working days; the running ones add up to at least what is used now.
                #expect(c.clock.segments.allSatisfy { $0.kind == .running || $0.workingDays == 0 })
                #expect(c.clock.segments.filter { $0.kind == .running }.reduce(0) { $0 + $1.workingDays } >= c.clock.used)
                #expect(c.state.isOpen == (c.disposition == nil) || c.state == .replied)
            }
        }
    }
}
