import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ
import LifecycleTestSupport
import PostgresTestSupport

/// A fresh, migrated database with three agencies and an officer and a supervisor.
struct StoreFixture: Sendable {
    /// As the owner of the tables, whom row-level security does not hold.
    let pool: ConnectionPool
    let configuration: ConnectionConfiguration
    let store: CaseStore
    let directory: DirectoryStore
    let agencies: [Agency]
    let officer: User
    let supervisor: User
    let lifecycle: LifecycleFixtures

    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Schema")

    /// `acquireTimeout`: longer for a test of many writes at once, which on a loaded machine
    /// may wait longer than the service's 10 s for a connection without anything being wrong.
    static func make(_ label: String, poolSize: Int = 4, acquireTimeout: Duration = .seconds(10)) async throws -> StoreFixture {
        let configuration = try await TestPostgres.freshDatabase(label)
        let pool = ConnectionPool(.init(connection: configuration, size: poolSize, acquireTimeout: acquireTimeout))
        try await Migrator(directory: schema).migrate(pool)
        let directory = DirectoryStore(pool: pool)
        let district = try await directory.addAgency(code: "szq", name: "济南市市中区人民政府", shortName: "市中区政府", kind: .government,
                                                     parentID: nil, reconsiderationBody: "济南市人民政府")
        let housing = try await directory.addAgency(code: "szq-zjj", name: "济南市市中区住房和城乡建设局", shortName: "市中区住建局",
                                                    kind: .department, parentID: district.id, reconsiderationBody: "济南市市中区人民政府")
        let street = try await directory.addAgency(code: "szq-qls", name: "济南市市中区七里山街道办事处", shortName: "七里山街道",
                                                   kind: .street, parentID: district.id, reconsiderationBody: "济南市市中区人民政府",
                                                   caseNumberFormat: "{short}〔{year}〕依申{seq}号")
        let officer = try await directory.addUser(username: "wang.fang", name: "王芳", role: .officer, agencyID: housing.id)
        let supervisor = try await directory.addUser(username: "li.qiang", name: "李强", role: .supervisor, agencyID: housing.id)
        // The officer also works the street's and the district's cases, which many tests register.
        for agency in [street.id, district.id] { try await directory.assign(user: officer.id, toAgency: agency) }
        let store = CaseStore(pool: pool, calendars: CalendarStore(pool: pool))
        return StoreFixture(pool: pool, configuration: configuration, store: store, directory: directory, agencies: [district, housing, street],
                            officer: officer, supervisor: supervisor,
                            lifecycle: LifecycleFixtures(officer: officer.actor, supervisor: supervisor.actor,
                                                         agencies: [housing.id, street.id, district.id]))
    }

    func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    /// The officer's user, seeing every agency's cases, for tests that look at what was stored.
    var everyone: Viewer { Viewer(user: officer, scope: .everything(reason: "tests see every agency")) }

    var today: LocalDate { d("2026-11-29") }

    func intake(subject: String = "申请公开某小区旧城改造项目的征收补偿方案", arrivedOn: String = "2024-09-02",
                agency: Int64? = nil, applicant: Applicant? = nil) -> Intake {
        Intake(applicant: applicant ?? Applicant(kind: .naturalPerson, name: "张三", idType: "身份证", idNumber: "370103198001011233",
                                                 phone: "13800138000", address: "济南市市中区经七路1号"),
               agencyID: agency ?? agencies[1].id, officerID: officer.id, channel: .registeredPost, arrivedOn: d(arrivedOn),
               subject: subject, description: "请提供该项目房屋征收补偿方案及批准文件", registeredOn: d(arrivedOn))
    }

    /// Registers a case and applies the payloads one day apart through the store.
    func make(_ payloads: [EventPayload]) async throws -> CaseStore.Record {
        var record = try await store.register(intake(), by: officer.actor, today: today, scope: .everything(reason: "tests see every agency"))
        for payload in payloads {
            let event = lifecycle.event(payload, on: record.snapshot.lastEventOn.adding(days: 1))
            record = try await store.append(event, to: record.id, expectedVersion: record.snapshot.version, today: today, scope: .everything(reason: "tests see every agency"))
        }
        return record
    }

    /// A library of `entries`, added by the officer, with its suggestion terms refreshed; their ids in order.
    static func library(_ label: String, _ entries: [LibraryEntry]) async throws -> (LibraryStore, [Int64]) {
        let f = try await make(label)
        let store = LibraryStore(pool: f.pool)
        var ids: [Int64] = []
        for entry in entries { ids.append(try await store.add(entry, by: f.officer)) }
        try await store.refreshTerms()
        return (store, ids)
    }

    func count(_ sql: Query) async throws -> Int {
        try await pool.query(sql).single().decode(Int.self, at: 0)
    }
}
