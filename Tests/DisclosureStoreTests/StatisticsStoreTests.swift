import DisclosureCore
import DisclosureStore
import Testing

@Suite struct StatisticsStoreTests {
    @Test func aYearsFiguresForOneAgency() async throws {
        let (f, _) = try await ReportStoreTests().fixture()
        let stats = StatisticsStore(pool: f.pool, calendars: f.store.calendars)
        let s = try await stats.summary(year: 2024, scope: .agencies([f.agencies[1].id]), today: f.d("2024-12-31"), frequentThreshold: 1)
        #expect(s.received == 5)
        #expect(s.finished == 4)
        #expect(s.carriedOver == 1)
        #expect(s.receivedByMonth == [0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 2])
        #expect(s.finishedByMonth == [1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0])
        // Replied: A (2023-12-20 → 2024-01-10: 14 working days, New Year's Day off) and B (2024-03-04 → 03-20: 12); the lower median.
        #expect(s.medianWorkingDays == 12)
        #expect(s.p90WorkingDays == 14)
        #expect(s.byTopic.first?.0 == "征地拆迁")
        #expect(s.byKind.count == 5)
        // The same subject from five applicants received in 2024: a candidate for proactive disclosure.
        #expect(s.askedBySeveral.map(\.applicants) == [5])
        #expect(s.frequentApplicants.count == 5)
        let none = try await stats.summary(year: 2024, scope: .agencies([f.agencies[1].id]), today: f.d("2024-12-31"))
        #expect(none.frequentApplicants.isEmpty)
    }

    @Test func topicsComeFromTheWordsOfTheRequest() {
        #expect(Topic.classify("申请公开经七路片区房屋征收补偿方案") == "征地拆迁")
        #expect(Topic.classify("2024年城乡低保对象名单") == "社会保障")
        #expect(Topic.classify("会议纪要") == Topic.other)
    }
}
