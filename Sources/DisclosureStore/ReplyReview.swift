import DisclosureCore
import LibPQ

/// 拟稿–核稿–签发 on PostgreSQL: the officer's proposal travels with its reply letter, and the
/// supervisor's sign-off numbers the letter they approved. Each step is one transaction with its
/// event, so a proposal is never recorded without its letter, nor a letter numbered without the
/// sign-off that approves it.
public struct ReplyReview: Sendable {
    let cases: CaseStore

    public init(cases: CaseStore) {
        self.cases = cases
    }

    /// 拟稿: records `submit_for_signoff` with `draft` and saves `letter` as the case's reply
    /// draft (the one a return sent back is written over).
    public func propose(_ draft: ReplyDraft, letter: LetterDraft, caseID: Int64, expectedVersion: Int, on day: LocalDate, by actor: Actor,
                        today: LocalDate, scope: Scope) async throws -> (CaseStore.Record, Document) {
        let event = CaseEvent(.submitForSignoff(draft), on: day, by: actor)
        let saved = Saved()
        let record = try await cases.append(event, to: caseID, expectedVersion: expectedVersion, today: today, scope: scope) { connection, record in
            saved.document = try await DocumentStore.saveReplyDraft(connection, letter, caseID: caseID, agencyID: record.snapshot.agencyID,
                                                                    by: actor.userID)
        }
        return (record, saved.document!)
    }

    /// 签发: records `sign_off` and numbers the reply letter with the text the supervisor approved.
    public func signOff(caseID: Int64, expectedVersion: Int, letterID: Int64, body: String, note: String?, on day: LocalDate, by actor: Actor,
                        today: LocalDate, scope: Scope) async throws -> (CaseStore.Record, Document) {
        let event = CaseEvent(.signOff(Note(note)), on: day, by: actor)
        let saved = Saved()
        let record = try await cases.append(event, to: caseID, expectedVersion: expectedVersion, today: today, scope: scope) { connection, _ in
            saved.document = try await DocumentStore.signReply(connection, id: letterID, caseID: caseID, body: body, on: day, by: actor.userID)
        }
        return (record, saved.document!)
    }

    /// 退回修改: records `return_for_revision` with the supervisor's comments, and keeps the edits
    /// they made to the letter, in the same transaction.
    public func returnForRevision(caseID: Int64, expectedVersion: Int, letterID: Int64, body: String, note: String, on day: LocalDate, by actor: Actor,
                                  today: LocalDate, scope: Scope) async throws -> CaseStore.Record {
        let event = CaseEvent(.returnForRevision(Note(note)), on: day, by: actor)
        return try await cases.append(event, to: caseID, expectedVersion: expectedVersion, today: today, scope: scope) { connection, _ in
            try await DocumentStore.reviseReply(connection, id: letterID, caseID: caseID, body: body)
        }
    }

    /// Carries the letter out of the transaction's closure.
    final class Saved: @unchecked Sendable {
        var document: Document?
    }
}
