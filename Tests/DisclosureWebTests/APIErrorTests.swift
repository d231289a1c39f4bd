import DisclosureCore
import DisclosureStore
import HTTPTypes
import LibPQ
import Testing
@testable import DisclosureWeb

/// Errors are mapped to a status and words once, for the API and the pages alike: a conflict is
/// 409, invalid input 422, and the database's own words never reach the user.
@Suite struct APIErrorTests {
    @Test func conflictsAre409AndInvalidInputIs422() {
        let stale = APIError.from(LifecycleError.staleVersion(expected: 3, actual: 4))
        #expect(stale.status == .conflict)
        #expect(APIError.from(LifecycleError.notAllowed(.reply, in: .pendingSignoff, allowed: [])).status == .conflict)
        #expect(APIError.from(DocumentError.alreadyFinal(7)).status == .conflict)
        #expect(APIError.from(LifecycleError.invalid([FieldProblem("note", "Say why.", "请说明原因。")])).status == .unprocessableContent)
        #expect(APIError.from(DocumentError.emptyBody).status == .unprocessableContent)
        #expect(APIError.from(DocumentError.unfilled("【请填写查阅地点】")).status == .unprocessableContent)
        #expect(APIError.from(DocumentError.notFound(7)).status == .notFound)
    }

    @Test func theDatabasesWordsStayInTheLog() {
        let words = "duplicate key value violates unique constraint \"users_username_key\""
        let conflict = APIError.from(PostgresError.conflict(ServerErrorFields(sqlState: "23505", message: words)))
        #expect(conflict.status == .conflict)
        let invalid = APIError.from(PostgresError.invalid(ServerErrorFields(sqlState: "22P05", message: "unsupported Unicode escape sequence")))
        #expect(invalid.status == .unprocessableContent)
        let down = APIError.from(PostgresError.server(ServerErrorFields(sqlState: "57P01", message: "terminating connection due to administrator command")))
        #expect(down.status == .serviceUnavailable)
        for error in [conflict, invalid, down] {
            #expect(!error.message.contains("constraint") && !error.message.contains("Unicode") && !error.message.contains("terminating"))
            #expect(!error.chinese.isEmpty)
        }
    }
}
