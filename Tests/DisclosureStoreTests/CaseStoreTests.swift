import DisclosureCore
import DisclosureStore
import LibPQ
import LifecycleTestSupport
import PropertyBased
import Testing

@Suite struct CaseStoreTests {
    @Test func registeringNumbersTheCaseAndStoresItsFirstEvent() async throws {
        let f = try await StoreFixture.make("register")
        let record = try await f.store.register(f.intake(), by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
        #expect(record.caseNumber == "市中区住建局依申〔2024〕第0001号")
        #expect(record.snapshot.state == .registered)
        #expect(record.snapshot.clock.due == f.d("2024-09-30"))
        let second = try await f.store.register(f.intake(), by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
        #expect(second.caseNumber == "市中区住建局依申〔2024〕第0002号")
        let street = try await f.store.register(f.intake(agency: f.agencies[2].id), by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
        #expect(street.caseNumber == "七里山街道〔2024〕依申1号")
        let nextYear = try await f.store.register(f.intake(arrivedOn: "2025-01-06"), by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
        #expect(nextYear.caseNumber == "市中区住建局依申〔2025〕第0001号")
        #expect(try await f.count("SELECT count(*) FROM case_events WHERE case_id = \(record.id) AND kind = 'register'") == 1)
        #expect(try await f.count("SELECT count(*) FROM applicants") == 4)
    }

    @Test func concurrentIntakeNeverRepeatsANumber() async throws {
        // Forty intakes queue on the agency's number: under Deploy/test's load the last can wait more than 10 s.
        let f = try await StoreFixture.make("intake-race", poolSize: 8, acquireTimeout: .seconds(60))
        let numbers = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<40 { group.addTask { try await f.store.register(f.intake(), by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency")).caseNumber } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(numbers).count == 40)
        #expect(Set(numbers) == Set((1...40).map { "市中区住建局依申〔2024〕第" + String(repeating: "0", count: 4 - String($0).count) + "\($0)号" }))
    }

    @Test func badIntakeSavesNothingAndNamesEachField() async throws {
        let f = try await StoreFixture.make("intake-bad")
        var intake = f.intake(applicant: Applicant(kind: .naturalPerson, name: " ", idType: "身份证", idNumber: "370103198001011234"))
        intake.subject = ""
        let error = await #expect(throws: LifecycleError.self) { try await f.store.register(intake, by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency")) }
        guard case .invalid(let problems) = error else { Issue.record("expected field problems"); return }
        #expect(Set(problems.map(\.field)) == ["applicant.name", "applicant.idNumber", "applicant.phone", "subject"])
        var unknownAgency = f.intake()
        unknownAgency.agencyID = 999
        await #expect(throws: LifecycleError.invalid([FieldProblem("agencyID", "There is no agency 999.", "没有编号为999的机关。")])) {
            try await f.store.register(unknownAgency, by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
        }
        #expect(try await f.count("SELECT count(*) FROM cases") == 0)
        #expect(try await f.count("SELECT count(*) FROM applicants") == 0)
    }

    @Test func twoConcurrentEventsOnOneCaseOneWins() async throws {
        let f = try await StoreFixture.make("event-race", poolSize: 4)
        let record = try await f.make([])
        let event = f.lifecycle.event(.assist(AssistRequest(department: "区档案馆", request: "查档")), on: f.d("2024-09-03"))
        let results = await withTaskGroup(of: Result<CaseStore.Record, any Error>.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    do { return .success(try await f.store.append(event, to: record.id, expectedVersion: 1, today: f.today, scope: .everything(reason: "tests see every agency"))) }
                    catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let failures = results.compactMap { if case .failure(let e) = $0 { return e } else { return nil } }
        #expect(results.count - failures.count == 1)
        #expect(failures.count == 1)
        #expect(failures.first as? LifecycleError == .staleVersion(expected: 1, actual: 2))
        #expect(try await f.count("SELECT count(*) FROM case_events WHERE case_id = \(record.id)") == 2)
    }

    @Test func aRefusedEventChangesNothing() async throws {
        let f = try await StoreFixture.make("refused")
        let record = try await f.make([])
        let archive = f.lifecycle.event(.archive(Note()), on: f.d("2024-09-03"))
        let error = await #expect(throws: LifecycleError.self) { try await f.store.append(archive, to: record.id, expectedVersion: 1, today: f.today, scope: .everything(reason: "tests see every agency")) }
        guard case .notAllowed(.archive, in: .registered, let allowed)? = error else { Issue.record("expected notAllowed"); return }
        #expect(allowed.contains(.reply))
        let future = f.lifecycle.event(.assist(AssistRequest(department: "档案馆", request: "查档")), on: f.d("2026-12-01"))
        await #expect(throws: LifecycleError.self) { try await f.store.append(future, to: record.id, expectedVersion: 1, today: f.today, scope: .everything(reason: "tests see every agency")) }
        await #expect(throws: CaseStoreError.caseNotFound(424242)) {
            try await f.store.append(archive, to: 424242, expectedVersion: 1, today: f.today, scope: .everything(reason: "tests see every agency"))
        }
        #expect(try await f.count("SELECT version FROM cases WHERE id = \(record.id)") == 1)
        #expect(try await f.count("SELECT count(*) FROM case_events") == 1)
    }

    @Test func historyCannotBeEditedOrDeleted() async throws {
        let f = try await StoreFixture.make("append-only")
        let record = try await f.make([])
        await #expect(throws: PostgresError.self) { try await f.pool.query("UPDATE case_events SET kind = 'withdraw' WHERE case_id = \(record.id)") }
        await #expect(throws: PostgresError.self) { try await f.pool.query("DELETE FROM case_events WHERE case_id = \(record.id)") }
        await #expect(throws: PostgresError.self) { try await f.pool.query("TRUNCATE case_events CASCADE") }
        #expect(try await f.count("SELECT count(*) FROM case_events") == 1)
    }

    @Test func recordTablesFollowTheSnapshot() async throws {
        let f = try await StoreFixture.make("records")
        let record = try await f.make([
            .startConsultation(ConsultationRequest(party: .thirdParty, name: "某公司", matter: "商业秘密")),
            .consultationAnswered(ConsultationAnswer(outcome: .objection)),
            .issueFeeNotice(FeeNotice(method: .perPage, pages: 45)),
        ])
        let consultation = try await f.pool.query("SELECT party, outcome, due_on FROM consultations WHERE case_id = \(record.id)").single()
        #expect(try consultation.decode(String.self, at: 0) == "third_party")
        #expect(try consultation.decode(String?.self, at: 1) == "objection")
        #expect(try consultation.decode(LocalDate.self, at: 2) == record.snapshot.consultations[0].dueOn)
        #expect(try await f.count("SELECT amount FROM fees WHERE case_id = \(record.id)") == 150)
    }

    @Test func theDetailMasksPersonalDataForOthers() async throws {
        let f = try await StoreFixture.make("detail")
        let record = try await f.make([.assist(AssistRequest(department: "区档案馆", request: "查档"))])
        let mine = try await f.store.detail(record.id, viewer: try await f.directory.viewer(for: f.officer))
        #expect(mine.personalDataShown)
        #expect(mine.applicant.idNumber == "370103198001011233")
        #expect(mine.events.map(\.event.kind) == [.register, .assist])
        #expect(mine.deadlines.map(\.kind).contains(.reply))
        // A colleague in the same agency who does not handle the case sees it masked.
        let colleague = try await f.directory.addUser(username: "zhao.lei", name: "赵磊", role: .officer, agencyID: f.agencies[1].id)
        let theirs = try await f.store.detail(record.id, viewer: try await f.directory.viewer(for: colleague))
        #expect(!theirs.personalDataShown)
        #expect(theirs.applicant.idNumber == "370*************33")
        #expect(theirs.applicant.phone == "138******00")
        #expect(theirs.applicant.name == "张*")
        #expect(!(theirs.applicant.address ?? "").contains("经七路1号"))
        // The agency's supervisor handles it.
        #expect(try await f.store.detail(record.id, viewer: try await f.directory.viewer(for: f.supervisor)).personalDataShown)
    }

    /// Applicant ids are sequential: an officer who names another agency's applicant by id must
    /// not get a case of their own that shows that applicant in full.
    @Test func anApplicantOnlyInAnotherAgencysCasesCannotBeTakenById() async throws {
        let f = try await StoreFixture.make("applicant-scope")
        let theirs = try await f.make([])
        let street = try await f.directory.addUser(username: "street.officer", name: "孙丽", role: .officer, agencyID: f.agencies[2].id)
        let outsider = try await f.directory.viewer(for: street)
        var intake = f.intake(agency: f.agencies[2].id)
        intake.applicant = nil
        intake.officerID = street.id
        intake.applicantID = theirs.snapshot.applicantID
        let error = await #expect(throws: LifecycleError.self) {
            try await f.store.register(intake, by: street.actor, today: f.today, scope: outsider.scope)
        }
        guard case .invalid(let problems)? = error else { return }
        #expect(problems.map(\.field) == ["applicantID"])
        #expect(try await f.count("SELECT count(*) FROM cases WHERE agency_id = \(f.agencies[2].id)") == 0)
        // The housing bureau's own officer may register a new application of the same applicant.
        intake.agencyID = f.agencies[1].id
        intake.officerID = f.officer.id
        let again = try await f.store.register(intake, by: f.officer.actor, today: f.today, scope: try await f.directory.viewer(for: f.officer).scope)
        #expect(again.snapshot.applicantID == theirs.snapshot.applicantID)
    }

    /// A case is handed only to an officer of its agency: one of another agency would see its
    /// applicant in full as the case's officer.
    @Test func aCaseGoesOnlyToAnOfficerOfItsAgency() async throws {
        let f = try await StoreFixture.make("officer-agency")
        let street = try await f.directory.addUser(username: "street.officer", name: "孙丽", role: .officer, agencyID: f.agencies[2].id)
        var intake = f.intake()
        intake.officerID = street.id
        let error = await #expect(throws: LifecycleError.self) {
            try await f.store.register(intake, by: f.supervisor.actor, today: f.today, scope: .agencies([f.agencies[1].id]))
        }
        guard case .invalid(let problems)? = error else { return }
        #expect(problems.map(\.field) == ["officerID"])
        // Assigned to the housing bureau as well, they may.
        try await f.directory.assign(user: street.id, toAgency: f.agencies[1].id)
        let record = try await f.store.register(intake, by: f.supervisor.actor, today: f.today, scope: .agencies([f.agencies[1].id]))
        #expect(record.snapshot.officerID == street.id)
    }

    @Test func everyoneSeesOnlyTheirAgenciesCases() async throws {
        let f = try await StoreFixture.make("visibility")
        let record = try await f.make([])
        let street = try await f.directory.addUser(username: "street.officer", name: "孙丽", role: .officer, agencyID: f.agencies[2].id)
        let outsider = try await f.directory.viewer(for: street)
        await #expect(throws: CaseStoreError.caseNotFound(record.id)) { try await f.store.detail(record.id, viewer: outsider) }
        #expect(try await f.store.list(CaseFilter(), today: f.today, scope: outsider.scope).total == 0)
        let event = f.lifecycle.event(.recordCommunication(Communication(method: .phone, summary: "询问进度")), on: f.d("2024-09-03"))
        await #expect(throws: CaseStoreError.caseNotFound(record.id)) {
            try await f.store.append(event, to: record.id, expectedVersion: 1, today: f.today, scope: outsider.scope)
        }
        await #expect(throws: CaseStoreError.notYourAgency(f.agencies[1].id)) {
            try await f.store.register(f.intake(), by: street.actor, today: f.today, scope: outsider.scope)
        }
        // Assigned to the housing bureau as well, the street officer sees its cases.
        try await f.directory.assign(user: street.id, toAgency: f.agencies[1].id)
        #expect(try await f.store.list(CaseFilter(), today: f.today, scope: try await f.directory.viewer(for: street).scope).total == 1)
        // The district office's supervisors see every agency's cases; a department's supervisor does not.
        let office = try await f.directory.addAgency(code: "szq-bgs", name: "济南市市中区人民政府办公室", shortName: "区政府办", kind: .office,
                                                     parentID: f.agencies[0].id, reconsiderationBody: "济南市市中区人民政府")
        let chief = try await f.directory.addUser(username: "office.chief", name: "周敏", role: .supervisor, agencyID: office.id)
        #expect(try await f.directory.viewer(for: chief).seesAll)
        #expect(try await f.store.list(CaseFilter(), today: f.today, scope: try await f.directory.viewer(for: chief).scope).total == 1)
        #expect(!(try await f.directory.viewer(for: f.supervisor).seesAll))
    }

    @Test func theListFiltersSortsAndPages() async throws {
        let f = try await StoreFixture.make("list")
        let old = try await f.store.register(f.intake(subject: "关于经七路拆迁补偿的信息"), by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
        var recent = f.intake(subject: "2026年低保名单", arrivedOn: "2026-11-24")
        recent.channel = .inPerson
        let new = try await f.store.register(recent, by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
        let replied = try await f.make([.reply(f.lifecycle.discloseDraft)])

        var filter = CaseFilter()
        filter.overdue = true
        #expect(try await f.store.list(filter, today: f.today, scope: .everything(reason: "tests see every agency")).cases.map(\.id) == [old.id])
        filter = CaseFilter()
        filter.dueWithinWorkingDays = 15
        // The new case's reply is due 2026-12-22, the 20th working day after 11-24: not within 15 working days of 11-29 …
        #expect(try await f.store.list(filter, today: f.today, scope: .everything(reason: "tests see every agency")).cases.isEmpty)
        filter.dueWithinWorkingDays = 20
        // … but within 20 (up to 2026-12-25).
        #expect(try await f.store.list(filter, today: f.today, scope: .everything(reason: "tests see every agency")).cases.map(\.id) == [new.id])
        #expect(try await f.store.list(filter, today: f.today, scope: .everything(reason: "tests see every agency")).cases.first?.nextDue == f.d("2026-12-22"))
        filter = CaseFilter()
        filter.text = "拆迁"
        #expect(try await f.store.list(filter, today: f.today, scope: .everything(reason: "tests see every agency")).cases.map(\.id) == [old.id])
        filter = CaseFilter()
        filter.states = [.replied]
        #expect(try await f.store.list(filter, today: f.today, scope: .everything(reason: "tests see every agency")).cases.map(\.id) == [replied.id])
        filter = CaseFilter()
        filter.disposition = .disclose
        #expect(try await f.store.list(filter, today: f.today, scope: .everything(reason: "tests see every agency")).total == 1)
        filter = CaseFilter()
        filter.pageSize = 2
        filter.sort = .number
        filter.descending = false
        let first = try await f.store.list(filter, today: f.today, scope: .everything(reason: "tests see every agency"))
        #expect(first.total == 3)
        #expect(first.cases.map(\.id) == [old.id, new.id])
        filter.page = 2
        #expect(try await f.store.list(filter, today: f.today, scope: .everything(reason: "tests see every agency")).cases.map(\.id) == [replied.id])
        let flagged = try await f.store.append(f.lifecycle.event(.flagComplex(Note("涉及三个部门的历史档案")), on: f.d("2026-11-25")),
                                               to: new.id, expectedVersion: 1, today: f.today, scope: .everything(reason: "tests see every agency"))
        #expect(flagged.snapshot.complex?.reason == "涉及三个部门的历史档案")
        filter = CaseFilter()
        filter.flaggedComplex = true
        #expect(try await f.store.list(filter, today: f.today, scope: .everything(reason: "tests see every agency")).cases.map(\.id) == [new.id])
        filter = CaseFilter()
        filter.receivedFrom = f.d("2026-01-01")
        #expect(try await f.store.list(filter, today: f.today, scope: .everything(reason: "tests see every agency")).cases.map(\.id) == [new.id])
    }

    @Test func theCasesReturnedForRevisionStayReturnedUntilSubmittedAgain() async throws {
        let f = try await StoreFixture.make("returned")
        let everything = Scope.everything(reason: "tests see every agency")
        let draft = f.lifecycle.partialDraft
        let returned = try await f.make([.submitForSignoff(draft), .returnForRevision(Note("请补充理由"))])
        // A call to the applicant after the return does not make the draft any less returned.
        let calledSince = try await f.make([.submitForSignoff(draft), .returnForRevision(Note("请补充理由")),
                                            .recordCommunication(Communication(method: .phone, summary: "告知正在修改"))])
        _ = try await f.make([.submitForSignoff(draft), .returnForRevision(Note("请补充理由")), .submitForSignoff(draft)])
        _ = try await f.make([.submitForSignoff(draft)])
        _ = try await f.make([])
        var filter = CaseFilter()
        filter.returnedForRevision = true
        filter.sort = .number
        filter.descending = false
        #expect(try await f.store.list(filter, today: f.today, scope: everything).cases.map(\.id) == [returned.id, calledSince.id])
        filter.agencyIDs = [f.agencies[2].id]
        #expect(try await f.store.list(filter, today: f.today, scope: everything).total == 0)
    }

    @Test func aListIsPlannedForItsValuesEveryTime() async throws {
        // One connection, so that its prepared statements are the ones asked about.
        let f = try await StoreFixture.make("custom-plans", poolSize: 1)
        _ = try await f.make([])
        var filter = CaseFilter()
        filter.officerID = f.officer.id
        filter.states = CaseState.allCases.filter(\.isOpen)
        filter.sort = .due
        for _ in 0..<8 {
            #expect(try await f.store.list(filter, today: f.today, scope: .agencies([f.agencies[1].id])).total == 1)
        }
        let plans = try await f.pool.query("""
            SELECT coalesce(sum(generic_plans), 0)::int, coalesce(sum(custom_plans), 0)::int
            FROM pg_prepared_statements WHERE statement LIKE '%FROM cases c WHERE%' AND statement NOT LIKE '%pg_prepared_statements%'
            """).single()
        #expect(try plans.decode(Int.self, at: 0) == 0)
        #expect(try plans.decode(Int.self, at: 1) >= 16)
    }

    @Test func theDashboardCountsOpenCasesByState() async throws {
        let f = try await StoreFixture.make("open-counts")
        _ = try await f.make([])
        _ = try await f.make([.reply(f.lifecycle.discloseDraft)])
        _ = try await f.make([.submitForSignoff(f.lifecycle.partialDraft)])
        let counts = try await f.store.openStateCounts(scope: .agencies([f.agencies[1].id]))
        #expect(counts == [.registered: 1, .pendingSignoff: 1])
        #expect(try await f.store.openStateCounts(scope: .agencies([f.agencies[2].id])).isEmpty)
    }

    @Test func earlierCasesOfTheSameApplicant() async throws {
        let f = try await StoreFixture.make("earlier")
        let first = try await f.store.register(f.intake(subject: "第一次申请"), by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
        let second = try await f.store.register(f.intake(subject: "第二次申请", arrivedOn: "2025-03-03"), by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
        let other = Applicant(kind: .naturalPerson, name: "李四", phone: "13900000000")
        _ = try await f.store.register(f.intake(subject: "别人的申请", applicant: other), by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
        let byNumber = try await f.store.earlierCases(idNumber: "370103198001011233", name: nil, phone: nil, scope: .everything(reason: "tests see every agency"))
        #expect(byNumber.map(\.id) == [second.id, first.id])
        let byNameAndPhone = try await f.store.earlierCases(idNumber: nil, name: "张三", phone: "13800138000", scope: .everything(reason: "tests see every agency"))
        #expect(byNameAndPhone.map(\.id) == [second.id, first.id])
        #expect(try await f.store.earlierCases(idNumber: nil, name: "张三", phone: nil, scope: .everything(reason: "tests see every agency")).isEmpty)
        let street = try await f.directory.addUser(username: "street.officer", name: "孙丽", role: .officer, agencyID: f.agencies[2].id)
        #expect(try await f.store.earlierCases(idNumber: "370103198001011233", name: nil, phone: nil,
                                               scope: try await f.directory.viewer(for: street).scope).isEmpty)
    }

    @Test func verifyFindsATamperedSnapshot() async throws {
        let f = try await StoreFixture.make("verify")
        let a = try await f.make([.assist(AssistRequest(department: "区档案馆", request: "查档"))])
        _ = try await f.make([.reply(f.lifecycle.discloseDraft)])
        #expect(try await f.store.verify().mismatches.isEmpty)
        try await f.pool.query("UPDATE cases SET state = 'closed', next_due = NULL WHERE id = \(a.id)")
        let report = try await f.store.verify(batchSize: 1)
        #expect(report.checked == 2)
        #expect(report.mismatches.map(\.caseID) == [a.id, a.id])
        #expect(report.mismatches[0].problem == "state is closed but the history gives in_progress")
    }

    /// The finding of issue 13: a history rewritten with the triggers switched off replays, but
    /// no longer matches what the audit trail recorded when each entry was written.
    @Test func verifyFindsAHistoryRewrittenBehindTheTriggers() async throws {
        let f = try await StoreFixture.make("verify-rewritten")
        let a = try await f.make([.recordCommunication(Communication(method: .phone, summary: "申请人来电询问进度"))])
        let b = try await f.make([.flagComplex(Note("涉及多个部门"))])
        #expect(try await f.store.verify().mismatches.isEmpty)
        try await f.pool.withConnection { connection in
            try await connection.execute("SET session_replication_role = replica")
            try await connection.execute("UPDATE case_events SET payload = jsonb_set(payload, '{summary}', '\"申请人同意撤回\"') WHERE case_id = \(a.id) AND seq = 2")
            try await connection.execute("DELETE FROM case_events WHERE case_id = \(b.id) AND seq = 2")
            try await connection.execute("RESET session_replication_role")
        }
        let problems = try await f.store.verify().mismatches.filter { $0.problem.contains("audit trail") }
        #expect(problems.map(\.caseID) == [a.id, b.id])
        #expect(problems.first?.problem.contains("entry 2 of its history differs") == true)
        #expect(problems.last?.problem.contains("entry 2 of its history is gone") == true)
    }

    /// A deadline that reaches next year is counted on the provisional year, never refused.
    @Test func intakeInDecemberCountsIntoAYearWithoutANotice() async throws {
        let f = try await StoreFixture.make("december")
        var late = f.intake(arrivedOn: "2026-12-21")
        late.registeredOn = f.d("2026-12-21")
        let record = try await f.store.register(late, by: f.officer.actor, today: f.d("2026-12-21"), scope: .everything(reason: "tests see every agency"))
        // 20 working days after Monday 2026-12-21, 元旦 (Friday 2027-01-01) off: 2027-01-19.
        #expect(record.snapshot.clock.due == f.d("2027-01-19"))
        let detail = try await f.store.detail(record.id, viewer: f.everyone)
        #expect(detail.deadlines.first { $0.kind == .reply }?.provisional?.years == [2027])
        var filter = CaseFilter()
        filter.dueWithinWorkingDays = 25
        let listed = try await f.store.list(filter, today: f.d("2026-12-21"), scope: .everything(reason: "tests see every agency"))
        #expect(listed.cases.map(\.id) == [record.id])
        #expect(listed.cases.first?.provisional?.years == [2027] && listed.cases.first?.remainingWorkingDays == 20)
    }

    /// domain.md §5: importing a year recomputes every case whose dates it moves, each with an
    /// entry in its history naming old and new dates and the notice; verify still holds.
    @Test func importingANoticeRecomputesTheCasesItMoves() async throws {
        let f = try await StoreFixture.make("recompute")
        let admin = try await f.directory.addUser(username: "admin", name: "管理员", role: .administrator, agencyID: f.agencies[0].id)
        let today = f.d("2026-12-28")
        func register(_ day: String) async throws -> CaseStore.Record {
            try await f.store.register(f.intake(arrivedOn: day), by: f.officer.actor, today: today, scope: .everything(reason: "tests see every agency"))
        }
        let open = try await register("2026-12-14")
        let settled = try await register("2026-11-02")
        var replied = try await register("2026-12-10")
        replied = try await f.store.append(CaseEvent(.reply(f.lifecycle.discloseDraft), on: f.d("2026-12-22"), by: f.officer.actor),
                                           to: replied.id, expectedVersion: 1, today: today, scope: .everything(reason: "tests see every agency"))
        #expect(open.snapshot.clock.due == f.d("2027-01-12"))
        #expect(replied.snapshot.clock.due == f.d("2027-01-08"))

        var notice = StatutoryHolidays.provisionalYear(2027)
        notice.notice = "国务院办公厅关于2027年部分节假日安排的通知（测试）"
        notice.holidays.append(.init(name: "元旦调休", first: f.d("2027-01-04"), last: f.d("2027-01-05")))
        let outcome = try await f.store.calendars.importYears([notice], by: admin.actor, today: today)
        #expect(outcome.changedDays == f.d("2027-01-04")...f.d("2027-01-05"))
        #expect(outcome.moved == 2 && outcome.movedEarlier == 0)
        #expect(outcome.examined == 3)

        let events = try await f.store.events(of: open.id)
        guard case .recomputeDeadlines(let entry)? = events.last?.event.payload else {
            Issue.record("no recomputation entry: \(events.map(\.event.kind))")
            return
        }
        #expect(entry.year == 2027 && entry.notice.contains("测试"))
        #expect(entry.changes == [DeadlineChange(kind: .reply, from: f.d("2027-01-12"), to: f.d("2027-01-14"))])
        #expect(events.last?.event.actor == admin.actor && events.last?.event.on == today)
        let now = try await f.store.detail(open.id, viewer: f.everyone)
        #expect(now.snapshot.clock.due == f.d("2027-01-14") && now.deadlines.first?.provisional == nil)
        #expect(try await f.store.events(of: settled.id).count == 1)
        #expect(try await f.store.detail(replied.id, viewer: f.everyone).snapshot.clock.due == f.d("2027-01-12"))
        #expect(try await f.store.verify().mismatches.isEmpty)

        // The officer sees it on the dashboard; closed cases are not listed there.
        let moved = try await f.store.movedDeadlines(officer: f.officer.id, since: today.adding(days: -30))
        #expect(moved.map(\.caseID) == [open.id])
        // The same notice again moves nothing.
        let again = try await f.store.calendars.importYears([notice], by: admin.actor, today: today)
        #expect(again.changedDays == nil && again.moved == 0)
        #expect(try await f.store.events(of: open.id).count == events.count)
    }

    @Test func anImportThatWouldMoveCasesNeedsAnAdministratorAndSavesNothingWithout() async throws {
        let f = try await StoreFixture.make("recompute-actor")
        _ = try await f.store.register(f.intake(arrivedOn: "2026-12-14"), by: f.officer.actor, today: f.d("2026-12-28"), scope: .everything(reason: "tests see every agency"))
        var notice = StatutoryHolidays.provisionalYear(2027)
        notice.holidays.append(.init(name: "元旦调休", first: f.d("2027-01-04"), last: f.d("2027-01-05")))
        await #expect(throws: CalendarImportError.self) {
            try await f.store.calendars.importYears([notice], by: nil, today: f.d("2026-12-28"))
        }
        #expect(try await f.count("SELECT count(*) FROM calendar_years") == 0)
    }

    /// After an upgrade whose lifecycle computes snapshots differently, the stored ones are
    /// rebuilt from their histories, once.
    @Test func outdatedSnapshotsAreRebuiltFromTheirHistories() async throws {
        let f = try await StoreFixture.make("refresh")
        let replied = try await f.make([.reply(f.lifecycle.discloseDraft)])
        // A snapshot as the previous version stored it: the clock still running after the reply.
        try await f.pool.query("""
            UPDATE cases SET snapshot = jsonb_set(snapshot #- '{clock,endedOn}' #- '{clock,endReason}', '{clock,segments,0,through}', 'null')
            WHERE id = \(replied.id)
            """)
        #expect(try await !f.store.verify().mismatches.isEmpty)
        try await f.pool.query("UPDATE snapshot_version SET version = 1")
        #expect(try await f.store.refreshSnapshotsIfOutdated() == 1)
        #expect(try await f.store.verify().mismatches.isEmpty)
        #expect(try await f.store.refreshSnapshotsIfOutdated() == nil)
        #expect(try await f.store.events(of: replied.id).count == 2)
    }

    /// Random legal histories written through the store read back as the same case.
    @Test func randomHistoriesReplayToTheStoredSnapshot() async throws {
        let f = try await StoreFixture.make("property")
        await propertyCheck(count: 25, input: Gen.int(in: 0...999).array(of: 1...12)) { choices in
            var record = try await f.store.register(f.intake(), by: f.officer.actor, today: f.today, scope: .everything(reason: "tests see every agency"))
            for choice in choices {
                let allowed = Lifecycle.allowedEvents(in: record.snapshot.state).filter { !$0.isRecordedBySystem }
                let events = try f.lifecycle.scenario(allowed[choice % allowed.count], for: record.snapshot)
                guard (try? f.lifecycle.apply(events, to: record.snapshot)) != nil else { continue }
                for event in events {
                    record = try await f.store.append(event, to: record.id, expectedVersion: record.snapshot.version, today: f.today, scope: .everything(reason: "tests see every agency"))
                }
            }
            let history = try await f.store.events(of: record.id).map(\.event)
            #expect(try Lifecycle.replay(history, calendar: f.lifecycle.calendar) == record.snapshot)
            #expect(try await f.store.detail(record.id, viewer: f.everyone).snapshot == record.snapshot)
        }
        #expect(try await f.store.verify().mismatches.isEmpty)
    }
}
