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
        #expect(c.allowance - c.used == 20)
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
        #expect(try c.reading(on: d("2024-09-20"), calendar: calendar).remaining == 15)
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

    /// The case: received Monday 2026-11-02, due Monday 11-30. On Sunday 11-29 the
    /// running segment has used 19 working days (11-03…11-27) and one is left, due tomorrow.
    @Test func theRunningSegmentCountsUpToToday() throws {
        let c = try clock([.start(d("2026-11-02"), reason: "收到申请之日")])
        #expect(c.due == d("2026-11-30"))
        let today = try c.reading(on: d("2026-11-29"), calendar: calendar)
        #expect(today.used == 19 && today.remaining == 1)
        #expect(today.segments.first?.workingDays == 19 && today.segments.first?.through == nil)
        #expect(try c.reading(on: d("2026-11-02"), calendar: calendar).remaining == 20)
        #expect(try c.reading(on: d("2026-12-02"), calendar: calendar).remaining == -2)
        let due = try DueReading(due: c.due!, today: d("2026-11-29"), calendar: calendar, countedFrom: d("2026-11-02"))
        #expect(due.chinese == "明天到期" && due.english == "due tomorrow" && due.urgency == .soon)
    }

    /// After the reply the clock stands: the ledger ends on the reply day, nothing runs "至今".
    @Test func theReplyEndsTheClock() throws {
        let c = try clock([.start(d("2026-11-02"), reason: "收到申请之日"), .end(d("2026-11-20"), reason: "答复")])
        #expect(c.endedOn == d("2026-11-20") && !c.isStopped)
        #expect(c.due == d("2026-11-30"))
        #expect(c.segments.last?.through == d("2026-11-20"))
        let later = try c.reading(on: d("2027-03-01"), calendar: calendar)
        #expect(later.used == 14 && later.remaining == 6)
        #expect(later.segments == c.segments)
        // Closed while stopped: the stopped segment ends too.
        let stopped = try clock([.start(d("2026-11-02"), reason: "收到申请之日"), .stop(d("2026-11-04"), reason: "待补正"), .end(d("2026-11-30"), reason: "撤回")])
        #expect(stopped.segments.last?.through == d("2026-11-30") && !stopped.isStopped)
    }

    /// Art. 30: a corrected application starts a full 20 working days; an extension of the old
    /// period does not carry over.
    @Test func aRestartLeavesNoExtension() throws {
        let c = try clock([
            .start(d("2024-09-02"), reason: "收到申请"),
            .extend(d("2024-09-04"), workingDays: 10),
            .stop(d("2024-09-05"), reason: "补正告知"),
            .start(d("2024-09-20"), reason: "收到补正后的申请"),
        ])
        #expect(c.allowance == 20)
        #expect(c.due == d("2024-10-23"))
        var again = c
        try again.apply(.extend(d("2024-10-08"), workingDays: 20), calendar: calendar)
        #expect(again.allowance == 40)
    }

    @Test func aDueDateIsAlwaysAWorkingDay() throws {
        var day = d("2024-01-02")
        while day < d("2028-12-01") {
            let c = try clock([.start(day, reason: "收到申请")])
            #expect(try calendar.isWorkingDay(c.due!), "\(day) → \(c.due!)")
            day = day.adding(days: 3)
        }
    }
}
