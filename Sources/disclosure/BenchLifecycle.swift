import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ

/// `disclosure bench lifecycle`: intake plus four events per case through CaseStore, beside
/// pgbench running the same statements (transactions, reads, writes, record tables) on the
/// same throwaway cluster in the same run.
struct BenchLifecycle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifecycle",
        abstract: "Cases and events per second through the case store beside pgbench running the equivalent SQL.")

    @Option(help: "Seconds per measurement.") var seconds: Int = 10
    @Option(help: "Concurrent tasks (and pgbench clients).") var tasks: Int = 16
    @Option(help: "Connections in the store's pool.") var pool: Int = 16

    static let today = LocalDate(year: 2024, month: 11, day: 29)!
    static let days = ["2024-10-08", "2024-10-09", "2024-10-10", "2024-10-11", "2024-10-14"].map { LocalDate(iso: $0)! }

    func run() async throws {
        try await reportingFailures {
            try await onThrowawayCluster("bench-lifecycle", durability: .durable) { cluster in try await measure(cluster) }
        }
    }

    func measure(_ cluster: LocalCluster) async throws {
        let owner = try await benchDatabase(cluster, poolSize: pool)
        let directory = try await DemoDirectory.seed(owner)
        let agency = directory.agencies.first { $0.code == "szq-zjj" }!
        let officer = directory.officers(of: agency.id)[0]
        let service = benchPool(cluster.connectionConfiguration(database: "bench").as(user: DatabaseTarget.serviceRole), size: pool)

        print("bench lifecycle: \(seconds) s per run; intake + 4 events (assist, assist_returned, reply, record_delivery) per case; "
              + "store: \(tasks) tasks on a pool of \(pool), as the owner (row-level security does not apply) and as the service's role "
              + "(every statement carrying its scope); pgbench: -c \(tasks) -j 2 -M prepared, the same statements; fsync on")
        let withoutRLS = try await casesPerSecond(CaseStore(pool: owner, calendars: CalendarStore(pool: owner)), agency: agency.id, officer: officer)
        let withRLS = try await casesPerSecond(CaseStore(pool: service, calendars: CalendarStore(pool: service)), agency: agency.id, officer: officer)
        await owner.close()
        await service.close()

        let script = try pgbenchScript(agency: agency.id, officer: officer)
        let theirs = try PgBench(cluster: cluster, database: "bench", seconds: seconds).tps(script: script, clients: tasks)
        print(String(format: "store without RLS  %7.1f cases/s  %7.1f events/s", withoutRLS, withoutRLS * 5))
        print(String(format: "store with RLS     %7.1f cases/s  %7.1f events/s   %+.1f %% (goal: under 10 %% slower)",
                     withRLS, withRLS * 5, (withRLS / withoutRLS - 1) * 100))
        print(String(format: "pgbench            %7.1f cases/s  %7.1f events/s   ratio %.2f (goal ≥ 0.50, store with RLS)", theirs, theirs * 5, withRLS / theirs))
    }

    /// Cases (each with its four events) per second through `store`, with `tasks` at once.
    func casesPerSecond(_ store: CaseStore, agency: Int64, officer: User) async throws -> Double {
        _ = try await oneCase(store, agency: agency, officer: officer)  // warm up: prepare, load the calendar
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let done = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        _ = try await oneCase(store, agency: agency, officer: officer)
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(done) / (ContinuousClock.now - started).seconds
    }

    static func events(officer: User) -> [EventPayload] {
        [
            .assist(AssistRequest(department: "区档案馆", request: "协助查找1998年经七路片区征收档案")),
            .assistReturned(ItemReference(note: "已提供档案复印件")),
            .reply(ReplyDraft(disposition: .disclose, provision: .paper)),
            .recordDelivery(DeliveryRecord(method: .post, reference: "EMS1234567890")),
        ]
    }

    static func intake(agency: Int64, officer: User) -> Intake {
        Intake(applicant: Applicant(kind: .naturalPerson, name: "张三", idType: "身份证", idNumber: "370103198001011233",
                                    phone: "13800138000", address: "济南市市中区经七路1号"),
               agencyID: agency, officerID: officer.id, channel: .registeredPost, arrivedOn: days[0],
               subject: "申请公开经七路片区旧城改造项目房屋征收补偿方案", description: "请提供该片区房屋征收补偿方案及区政府批准文件",
               registeredOn: days[0])
    }

    func oneCase(_ store: CaseStore, agency: Int64, officer: User) async throws -> Int64 {
        var record = try await store.register(Self.intake(agency: agency, officer: officer), by: officer.actor, today: Self.today, scope: .agencies([agency]))
        for (i, payload) in Self.events(officer: officer).enumerated() {
            record = try await store.append(CaseEvent(payload, on: Self.days[i + 1], by: officer.actor), to: record.id,
                                            expectedVersion: record.snapshot.version, today: Self.today, scope: .agencies([agency]))
        }
        return record.id
    }

    /// The statements CaseStore sends for one case, with the JSON it sends, as a pgbench script.
    func pgbenchScript(agency: Int64, officer: User) throws -> String {
        let calendar = try WorkCalendar(CalendarYear.official)
        let intake = Self.intake(agency: agency, officer: officer)
        var snapshots: [CaseSnapshot] = []
        var events: [CaseEvent] = [CaseEvent(.register(intake.registration(applicantID: 1, kind: .naturalPerson)), on: Self.days[0], by: officer.actor)]
        snapshots.append(try Lifecycle.apply(events[0], to: nil, calendar: calendar))
        for (i, payload) in Self.events(officer: officer).enumerated() {
            events.append(CaseEvent(payload, on: Self.days[i + 1], by: officer.actor))
            snapshots.append(try Lifecycle.apply(events.last!, to: snapshots.last!, calendar: calendar))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // pgbench reads `:name` as a variable, so keys are followed by a space; the JSON is the same.
        func sqlText(_ json: Data) -> String {
            "'" + String(decoding: json, as: UTF8.self).replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\":", with: "\": ") + "'"
        }
        func literal(_ value: some Encodable) throws -> String { sqlText(try encoder.encode(value)) }
        func payload(_ event: CaseEvent) throws -> String {
            let whole = try JSONSerialization.jsonObject(with: try encoder.encode(event)) as! [String: Any]
            return sqlText(try JSONSerialization.data(withJSONObject: whole["payload"]!, options: [.sortedKeys, .withoutEscapingSlashes]))
        }
        let stamp = "(SELECT coalesce(max(imported_at)::text, '') || count(*)::text FROM calendar_years)"
        let a = intake.applicant!
        let first = snapshots[0]
        var script = """
            BEGIN;
            SELECT pg_advisory_xact_lock_shared(\(CalendarStore.lockKey));
            SELECT \(stamp);
            SELECT 1 FROM agencies WHERE id = \(agency);
            SELECT 1 FROM users u WHERE u.id = \(officer.id) AND u.active AND u.role IN ('officer', 'supervisor') AND (u.agency_id = \(agency) OR EXISTS (SELECT 1 FROM user_agencies g WHERE g.user_id = u.id AND g.agency_id = \(agency)));
            SELECT nextval(pg_get_serial_sequence('applicants', 'id')) AS applicant_id \\gset
            INSERT INTO applicants (id, kind, name, id_type, id_number, phone, email, address) VALUES (:applicant_id, '\(a.kind.rawValue)', '\(a.name)', '\(a.idType!)', '\(a.idNumber!)', '\(a.phone!)', NULL, '\(a.address!)');
            WITH counter AS (INSERT INTO case_number_counters (agency_id, year, last_number) VALUES (\(agency), 2024, 1) ON CONFLICT (agency_id, year) DO UPDATE SET last_number = case_number_counters.last_number + 1 RETURNING last_number) SELECT counter.last_number, a.short_name, a.name, a.case_number_format FROM counter, agencies a WHERE a.id = \(agency);
            INSERT INTO cases (case_number, applicant_id, description, snapshot, \(CaseColumnLiterals.names)) VALUES ('pgbench-' || :applicant_id, :applicant_id, '\(intake.description)', \(try literal(first)), \(CaseColumnLiterals.values(first))) RETURNING id AS case_id \\gset
            INSERT INTO case_events (case_id, seq, kind, occurred_on, actor_id, actor_role, payload) VALUES (:case_id, 1, 'register', '\(events[0].on)', \(officer.id), 'officer', \(try payload(events[0])));
            COMMIT;

            """
        for i in 1..<events.count {
            let s = snapshots[i]
            script += """
                BEGIN;
                SELECT pg_advisory_xact_lock_shared(\(CalendarStore.lockKey));
                SELECT case_number, version, snapshot, \(stamp) FROM cases WHERE id = :case_id FOR UPDATE;
                INSERT INTO case_events (case_id, seq, kind, occurred_on, actor_id, actor_role, payload) VALUES (:case_id, \(i + 1), '\(events[i].kind.rawValue)', '\(events[i].on)', \(officer.id), 'officer', \(try payload(events[i])));
                UPDATE cases SET \(CaseColumnLiterals.assignments(s)), snapshot = \(try literal(s)) WHERE id = :case_id;

                """
            switch events[i].kind {
            case .assist, .assistReturned:
                script += """
                    DELETE FROM assists WHERE case_id IN (SELECT c.id FROM cases c WHERE c.id = :case_id);
                    INSERT INTO assists (case_id, n, department, asked_on, due_on, returned_on) SELECT c.id, e.n, e.x->>'department', (e.x->>'askedOn')::date, (e.x->>'dueOn')::date, (e.x->>'returnedOn')::date FROM cases c, jsonb_array_elements(c.snapshot->'assists') WITH ORDINALITY AS e(x, n) WHERE c.id = :case_id;

                    """
            case .recordDelivery:
                script += """
                    DELETE FROM deliveries WHERE case_id IN (SELECT c.id FROM cases c WHERE c.id = :case_id);
                    INSERT INTO deliveries (case_id, n, method, delivered_on, reference) SELECT c.id, e.n, e.x->>'method', (e.x->>'on')::date, e.x->>'reference' FROM cases c, jsonb_array_elements(c.snapshot->'deliveries') WITH ORDINALITY AS e(x, n) WHERE c.id = :case_id;

                    """
            default: break
            }
            script += "COMMIT;\n"
        }
        return script
    }
}
