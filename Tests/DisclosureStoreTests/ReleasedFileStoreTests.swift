import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ
import Testing

/// The files released with a reply, run as the service's role so that Schema 0032's walls
/// apply: kept whole with their hash, seen only in the case's scope, added and withdrawn only
/// while the case is open, and never changed or deleted.
@Suite struct ReleasedFileStoreTests {
    static let pdf: [UInt8] = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x41, count: 3000)

    struct Setup {
        let f: StoreFixture
        let service: ConnectionPool
        let files: ReleasedFileStore
        let cases: CaseStore
    }

    func setup(_ label: String) async throws -> Setup {
        let f = try await StoreFixture.make(label)
        let service = ConnectionPool(.init(connection: f.configuration.as(user: DatabaseTarget.serviceRole), size: 2, acquireTimeout: .seconds(60)))
        return Setup(f: f, service: service, files: ReleasedFileStore(pool: service), cases: CaseStore(pool: service, calendars: CalendarStore(pool: service)))
    }

    @Test func aFileIsKeptWholeWithItsHashAndSeenOnlyInItsCasesScope() async throws {
        let s = try await setup("released-scope")
        let record = try await s.f.make([])
        let housing = Scope.agencies([s.f.agencies[1].id]), street = Scope.agencies([s.f.agencies[2].id])
        let added = try await s.files.add(caseID: record.id, fileName: "补偿方案.pdf", kind: .pdf, bytes: Self.pdf, by: s.f.officer.id, scope: housing)
        #expect(added.caseID == record.id && added.fileName == "补偿方案.pdf" && added.size == Self.pdf.count && !added.isWithdrawn)
        // The hash of the bytes sent, as `sha256sum` gives it for "%PDF-1.7\n" and 3000 × "A".
        #expect(added.sha256 == "4ea2e4a091c23164df1ea60a79fb29b847ec0e7c30a86d4ab0268df37df875e6")
        let (info, content) = try #require(try await s.files.file(added.id, scope: housing))
        #expect(info == added && [UInt8](content) == Self.pdf)
        #expect(try await s.files.list(caseID: record.id, scope: housing) == [added])

        // Another agency's scope sees neither the list, nor the file, nor can it add or withdraw.
        #expect(try await s.files.list(caseID: record.id, scope: street).isEmpty)
        #expect(try await s.files.file(added.id, scope: street) == nil)
        await #expect(throws: CaseStoreError.caseNotFound(record.id)) {
            _ = try await s.files.add(caseID: record.id, fileName: "x.pdf", kind: .pdf, bytes: Self.pdf, by: s.f.officer.id, scope: street)
        }
        #expect(try await s.files.withdraw(added.id, by: s.f.officer.id, scope: street) == nil)
        #expect(try await s.f.count("SELECT count(*) FROM released_files WHERE withdrawn_at IS NOT NULL") == 0)
    }

    @Test func aWithdrawnFileStaysOnRecordAndTheFirstWithdrawalCounts() async throws {
        let s = try await setup("released-withdraw")
        let record = try await s.f.make([])
        let scope = Scope.agencies([s.f.agencies[1].id])
        let added = try await s.files.add(caseID: record.id, fileName: "错传.pdf", kind: .pdf, bytes: Self.pdf, by: s.f.officer.id, scope: scope)
        let first = try #require(try await s.files.withdraw(added.id, by: s.f.officer.id, scope: scope))
        #expect(first.isWithdrawn && first.withdrawnBy == s.f.officer.id)
        let again = try #require(try await s.files.withdraw(added.id, by: s.f.supervisor.id, scope: scope))
        #expect(again.withdrawnAt == first.withdrawnAt && again.withdrawnBy == s.f.officer.id)
        #expect(try await s.files.list(caseID: record.id, scope: scope).map(\.id) == [added.id])
        #expect(try await s.files.withdraw(999_999, by: s.f.officer.id, scope: scope) == nil)
    }

    @Test func fromTheReplyOnTheListIsFixed() async throws {
        let s = try await setup("released-fixed")
        let scope = Scope.agencies([s.f.agencies[1].id])
        let record = try await s.f.make([])
        let kept = try await s.files.add(caseID: record.id, fileName: "方案.pdf", kind: .pdf, bytes: Self.pdf, by: s.f.officer.id, scope: scope)
        _ = try await s.cases.append(CaseEvent(.reply(ReplyDraft(disposition: .disclose, provision: .electronic)), on: s.f.d("2026-11-27"), by: s.f.officer.actor),
                                     to: record.id, expectedVersion: record.snapshot.version, today: s.f.today, scope: scope)
        do {
            _ = try await s.files.add(caseID: record.id, fileName: "迟到.pdf", kind: .pdf, bytes: Self.pdf, by: s.f.officer.id, scope: scope)
            Issue.record("a file was added after the reply")
        } catch LifecycleError.invalid(let problems) {
            #expect(problems.map(\.chinese) == ["本案已答复或办结，随答复提供的信息已经确定，不能再增加文件。"])
        }
        do {
            _ = try await s.files.withdraw(kept.id, by: s.f.officer.id, scope: scope)
            Issue.record("a file was withdrawn after the reply")
        } catch LifecycleError.invalid(let problems) {
            #expect(problems.map(\.field) == ["file"])
        }
        #expect(try await s.files.list(caseID: record.id, scope: scope) == [kept])
    }

    /// Not even the tables' owner changes a file's content or name, or deletes it; the service's
    /// role may not delete at all.
    @Test func theDatabaseRefusesAnyChangeButTheWithdrawal() async throws {
        let s = try await setup("released-trigger")
        let scope = Scope.agencies([s.f.agencies[1].id])
        let record = try await s.f.make([])
        let added = try await s.files.add(caseID: record.id, fileName: "方案.pdf", kind: .pdf, bytes: Self.pdf, by: s.f.officer.id, scope: scope)
        for statement: Query in [
            "UPDATE released_files SET content = '\\x255044462d'::bytea, size = 5 WHERE id = \(added.id)",
            "UPDATE released_files SET file_name = 'other.pdf' WHERE id = \(added.id)",
            "DELETE FROM released_files WHERE id = \(added.id)",
        ] {
            await #expect(throws: PostgresError.self) { _ = try await s.f.pool.query(statement) }
        }
        await #expect(throws: PostgresError.self) {
            try await scope.run { _ = try await s.service.query("DELETE FROM released_files WHERE id = \(added.id)") }
        }
        let (info, content) = try #require(try await s.files.file(added.id, scope: scope))
        #expect(info.fileName == "方案.pdf" && [UInt8](content) == Self.pdf)
        // The content must be what its size says, and of the three kinds.
        await #expect(throws: PostgresError.self) {
            _ = try await s.f.pool.query("""
                INSERT INTO released_files (case_id, file_name, content_type, size, content, uploaded_by)
                VALUES (\(record.id), 'a.html', 'text/html', 4, '\\x3c68746d'::bytea, \(s.f.officer.id))
                """)
        }
    }
}
