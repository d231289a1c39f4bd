import DisclosureCore
import DisclosureStore
import LibPQ
import Testing

/// Schema 0019: the service's role sees another agency's rows nowhere, whatever SQL it sends,
/// and cannot switch the walls (or the history's triggers) off.
@Suite struct RowLevelSecurityTests {
    /// A housing case and a street case, each with events, a record-table row and an applicant.
    func fixture(_ label: String) async throws -> (StoreFixture, housing: CaseStore.Record, street: CaseStore.Record) {
        let f = try await StoreFixture.make(label)
        let housing = try await f.make([.startConsultation(ConsultationRequest(party: .thirdParty, name: "某公司", matter: "是否涉及商业秘密"))])
        var intake = f.intake(subject: "申请公开七里山街道低保名单", agency: f.agencies[2].id,
                              applicant: Applicant(kind: .naturalPerson, name: "李四", phone: "13900000000"))
        intake.officerID = f.officer.id
        let street = try await f.store.register(intake, by: f.officer.actor, today: f.today, scope: .everything(reason: "test setup"))
        return (f, housing, street)
    }

    func servicePool(_ f: StoreFixture) -> ConnectionPool {
        ConnectionPool(.init(connection: f.configuration.as(user: DatabaseTarget.serviceRole), size: 1, acquireTimeout: .seconds(60), statementConnections: 1))
    }

    @Test func handWrittenSQLAsTheServiceSeesOnlyItsScope() async throws {
        let (f, housing, street) = try await fixture("rls-sql")
        let service = servicePool(f)
        func ids(_ sql: Query, _ scope: Scope?) async throws -> Set<Int64> {
            let run = { Set(try await service.query(sql).map { try $0.decode(Int64.self, at: 0) }) }
            guard let scope else { return try await run() }
            return try await scope.run(run)
        }
        let housingOnly = Scope.agencies([f.agencies[1].id])
        #expect(try await ids("SELECT id FROM cases", housingOnly) == [housing.id])
        #expect(try await ids("SELECT DISTINCT case_id FROM case_events", housingOnly) == [housing.id])
        #expect(try await ids("SELECT case_id FROM consultations", housingOnly) == [housing.id])
        #expect(try await ids("SELECT id FROM applicants", housingOnly) == [housing.snapshot.applicantID!])
        #expect(try await ids("SELECT id FROM cases", .agencies([f.agencies[2].id])) == [street.id])
        #expect(try await ids("SELECT id FROM cases", .everything(reason: "test")) == [housing.id, street.id])
        // No scope at all sees nothing.
        #expect(try await ids("SELECT id FROM cases", nil).isEmpty)
        #expect(try await ids("SELECT id FROM applicants", nil).isEmpty)
        // Changing another agency's case changes nothing.
        let changed = try await housingOnly.run { try await service.query("UPDATE cases SET subject = 'x' WHERE id = \(street.id)").affectedRows }
        #expect(changed == 0)
        #expect(try await f.pool.query("SELECT subject FROM cases WHERE id = \(street.id)").single().decode(String.self, at: 0) != "x")
        // Inserting into another agency is refused.
        await #expect(throws: PostgresError.self) {
            try await housingOnly.run {
                try await service.query("""
                    INSERT INTO case_events (case_id, seq, kind, occurred_on, actor_id, actor_role, payload)
                    VALUES (\(street.id), 99, 'flag_complex', '2024-09-10', \(f.officer.id), 'officer', '{}')
                    """)
            }
        }
        await service.close()
    }

    @Test func theServiceCannotSwitchTheWallsOrTheHistorysTriggersOff() async throws {
        let (f, housing, _) = try await fixture("rls-bypass")
        let service = servicePool(f)
        let everything = Scope.everything(reason: "test")
        for statement: Query in ["SET session_replication_role = replica", "ALTER TABLE cases DISABLE ROW LEVEL SECURITY",
                                 "ALTER TABLE case_events DISABLE TRIGGER USER",
                                 "UPDATE case_events SET payload = '{}' WHERE case_id = \(housing.id)",
                                 "DELETE FROM case_events WHERE case_id = \(housing.id)", "UPDATE audit_log SET kind = 'x'",
                                 "SELECT * FROM demo_credentials", "DELETE FROM schema_migrations"] {
            await #expect(throws: PostgresError.self, "\(statement.sql)") { try await everything.run { try await service.query(statement) } }
        }
        let role = try await service.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user").single()
        #expect(try role.decode(Bool.self, at: 0) == false && role.decode(Bool.self, at: 1) == false)
        await service.close()
    }

    /// Two callers with different scopes, their statements batched into one transaction by the
    /// pool (one connection), each see their own agency's cases only.
    @Test func callersWithDifferentScopesBatchedTogetherEachSeeTheirOwn() async throws {
        let (f, housing, street) = try await fixture("rls-batch")
        let service = servicePool(f)
        let store = CaseStore(pool: service, calendars: CalendarStore(pool: service))
        async let slow = service.query("SELECT pg_sleep(0.3)")
        try await Task.sleep(for: .milliseconds(100))
        let seen = try await withThrowingTaskGroup(of: (Int64, Set<Int64>, String).self) { group in
            for n in 0..<12 {
                let agency = n % 2 == 0 ? f.agencies[1].id : f.agencies[2].id
                group.addTask {
                    let scope = Scope.agencies([agency])
                    let listed = try await store.list(CaseFilter(), today: f.today, scope: scope).cases.map(\.id)
                    let raw = try await scope.run { try await service.query("SELECT string_agg(id::text, ',') FROM cases").single().decode(String.self, at: 0) }
                    return (agency, Set(listed), raw)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        _ = try await slow
        for (agency, listed, raw) in seen {
            let expected = agency == f.agencies[1].id ? housing.id : street.id
            #expect(listed == [expected])
            #expect(raw == String(expected))
        }
        await service.close()
    }
}
