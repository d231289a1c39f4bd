import DisclosureCore
import Testing

@Suite struct FeeScheduleTests {
    @Test(arguments: [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400), (75, 600)])
    func perApplication(ordinal: Int, price: Int) {
        #expect(FeeSchedule.quote(.perApplication(ordinalInMonth: ordinal)).amount == price)
    }

    /// Worked by hand from the bands: e.g. 250 pages = 70×10 + 100×20 + 50×40 = 4,700.
    @Test(arguments: [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)])
    func perPage(pages: Int, amount: Int) {
        #expect(FeeSchedule.quote(.perPage(pages: pages)).amount == amount)
    }

    @Test func theNoticeSaysHowTheAmountWasReached() {
        let quote = FeeSchedule.quote(.perPage(pages: 250))
        #expect(quote.explanation == "按量计收：共250页，前30页不收费，70页×10元＋100页×20元＋50页×40元，合计4700元")
        #expect(FeeSchedule.quote(.perApplication(ordinalInMonth: 3)).explanation.contains("不收费"))
    }
}
