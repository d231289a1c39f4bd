import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ
import Testing

/// The portal's store, run as the service's role so that Schema 0028's walls apply: a
/// submission and its files stored whole, the queue in scope, the confirmation that makes one
/// case, and tracking by the receipt code only.
@Suite struct PortalStoreTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 100)
    static let hash = "$2b$04$abcdefghijklmnopqrstuu5n7mVfJ8m1n5vYc0qj0q8Jq9m1n5vYc"

    struct Setup {
        let f: StoreFixture
        let service: ConnectionPool
        let portal: PortalStore
    }

    func setup(_ label: String) async throws -> Setup {
        let f = try await StoreFixture.make(label)
        let service = ConnectionPool(.init(connection: f.configuration.as(user: DatabaseTarget.serviceRole), size: 2, acquireTimeout: .seconds(60)))
        return Setup(f: f, service: service, portal: PortalStore(pool: service, cases: CaseStore(pool: service, calendars: CalendarStore(pool: service))))
    }

    func application(agency: Int64, subject: String = "经七路拆迁补偿标准") -> PortalApplication {
        PortalApplication(agencyID: agency,
                          applicant: Applicant(kind: .naturalPerson, name: "张三", idType: "身份证", idNumber: "370103198001011233", phone: "13800138000"),
                          subject: subject, description: "2024年经七路片区房屋征收补偿方案", formWanted: .electronic, deliveryWanted: .platform)
    }

    func code(_ text: String) -> ReceiptCode { ReceiptCode(typed: text)! }

    @Test func aSubmissionIsStoredWholeAndTrackedByItsCodeOnly() async throws {
        let s = try await setup("portal-submit")
        let housing = s.f.agencies[1].id
        let id = try await s.portal.submit(application(agency: housing), attachments: [.init(fileName: "身份证.png", kind: .png, bytes: Self.png)],
                                           code: code("20261127-7KQ4MX"), passwordHash: Self.hash, submittedOn: s.f.d("2026-11-27"), address: "203.0.113.9")
        let tracked = try #require(try await s.portal.submission(code: code("20261127-7KQ4MX")))
        #expect(tracked.id == id && tracked.agencyID == housing && tracked.passwordHash == Self.hash && tracked.caseID == nil)
        #expect(tracked.agencyName == "济南市市中区住房和城乡建设局" && tracked.submittedOn == s.f.d("2026-11-27"))
        #expect(try await s.portal.submission(code: code("20261127-7KQ4MY")) == nil)
        // Without the code named, the service's role sees no submission at all.
        #expect(try await s.service.query("SELECT count(*) FROM portal_submissions").single().decode(Int.self, at: 0) == 0)
        // The file is kept byte for byte.
        let files = try await s.f.pool.query("SELECT content_type, content FROM portal_attachments WHERE submission_id = \(id)")
        #expect(files.count == 1)
        #expect(try files.single().decode(String.self, at: 0) == "image/png")
        #expect([UInt8](try files.single().decode(Data.self, at: 1)) == Self.png)
        await s.service.close()
    }

    @Test func aBadSubmissionLeavesNothing() async throws {
        let s = try await setup("portal-bad")
        var incomplete = application(agency: s.f.agencies[1].id)
        incomplete.formWanted = nil
        await #expect(throws: LifecycleError.self) {
            try await s.portal.submit(incomplete, attachments: [], code: code("20261127-22222A"), passwordHash: Self.hash, submittedOn: s.f.today, address: "a")
        }
        await #expect(throws: LifecycleError.self) {
            try await s.portal.submit(application(agency: 9999), attachments: [], code: code("20261127-22222B"), passwordHash: Self.hash, submittedOn: s.f.today, address: "a")
        }
        // A file the table refuses (here: a kind the checks would never pass) undoes the submission.
        await #expect(throws: PostgresError.self) {
            try await s.portal.submit(application(agency: s.f.agencies[1].id), attachments: [.init(fileName: String(repeating: "x", count: 0), kind: .png, bytes: Self.png)],
                                      code: code("20261127-22222C"), passwordHash: Self.hash, submittedOn: s.f.today, address: "a")
        }
        let tooMany = Array(repeating: PortalStore.NewAttachment(fileName: "a.png", kind: .png, bytes: Self.png), count: AttachmentKind.maxFiles + 1)
        await #expect(throws: LifecycleError.self) {
            try await s.portal.submit(application(agency: s.f.agencies[1].id), attachments: tooMany, code: code("20261127-22222D"), passwordHash: Self.hash, submittedOn: s.f.today, address: "a")
        }
        #expect(try await s.f.pool.query("SELECT count(*) FROM portal_submissions").single().decode(Int.self, at: 0) == 0)
        #expect(try await s.f.pool.query("SELECT count(*) FROM portal_attachments").single().decode(Int.self, at: 0) == 0)
        await s.service.close()
    }

    @Test func confirmationMakesOneCaseReceivedThatDay() async throws {
        let s = try await setup("portal-confirm")
        let housing = s.f.agencies[1].id, street = s.f.agencies[2].id
        let first = try await s.portal.submit(application(agency: housing), attachments: [], code: code("20261126-33333A"), passwordHash: Self.hash,
                                              submittedOn: s.f.d("2026-11-26"), address: "a")
        _ = try await s.portal.submit(application(agency: street, subject: "低保名单"), attachments: [], code: code("20261127-33333B"), passwordHash: Self.hash,
                                      submittedOn: s.f.d("2026-11-27"), address: "a")
        // The queue shows the scope's submissions only.
        let housingOnly = Scope.agencies([housing])
        #expect(try await s.portal.unconfirmed(scope: housingOnly).map(\.id) == [first])
        #expect(try await s.portal.unconfirmed(scope: .everything(reason: "test")).count == 2)
        await #expect(throws: PortalError.submissionNotFound(first)) {
            try await s.portal.confirm(first, by: s.f.officer.actor, today: s.f.today, scope: .agencies([street]))
        }

        let today = s.f.d("2026-11-30")
        let record = try await s.portal.confirm(first, by: s.f.officer.actor, today: today, scope: housingOnly)
        #expect(record.snapshot.channel == .online)
        #expect(record.snapshot.arrivedOn == s.f.d("2026-11-26") && record.snapshot.receivedOn == today)
        // 20 working days from the day of confirmation, not of submission.
        let calendar = try await s.f.store.calendars.calendar()
        #expect(record.snapshot.clock.due == (try calendar.workingDay(20, after: today)))
        #expect(try await s.portal.unconfirmed(scope: housingOnly).isEmpty)
        await #expect(throws: PortalError.alreadyConfirmed(caseID: record.id)) {
            try await s.portal.confirm(first, by: s.f.supervisor.actor, today: today, scope: housingOnly)
        }
        #expect(try await s.f.pool.query("SELECT count(*) FROM cases").single().decode(Int.self, at: 0) == 1)

        // The applicant's tracking reads the case through the code.
        let tracked = try #require(try await s.portal.submission(code: code("20261126-33333A")))
        #expect(tracked.caseID == record.id && tracked.confirmedOn == today)
        let progress = try #require(try await s.portal.progress(of: tracked))
        #expect(progress.state == .registered && progress.receivedOn == today && progress.replyDue == record.snapshot.clock.due)
        #expect(progress.letters.isEmpty)
        await s.service.close()
    }

    @Test func twoOfficersConfirmingAtOnceMakeOneCase() async throws {
        let s = try await setup("portal-race")
        let housing = s.f.agencies[1].id
        let id = try await s.portal.submit(application(agency: housing), attachments: [], code: code("20261126-44444A"), passwordHash: Self.hash,
                                           submittedOn: s.f.d("2026-11-26"), address: "a")
        let portal = s.portal, f = s.f
        let outcomes = await withTaskGroup(of: Result<Int64, any Error>.self) { group in
            for actor in [f.officer.actor, f.supervisor.actor] {
                group.addTask {
                    do { return .success(try await portal.confirm(id, by: actor, today: f.today, scope: .agencies([housing])).id) } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let made = outcomes.compactMap { try? $0.get() }
        #expect(made.count == 1)
        let refused = outcomes.compactMap { if case .failure(let error) = $0 { return error as? PortalError } else { return nil } }
        #expect(refused == [.alreadyConfirmed(caseID: made.first ?? -1)])
        #expect(try await s.f.pool.query("SELECT count(*) FROM cases").single().decode(Int.self, at: 0) == 1)
        await s.service.close()
    }

    @Test func aQuestionIsAnsweredOnceAndLimitsCountPerSubject() async throws {
        let s = try await setup("portal-limits")
        try await s.portal.ask(PortalChallenge(question: "三加四", answer: 7), token: "token-aaaaaaaaaaaaaaaa")
        #expect(try await s.portal.answer(token: "token-aaaaaaaaaaaaaaaa", with: 8) == false)
        // A wrong answer spends the question: the right one no longer opens it.
        #expect(try await s.portal.answer(token: "token-aaaaaaaaaaaaaaaa", with: 7) == false)
        try await s.portal.ask(PortalChallenge(question: "三加四", answer: 7), token: "token-bbbbbbbbbbbbbbbb")
        #expect(try await s.portal.answer(token: "token-bbbbbbbbbbbbbbbb", with: 7) == true)
        #expect(try await s.portal.answer(token: "token-bbbbbbbbbbbbbbbb", with: 7) == false)
        #expect(try await s.portal.answer(token: String(repeating: "x", count: 10_000), with: 7) == false)

        for _ in 0..<3 { #expect(try await s.portal.take("submit", for: "203.0.113.9", limit: 3, window: .seconds(3600))) }
        #expect(try await s.portal.take("submit", for: "203.0.113.9", limit: 3, window: .seconds(3600)) == false)
        #expect(try await s.portal.isSpent("submit", for: "203.0.113.9", limit: 3, window: .seconds(3600)))
        #expect(try await s.portal.take("submit", for: "203.0.113.10", limit: 3, window: .seconds(3600)))
        #expect(try await s.portal.isSpent("submit", for: "203.0.113.10", limit: 3, window: .seconds(3600)) == false)
        await s.service.close()
    }

    @Test func onlyTheEntriesASupervisorShowsAreOfferedToApplicants() async throws {
        let s = try await setup("portal-answers")
        let library = LibraryStore(pool: s.f.pool)
        let shown = try await library.add(LibraryEntry(kind: .faq, title: "房屋征收补偿标准在哪里查询", body: "经七路片区征收补偿方案已在区政府网站公开。"), by: nil)
        let staffOnly = try await library.add(LibraryEntry(kind: .typicalCase, title: "某征收补偿案件的答复", body: "本案中申请人要求公开征收补偿协议。"), by: nil)
        #expect(try await s.portal.similarAnswers(to: "征收补偿").isEmpty, "nothing is shown until a supervisor chooses it")
        try await library.show(shown, inPortal: true)
        #expect(try await s.portal.similarAnswers(to: "征收补偿").map(\.id) == [shown])
        #expect(try await s.portal.publicAnswer(shown)?.title == "房屋征收补偿标准在哪里查询")
        #expect(try await s.portal.publicAnswer(staffOnly) == nil)
        #expect(try await s.portal.similarAnswers(to: String(repeating: "征", count: 100_000)).isEmpty)
        try await library.show(shown, inPortal: false)
        #expect(try await s.portal.publicAnswer(shown) == nil)
        await s.service.close()
    }

    /// A case transferred to another agency (转办) is still its applicant's: tracked, withdrawn
    /// there, in the agency that holds it now.
    @Test func theApplicantFollowsTheirCaseWhenItIsTransferred() async throws {
        let s = try await setup("portal-transfer")
        let housing = s.f.agencies[1].id, street = s.f.agencies[2].id
        let id = try await s.portal.submit(application(agency: housing), attachments: [], code: code("20261126-55555A"), passwordHash: Self.hash,
                                           submittedOn: s.f.d("2026-11-26"), address: "a")
        let record = try await s.portal.confirm(id, by: s.f.officer.actor, today: s.f.d("2026-11-27"), scope: .agencies([housing]))
        _ = try await s.portal.cases.append(CaseEvent(.transfer(Transfer(toAgencyID: street, reason: "该信息由街道办事处制作")), on: s.f.d("2026-11-27"), by: s.f.officer.actor),
                                            to: record.id, expectedVersion: 1, today: s.f.d("2026-11-27"), scope: .agencies([housing, street]))
        let tracked = try #require(try await s.portal.submission(code: code("20261126-55555A")))
        let progress = try #require(try await s.portal.progress(of: tracked))
        #expect(progress.snapshot.agencyID == street && progress.state == .registered)
        try await s.portal.withdraw(tracked, today: s.f.d("2026-11-28"))
        #expect(try await s.portal.progress(of: tracked)?.state == .closed)
        await s.service.close()
    }
}
