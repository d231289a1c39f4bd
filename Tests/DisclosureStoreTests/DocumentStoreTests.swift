import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ
import Testing

/// Letters in the database: numbering per agency, kind and year without repeats, and final
/// letters frozen by the trigger.
@Suite struct DocumentStoreTests {
    func draft(_ kind: LetterKind = .correction, date: String = "2024-09-03", body: [String] = ["第一段。", "第二段。"]) -> LetterDraft {
        LetterDraft(kind: kind, title: kind.title, recipient: "张三", paragraphs: body, date: LocalDate(iso: date)!, signer: "济南市市中区住房和城乡建设局")
    }

    @Test func numbersRunPerAgencyKindAndYear() async throws {
        let f = try await StoreFixture.make("letters-numbers")
        let documents = DocumentStore(pool: f.pool)
        let record = try await f.make([])
        let housing = f.agencies[1].id, street = f.agencies[2].id
        func finalised(_ d: LetterDraft, agency: Int64) async throws -> String? {
            let created = try await documents.create(d, caseID: record.id, agencyID: agency, by: f.officer.id)
            #expect(created.number == nil)
            #expect(created.status == .draft)
            return try await documents.finalise(created.id, by: f.supervisor.id).number
        }
        #expect(try await finalised(draft(), agency: housing) == "市中区住建局补正〔2024〕第1号")
        #expect(try await finalised(draft(), agency: housing) == "市中区住建局补正〔2024〕第2号")
        #expect(try await finalised(draft(.receipt), agency: housing) == "市中区住建局收〔2024〕第1号")
        #expect(try await finalised(draft(), agency: street) == "七里山街道补正〔2024〕第1号")
        #expect(try await finalised(draft(date: "2025-01-06"), agency: housing) == "市中区住建局补正〔2025〕第1号")
        #expect(try await finalised(draft(), agency: housing) == "市中区住建局补正〔2024〕第3号")
        let listed = try await documents.list(caseID: record.id)
        #expect(listed.count == 6)
        #expect(listed.allSatisfy { $0.isFinal && $0.finalisedBy == f.supervisor.id && $0.finalisedAt != nil })
    }

    @Test func twentyConcurrentFinalisationsNeverRepeatANumber() async throws {
        let f = try await StoreFixture.make("letters-concurrent", poolSize: 8)
        let documents = DocumentStore(pool: f.pool)
        let record = try await f.make([])
        var ids: [Int64] = []
        for _ in 0..<20 { ids.append(try await documents.create(draft(), caseID: record.id, agencyID: f.agencies[1].id, by: f.officer.id).id) }
        let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
            for id in ids { group.addTask { try await documents.finalise(id, by: f.officer.id).number } }
            return try await group.reduce(into: [String]()) { $0.append($1 ?? "") }
        }
        #expect(Set(numbers) == Set((1...20).map { "市中区住建局补正〔2024〕第\($0)号" }))
        #expect(try await f.count("SELECT last_number FROM letter_number_counters WHERE kind = 'correction' AND year = 2024") == 20)
    }

    @Test func aFinalLetterCannotBeChangedOrDeletedButADraftCan() async throws {
        let f = try await StoreFixture.make("letters-frozen")
        let documents = DocumentStore(pool: f.pool)
        let record = try await f.make([])
        let kept = try await documents.create(draft(), caseID: record.id, agencyID: f.agencies[1].id, by: f.officer.id)
        let edited = try await documents.edit(kept.id, body: "改过的第一段。\r\n\r\n改过的第二段。  ")
        #expect(edited.paragraphs == ["改过的第一段。", "改过的第二段。"])
        // A draft may be changed and deleted directly too.
        #expect(try await f.pool.query("UPDATE documents SET recipient = '李四' WHERE id = \(kept.id)").affectedRows == 1)
        let scrap = try await documents.create(draft(), caseID: record.id, agencyID: f.agencies[1].id, by: f.officer.id)
        #expect(try await f.pool.query("DELETE FROM documents WHERE id = \(scrap.id)").affectedRows == 1)

        let final = try await documents.finalise(kept.id, by: f.officer.id)
        await #expect(throws: DocumentError.alreadyFinal(kept.id)) { try await documents.edit(kept.id, body: "再改") }
        await #expect(throws: DocumentError.alreadyFinal(kept.id)) { try await documents.finalise(kept.id, by: f.officer.id) }
        // The trigger holds even for SQL that bypasses the store.
        for sql: Query in ["UPDATE documents SET body = 'x' WHERE id = \(kept.id)", "UPDATE documents SET status = 'draft', number = NULL, finalised_at = NULL, finalised_by = NULL WHERE id = \(kept.id)",
                           "DELETE FROM documents WHERE id = \(kept.id)", "TRUNCATE documents"] {
            let error = await #expect(throws: PostgresError.self) { try await f.pool.query(sql) }
            #expect(error?.sqlState == "23001")
        }
        #expect(try await documents.document(kept.id) == final)
    }

    @Test func aLetterWithAGapToFillCannotBeFinalised() async throws {
        let f = try await StoreFixture.make("letters-gap")
        let documents = DocumentStore(pool: f.pool)
        let record = try await f.make([])
        let d = try await documents.create(draft(.fee, body: ["应缴金额：人民币700元。", "缴费方式：【请填写缴费账户、地点或方式】。"]),
                                           caseID: record.id, agencyID: f.agencies[1].id, by: f.officer.id)
        await #expect(throws: DocumentError.unfilled("【请填写缴费账户、地点或方式】")) { try await documents.finalise(d.id, by: f.officer.id) }
        #expect(try await documents.document(d.id).status == .draft)
        _ = try await documents.edit(d.id, body: "应缴金额：人民币700元。\n缴费方式：到本机关政府信息公开办公室缴纳。")
        #expect(try await documents.finalise(d.id, by: f.officer.id).number == "市中区住建局收费〔2024〕第1号")
        await #expect(throws: DocumentError.notFound(987654)) { try await documents.document(987654) }
        await #expect(throws: DocumentError.emptyBody) { try await documents.edit(d.id, body: " \n ") }
    }
}
