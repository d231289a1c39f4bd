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
        // The fixture's applicants share a name and phone: one person, in four months (two in December).
        #expect(s.frequentApplicants.map(\.month).sorted() == [3, 5, 6, 12])
        #expect(s.frequentApplicants.first { $0.month == 12 }?.count == 2)
        let none = try await stats.summary(year: 2024, scope: .agencies([f.agencies[1].id]), today: f.d("2024-12-31"))
        #expect(none.frequentApplicants.isEmpty)
    }

    /// Art. 35's evidence: one person's applications in a month, by identity number across the
    /// applicant rows each intake files, with online submissions not yet confirmed (issue 17).
    @Test func frequentApplicantsAreCountedByPersonWithTheirUnconfirmedOnlineSubmissions() async throws {
        let f = try await StoreFixture.make("stats-frequent")
        let everyone = Scope.everything(reason: "test")
        let person = Applicant(kind: .naturalPerson, name: "张三", idType: "身份证", idNumber: "370103198001011233", phone: "13800138000")
        for day in ["2024-09-02", "2024-09-09"] {
            _ = try await f.store.register(f.intake(arrivedOn: day, applicant: person), by: f.officer.actor, today: f.today, scope: everyone)
        }
        let portal = PortalStore(pool: f.pool, cases: f.store)
        let application = PortalApplication(agencyID: f.agencies[1].id, applicant: person, subject: "低保名单", description: "2024年低保名单",
                                            formWanted: .electronic, deliveryWanted: .platform)
        try await portal.submit(application, attachments: [], code: ReceiptCode(typed: "20240916-22222A")!,
                                passwordHash: "$2b$04$abcdefghijklmnopqrstuu5n7mVfJ8m1n5vYc0qj0q8Jq9m1n5vYc", submittedOn: f.d("2024-09-16"), address: "a")
        let stats = StatisticsStore(pool: f.pool, calendars: f.store.calendars)
        let s = try await stats.summary(year: 2024, scope: .agencies([f.agencies[1].id]), today: f.d("2024-12-31"), frequentThreshold: 3)
        #expect(s.frequentApplicants.map(\.name) == ["张三"])
        #expect(s.frequentApplicants.first?.count == 3 && s.frequentApplicants.first?.month == 9)
        // Another agency's scope sees neither the cases nor the submission.
        let other = try await stats.summary(year: 2024, scope: .agencies([f.agencies[2].id]), today: f.d("2024-12-31"), frequentThreshold: 1)
        #expect(other.frequentApplicants.isEmpty)
    }

    @Test func topicsComeFromTheWordsOfTheRequest() {
        #expect(Topic.classify("申请公开经七路片区房屋征收补偿方案") == "征地拆迁")
        #expect(Topic.classify("2024年城乡低保对象名单") == "社会保障")
        #expect(Topic.classify("会议纪要") == Topic.other)
    }
}
