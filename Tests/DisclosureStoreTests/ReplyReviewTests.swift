import DisclosureCore
import DisclosureStore
import LibPQ
import Testing

/// 拟稿 and 签发 are each one transaction with their letter: a refused step leaves neither the
/// event nor the letter behind.
@Suite struct ReplyReviewTests {
    let scope = Scope.everything(reason: "tests see every agency")

    func replyLetter(_ body: String, date: LocalDate) -> LetterDraft {
        LetterDraft(kind: .reply, title: LetterKind.reply.title, recipient: "张三", paragraphs: [body], date: date, signer: "济南市市中区住房和城乡建设局")
    }

    @Test func aRefusedProposalSavesNoLetterAndARefusedSignOffNumbersNone() async throws {
        let f = try await StoreFixture.make("reply-review-store")
        let review = ReplyReview(cases: f.store)
        let record = try await f.make([])
        let draft = f.lifecycle.partialDraft
        let on = f.d("2024-09-10")
        // A stale version: nothing recorded, no letter saved.
        await #expect(throws: LifecycleError.self) {
            _ = try await review.propose(draft, letter: replyLetter("草稿", date: on), caseID: record.id, expectedVersion: 7, on: on,
                                         by: f.officer.actor, today: f.today, scope: scope)
        }
        #expect(try await f.count("SELECT count(*) FROM documents") == 0)

        let (proposed, saved) = try await review.propose(draft, letter: replyLetter("第一稿", date: on), caseID: record.id, expectedVersion: 1, on: on,
                                                         by: f.officer.actor, today: f.today, scope: scope)
        #expect(proposed.snapshot.state == .pendingSignoff)
        #expect(saved.status == .draft && saved.body == "第一稿")

        // An empty letter cannot be signed off: the sign-off is not recorded either.
        await #expect(throws: DocumentError.emptyBody) {
            _ = try await review.signOff(caseID: record.id, expectedVersion: 2, letterID: saved.id, body: " \n ", note: nil, on: on,
                                         by: f.supervisor.actor, today: f.today, scope: scope)
        }
        #expect(try await f.count("SELECT count(*) FROM case_events WHERE kind = 'sign_off'") == 0)
        // An officer cannot sign off: the letter stays an unnumbered draft.
        await #expect(throws: LifecycleError.self) {
            _ = try await review.signOff(caseID: record.id, expectedVersion: 2, letterID: saved.id, body: "第一稿", note: nil, on: on,
                                         by: f.officer.actor, today: f.today, scope: scope)
        }
        #expect(try await f.count("SELECT count(*) FROM documents WHERE status = 'final'") == 0)

        // A return keeps the supervisor's edits with the comment, or neither when the comment is refused.
        await #expect(throws: LifecycleError.self) {
            _ = try await review.returnForRevision(caseID: record.id, expectedVersion: 2, letterID: saved.id, body: "第一稿\n删去的一段", note: " ",
                                                   on: on, by: f.supervisor.actor, today: f.today, scope: scope)
        }
        #expect(try await f.pool.query("SELECT body FROM documents WHERE id = \(saved.id)").single().decode(String.self, at: 0) == "第一稿")
        let returned = try await review.returnForRevision(caseID: record.id, expectedVersion: 2, letterID: saved.id, body: "第一稿\n审核人补充", note: "请补充",
                                                          on: on, by: f.supervisor.actor, today: f.today, scope: scope)
        #expect(returned.snapshot.state == .inProgress)
        #expect(try await f.pool.query("SELECT body FROM documents WHERE id = \(saved.id)").single().decode(String.self, at: 0) == "第一稿\n审核人补充")
        let (resubmitted, _) = try await review.propose(draft, letter: replyLetter("第一稿\n审核人补充", date: on), caseID: record.id, expectedVersion: 3,
                                                        on: on, by: f.officer.actor, today: f.today, scope: scope)

        let (signed, letter) = try await review.signOff(caseID: record.id, expectedVersion: resubmitted.snapshot.version, letterID: saved.id, body: "第一稿\n审核人改定", note: "同意",
                                                        on: f.d("2024-09-11"), by: f.supervisor.actor, today: f.today, scope: scope)
        #expect(signed.snapshot.state == .toIssue)
        #expect(letter.isFinal && letter.number != nil)
        #expect(letter.body == "第一稿\n审核人改定")
        #expect(letter.date == f.d("2024-09-11"))
    }
}
