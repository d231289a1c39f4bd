import DisclosureCore
import DisclosureStore
import LibPQ
import LifecycleTestSupport
import Testing

/// Tables 三 and 四 for a small fixed set of cases, counted by hand.
@Suite struct ReportStoreTests {
    /// Registers a case of `kind` on `received` and records the events on the given days.
    func add(_ f: StoreFixture, _ kind: ApplicantKind, received: String, agency: Int64? = nil,
             _ events: [(String, EventPayload)]) async throws -> CaseStore.Record {
        var intake = f.intake(arrivedOn: received, agency: agency, applicant: Applicant(kind: kind, name: "申请人", phone: "13800000000"))
        intake.channel = .inPerson
        var record = try await f.store.register(intake, by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
        for (day, payload) in events {
            record = try await f.store.append(f.lifecycle.event(payload, on: f.d(day)), to: record.id,
                                              expectedVersion: record.snapshot.version, today: f.today, scope: .everything(reason: "tests see every agency"))
        }
        return record
    }

    func signedReply(_ draft: ReplyDraft, _ days: [String]) -> [(String, EventPayload)] {
        [(days[0], .submitForSignoff(draft)), (days[1], .signOff(Note())), (days[2], .reply(draft))]
    }

    /// The fixed set: A carried over from 2023 and disclosed in 2024; B partial in 2024 with a
    /// reconsideration and a lawsuit after it; C received late in 2024 and still open; D received
    /// in 2024 and answered in 2025; E withdrawn; F lapsed correction; G all in 2023 but
    /// reconsidered in 2024; H at a street office (district only).
    func fixture() async throws -> (StoreFixture, ReportStore) {
        let f = try await StoreFixture.make("report")
        let l = f.lifecycle
        _ = try await add(f, .naturalPerson, received: "2023-12-20", [("2024-01-10", .reply(l.discloseDraft))])
        let partial = ReplyDraft(disposition: .partial, legalBasis: "条例第三十七条", reasons: "部分涉及商业秘密", provision: .paper)
        _ = try await add(f, .commercial, received: "2024-03-04", signedReply(partial, ["2024-03-18", "2024-03-19", "2024-03-20"]) + [
            ("2024-03-22", .recordDelivery(DeliveryRecord(method: .post))),
            ("2024-04-10", .recordReview(ReviewRecord(reference: "复〔2024〕1号", body: "市中区政府", filedOn: f.d("2024-04-10"), result: .pending))),
            ("2024-05-06", .recordReview(ReviewRecord(reference: "复〔2024〕1号", body: "市中区政府", filedOn: f.d("2024-04-10"), result: .upheld))),
            ("2024-05-10", .recordLitigation(LitigationRecord(reference: "（2024）鲁0103行初1号", court: "市中区法院", filedOn: f.d("2024-05-10"), afterReview: true, result: .pending))),
        ])
        _ = try await add(f, .research, received: "2024-12-23", [])
        let notHeld = ReplyDraft(disposition: .unavailableNotHeld, reasons: "本机关未制作、获取该信息")
        _ = try await add(f, .legalServices, received: "2024-12-02", signedReply(notHeld, ["2025-01-06", "2025-01-07", "2025-01-08"]))
        _ = try await add(f, .nonprofit, received: "2024-05-06", [("2024-05-08", .withdraw(Note("撤回")))])
        _ = try await add(f, .otherOrg, received: "2024-06-03", [
            ("2024-06-05", .requestCorrection(CorrectionRequest(items: ["请明确文号"], periodWorkingDays: 5))),
            ("2024-06-20", .correctionLapsed(Note())),
        ])
        _ = try await add(f, .naturalPerson, received: "2023-05-08", [
            ("2023-05-20", .reply(l.discloseDraft)), ("2023-05-22", .recordDelivery(DeliveryRecord(method: .inPerson))),
            ("2024-01-15", .recordReview(ReviewRecord(reference: "复〔2024〕2号", body: "市中区政府", filedOn: f.d("2024-01-15"), result: .corrected))),
        ])
        _ = try await add(f, .naturalPerson, received: "2024-07-01", agency: f.agencies[2].id, [("2024-07-05", .reply(l.discloseDraft))])
        return (f, ReportStore(pool: f.pool))
    }

    @Test func table3ForAnAgencyAndTheDistrict() async throws {
        let (f, reports) = try await fixture()
        let housing = f.agencies[1]
        let t = try await reports.table3(year: 2024, agency: housing.id)
        typealias C = AnnualReportTable3.Column
        #expect(t[.received, .kind(.naturalPerson)] == 0)
        for kind in [ApplicantKind.commercial, .research, .legalServices, .nonprofit, .otherOrg] { #expect(t[.received, .kind(kind)] == 1) }
        #expect(t[.received, .total] == 5)
        #expect(t[.carriedOver, .kind(.naturalPerson)] == 1)
        #expect(t[.carriedOver, .total] == 1)
        #expect(t[.result(.disclose), .kind(.naturalPerson)] == 1)
        #expect(t[.result(.partial), .kind(.commercial)] == 1)
        #expect(t[.result(.otherOther), .kind(.nonprofit)] == 1)
        #expect(t[.result(.otherCorrectionLapsed), .kind(.otherOrg)] == 1)
        #expect(t[.result(.unavailableNotHeld), .total] == 0)
        #expect(t[.resultTotal, .total] == 4)
        #expect(t[.carriedForward, .kind(.research)] == 1)
        #expect(t[.carriedForward, .kind(.legalServices)] == 1)
        #expect(t[.carriedForward, .total] == 2)

        let next = try await reports.table3(year: 2025, agency: housing.id)
        #expect(next[.carriedOver, .total] == 2)
        #expect(next[.result(.unavailableNotHeld), .kind(.legalServices)] == 1)
        #expect(next[.received, .total] == 0)
        #expect(next[.carriedForward, .total] == 1)

        let district = try await reports.table3(year: 2024, agency: nil)
        #expect(district[.received, .total] == 6)
        #expect(district[.result(.disclose), .kind(.naturalPerson)] == 2)
    }

    @Test func table4CountsByTheYearFiled() async throws {
        let (f, reports) = try await fixture()
        let t = try await reports.table4(year: 2024, agency: f.agencies[1].id)
        #expect(t[.reconsideration, .upheld] == 1)
        #expect(t[.reconsideration, .corrected] == 1)
        #expect(t[.reconsideration, nil] == 2)
        #expect(t[.lawsuitAfterReconsideration, .pending] == 1)
        #expect(t[.lawsuitAfterReconsideration, nil] == 1)
        #expect(t[.lawsuitDirect, nil] == 0)
        #expect(try await reports.table4(year: 2023, agency: f.agencies[1].id)[.reconsideration, nil] == 0)
    }

    @Test func theReportPassesItsChecksAndCarriesOver() async throws {
        let (f, reports) = try await fixture()
        let report = try await reports.report(year: 2025, agency: f.agencies[1])
        #expect(report.publishable)
        #expect(report.checks.contains { $0.kind == .carryOver && $0.passed })
        #expect(report.checks.allSatisfy { $0.passed })
    }

    @Test func badDataFailsTheChecks() async throws {
        let (f, reports) = try await fixture()
        // A case whose applicant kind is none of the six (as a careless import might leave it):
        // counted in 总计 but in no column.
        try await f.pool.query("UPDATE cases SET applicant_kind = 'unknown' WHERE applicant_kind = 'research'")
        // A disposition date without a disposition.
        try await f.pool.query("UPDATE cases SET disposed_on = '2024-12-30' WHERE disposition IS NULL AND received_on = '2024-12-23'")
        let report = try await reports.report(year: 2024, agency: f.agencies[1])
        #expect(!report.publishable)
        let failed = Set(report.checks.filter { !$0.passed }.map(\.kind))
        #expect(failed.contains(.rowTotal))
        #expect(failed.contains(.resultTotal))
        await #expect(throws: ReportError.checksFail) { try await reports.lockYear(report, by: f.supervisor) }
    }

    @Test func aLockedYearKeepsItsFiguresAndFlagsLaterChanges() async throws {
        let (f, reports) = try await fixture()
        let report = try await reports.report(year: 2024, agency: f.agencies[1])
        try await reports.lockYear(report, by: f.supervisor)
        await #expect(throws: PostgresError.self) { try await reports.lockYear(report, by: f.supervisor) }
        // The open 2024 case is now answered — in 2024, by a late entry: still recorded, flagged.
        let open = try await f.store.list({ var c = CaseFilter(); c.applicantKind = .research; return c }(), today: f.today, scope: .everything(reason: "tests see every agency")).cases[0]
        _ = try await f.store.append(f.lifecycle.event(.reply(f.lifecycle.discloseDraft), on: f.d("2025-02-03")), to: open.id,
                                     expectedVersion: open.version, today: f.today, scope: .everything(reason: "tests see every agency"))
        let after = try await reports.report(year: 2024, agency: f.agencies[1])
        #expect(after.lock?.flaggedEvents == 1)
        #expect(after.lock?.table3[.carriedForward, .total] == 2)
        // 2025's carried-over row is compared with 2024's published 四.
        let next = try await reports.report(year: 2025, agency: f.agencies[1])
        #expect(next.table3[.carriedOver, .total] == 2)
        #expect(next.checks.contains { $0.kind == .carryOver && $0.passed })
    }
}
