import LifecycleTestSupport
import Testing

@testable import DisclosureCore

/// How long an online submission has waited, and when that is late.
struct SubmissionWaitTests {
    let calendar = LifecycleFixtures().calendar

    func wait(_ from: String, _ to: String) -> SubmissionWait {
        SubmissionWait(submittedOn: LocalDate(iso: from)!, today: LocalDate(iso: to)!, calendar: calendar)
    }

    @Test func theDayItCameIsNotLate() {
        #expect(wait("2026-11-27", "2026-11-27").text == "今天提交")
        #expect(!wait("2026-11-27", "2026-11-27").isLate)
    }

    @Test func aWeekendIsNotCountedAgainstTheAgency() {
        // Friday to Monday: three days, one working day.
        let monday = wait("2026-11-27", "2026-11-30")
        #expect(monday.text == "3天（1个工作日）" && !monday.isLate)
        let tuesday = wait("2026-11-27", "2026-12-01")
        #expect(tuesday.workingDays == 2 && tuesday.isLate)
    }

    @Test func theNationalDayHolidayIsNotCountedEither() {
        // 2026: 1–7 October off (the notice on file); submitted 30 September, seen on 8 October.
        let after = wait("2026-09-30", "2026-10-08")
        #expect(after.days == 8 && after.workingDays == 1 && !after.isLate)
    }
}
