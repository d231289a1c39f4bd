import DisclosureCore
import Testing

@Suite struct ReplyClockTests {
    let calendar = try! WorkCalendar(CalendarYear.official)

    func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    func clock(_ changes: [ReplyClock.Change]) throws -> ReplyClock {
        try ReplyClock.replay(changes, calendar: calendar)
    }

    @Test func twentyWorkingDaysAfterReceipt() throws {
        let c = try clock([.start(d("2024-09-02"), reason: "收到申请")])
        #expect(c.due == d("2024-09-30"))
        #expect(c.remaining == 20)
    }

    /// domain.md §5: consultation 09-09 … 09-27 leaves 15 days after the 27th → 2024-10-23.
    @Test func theWorkedExample() throws {
        let c = try clock([
            .start(d("2024-09-02"), reason: "收到申请"),
            .stop(d("2024-09-09"), reason: "征求第三方意见"),
            .resume(d("2024-09-27"), reason: "收到第三方意见"),
        ])
        #expect(c.due == d("2024-10-23"))
        #expect(c.used == 5)
        #expect(c.segments.map(\.kind) == [.running, .stopped, .running])
        #expect(c.segments[0].workingDays == 5)
        #expect(c.segments[1].through == d("2024-09-27"))
    }

    @Test func whileStoppedThereIsNoDueDate() throws {
        let c = try clock([.start(d("2024-09-02"), reason: "收到申请"), .stop(d("2024-09-09"), reason: "待缴费")])
        #expect(c.isStopped)
        #expect(c.due == nil)
        #expect(c.remaining == 15)
    }

    @Test func aCorrectedApplicationRestartsFromZero() throws {
        let c = try clock([
            .start(d("2024-09-02"), reason: "收到申请"),
            .stop(d("2024-09-05"), reason: "补正告知"),
            .start(d("2024-09-20"), reason: "收到补正后的申请"),
        ])
        #expect(c.used == 0)
        // 20 working days after Friday 2024-09-20, across 中秋 is behind us, 国庆 10-01…10-07 ahead
        // with Sunday 09-29 and Saturday 10-12 worked.
        #expect(c.due == d("2024-10-23"))
    }

    @Test func twoStoppedPeriodsInOneCase() throws {
        let c = try clock([
            .start(d("2025-03-03"), reason: "收到申请"),              // Monday
            .stop(d("2025-03-05"), reason: "征求第三方意见"),          // 2 used
            .resume(d("2025-03-21"), reason: "收到第三方意见"),
            .stop(d("2025-03-26"), reason: "待缴费"),                  // 3 more: 5 used
            .resume(d("2025-04-02"), reason: "已缴费"),
        ])
        #expect(c.used == 5)
        // 15 working days after Wednesday 2025-04-02; 清明 04-04 off (Friday), 劳动节 05-01…05-05 later.
        #expect(c.due == d("2025-04-24"))
    }

    @Test func anExtensionOnTopOfAStoppedPeriod() throws {
        let c = try clock([
            .start(d("2024-09-02"), reason: "收到申请"),
            .stop(d("2024-09-09"), reason: "征求第三方意见"),
            .resume(d("2024-09-27"), reason: "收到第三方意见"),
            .extend(d("2024-10-21"), workingDays: 20),
        ])
        #expect(c.allowance == 40)
        // 35 working days after 2024-09-27: the 15th is 10-23, 20 more → 2024-11-20.
        #expect(c.due == d("2024-11-20"))
        #expect(throws: ReplyClock.Failure.extensionTooLong(requested: 1, available: 0)) {
            var again = c
            try again.apply(.extend(d("2024-10-22"), workingDays: 1), calendar: calendar)
        }
    }

    @Test func aPeriodThatRanOutBeforeTheStopStaysOverdue() throws {
        let c = try clock([
            .start(d("2024-09-02"), reason: "收到申请"),
            .stop(d("2024-10-15"), reason: "征求第三方意见"),
            .resume(d("2024-10-25"), reason: "收到第三方意见"),
        ])
        #expect(c.due == d("2024-09-30"))
    }

    @Test func aDelayedDeadlineReplacesTheCountedOne() throws {
        let c = try clock([
            .start(d("2024-09-02"), reason: "收到申请"),
            .delay(d("2024-09-10"), until: d("2024-12-31")),
        ])
        #expect(c.due == d("2024-12-31"))
    }

    @Test func outOfOrderChangesAreRefused() {
        #expect(throws: ReplyClock.Failure.notStarted) { try clock([.stop(d("2024-09-09"), reason: "x")]) }
        #expect(throws: ReplyClock.Failure.notStopped(d("2024-09-05"))) {
            try clock([.start(d("2024-09-02"), reason: "x"), .resume(d("2024-09-05"), reason: "y")])
        }
        #expect(throws: ReplyClock.Failure.beforeLastChange(d("2024-09-01"))) {
            try clock([.start(d("2024-09-02"), reason: "x"), .stop(d("2024-09-01"), reason: "y")])
        }
    }

    @Test func aDueDateIsAlwaysAWorkingDay() throws {
        var day = d("2024-01-02")
        while day < d("2026-11-01") {
            let c = try clock([.start(day, reason: "收到申请")])
            #expect(try calendar.isWorkingDay(c.due!), "\(day) → \(c.due!)")
            day = day.adding(days: 3)
        }
    }
}
