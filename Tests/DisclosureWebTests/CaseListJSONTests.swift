import DisclosureStore
import Foundation
import Testing

@testable import DisclosureWeb

/// The hand-written case list is byte for byte what JSONEncoder wrote for the API before it.
struct CaseListJSONTests {
    /// Every field set, every optional missing, and text that JSON must escape.
    static var rows: [[String: Any]] { [
        ["id": 1, "caseNumber": "市中区住建局〔2026〕依申1号", "state": "in_progress", "agencyID": 9, "officerID": 25,
         "applicantKind": "natural_person", "channel": "in_person", "subject": "关于经七路拆迁补偿的信息", "receivedOn": "2026-11-02",
         "replyDue": "2026-12-01", "nextDue": "2026-12-01", "repliedLate": false, "version": 3, "proposedDisposition": "partial",
         "extensionRequestedDays": 20, "remainingWorkingDays": -2, "provisional": ["years": [2027, 2028]],
         "disposition": "disclose", "disposedOn": "2026-11-20"],
        ["id": 9_007_199_254_740_000, "caseNumber": "A/1", "state": "closed", "agencyID": 1, "applicantKind": "other_org",
         "channel": "registered_post", "subject": "引号\" 反斜杠\\ 斜杠/ 换行\n 回车\r 制表\t 退格\u{8} 换页\u{c} 控制\u{1} \u{1f} 表情😀 é",
         "receivedOn": "2024-01-02", "repliedLate": true, "version": 1],
    ] }

    func summaries() throws -> [CaseSummary] {
        let data = try JSONSerialization.data(withJSONObject: Self.rows)
        return try JSONDecoder().decode([CaseSummary].self, from: data)
    }

    func encoderBytes(_ list: CaseListJSON) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(list))
    }

    @Test func theListIsWhatJSONEncoderWrote() throws {
        let cases = try summaries()
        #expect(cases[0].provisional?.years == [2027, 2028])  // the fixture sets what it means to
        let list = CaseListJSON(cases: cases, total: 1234, page: 3, pageSize: 50)
        let written = list.json
        #expect(written == (try encoderBytes(list)), "\(String(decoding: written, as: UTF8.self))")
        struct Back: Decodable { var cases: [CaseSummary]; var total: Int }
        let back = try JSONDecoder().decode(Back.self, from: Data(written))
        #expect(back.cases == cases && back.total == 1234)
    }

    @Test func anEmptyListIsWhatJSONEncoderWrote() throws {
        let list = CaseListJSON(cases: [], total: 0, page: 1, pageSize: 50)
        #expect(list.json == (try encoderBytes(list)))
    }
}
