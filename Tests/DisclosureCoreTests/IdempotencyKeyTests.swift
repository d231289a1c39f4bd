import DisclosureCore
import Foundation
import Testing

@Suite struct IdempotencyKeyTests {
    @Test func aKeyIsOneTo255VisibleASCIICharacters() throws {
        for good in [UUID().uuidString, "k", String(repeating: "a", count: 255), "intake-2024/09:01"] {
            #expect(try IdempotencyKey(userID: 1, key: good, request: "POST /x").key == good)
        }
        for bad in ["", String(repeating: "a", count: 256), "with space", "键", "tab\there", "new\nline"] {
            #expect(throws: LifecycleError.self, "\(bad.debugDescription)") { try IdempotencyKey(userID: 1, key: bad, request: "POST /x") }
            do { _ = try IdempotencyKey(userID: 1, key: bad, request: "POST /x") } catch let LifecycleError.invalid(problems) {
                #expect(problems.map(\.field) == ["Idempotency-Key"])
            }
        }
    }
}
