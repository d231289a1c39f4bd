import Testing

@testable import disclosure

/// The median run `bench service` prints for a read measured in rounds.
struct LoadFiguresTests {
    func run(_ rate: Double, failures: Int = 0, kinds: String = "") -> LoadFigures {
        LoadFigures(perSecond: rate, p50Milliseconds: 1000 / rate, p99Milliseconds: 2000 / rate, failures: failures, failureKinds: kinds)
    }

    @Test func theMedianIsTheMiddleRunWhole() {
        let median = LoadFigures.median(of: [run(2568), run(1147), run(1500)])
        #expect(median.perSecond == 1500)
        #expect(median.p50Milliseconds == 1000 / 1500 && median.p99Milliseconds == 2000 / 1500)
    }

    @Test func anEvenCountTakesTheLowerMiddleAndOneRunIsItself() {
        #expect(LoadFigures.median(of: [run(4), run(1), run(3), run(2)]).perSecond == 2)
        #expect(LoadFigures.median(of: [run(7)]).perSecond == 7)
    }

    @Test func failuresOfEveryRunAreKept() {
        let median = LoadFigures.median(of: [run(1, failures: 2, kinds: "2 timeouts"), run(2), run(3, failures: 1, kinds: "1 not 2xx or 3xx")])
        #expect(median.perSecond == 2)
        #expect(median.failures == 3)
        #expect(median.failureKinds == "2 timeouts; 1 not 2xx or 3xx")
    }
}
