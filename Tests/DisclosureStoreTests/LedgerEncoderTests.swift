import DisclosureCore
@testable import DisclosureStore
import Foundation
import LibPQ
import Testing

/// The fast reading of plainly written lines against the domain's own parser.
@Suite struct LedgerEncoderTests {
    static let agencies: [String: Int64] = ["szq-zjj": 7, "szq-mzj": 9]
    static let header = LedgerRow.header.joined(separator: ",") + "\n"

    /// What the full parser makes of one line: its COPY row, or its problem.
    func byParser(_ line: String) -> Result<[UInt8], LedgerProblem> {
        var reader = CSVReader(Array(line.utf8)).makeIterator()
        let fields = reader.next()!
        do {
            let row = try LedgerRow.parse(fields)
            guard let agency = Self.agencies[row.agencyCode] else { return .failure(LedgerProblem("agency", "机关")) }
            var copy: [UInt8] = []
            LedgerEncoder.append(row, agency: agency, to: &copy)
            return .success(copy)
        } catch {
            return .failure(error)
        }
    }

    @Test func everyLineReadsAsTheParserReadsIt() {
        let encoder = LedgerEncoder(agencies: Self.agencies)
        let lines = [
            // Codes, labels, quoted fields with commas, every optional field, CRLF.
            "A-1,szq-zjj,natural_person,张三,in_person,2024-01-02,申请公开某文件,disclose,2024-01-10,,,,,",
            "A-2,szq-mzj,商业企业,某公司,网上申请,2024-02-29,\"申请公开合同，含附件\",4.保护第三方合法权益,2024-03-05,结果维持,2024-04-01,其他结果,2024-05-01,是",
            "A-3,szq-zjj,科研机构,\"某研究院\",平信,2024-03-01,内容,,,,,,,否\r",
            // Lines only the parser can read: trimmed spaces (ASCII and ideographic), a doubled quote.
            " A-4 ,szq-zjj,自然人,李四,当面,2024-03-01,内容,,,,,,,",
            "A-5,szq-zjj,自然人,\u{3000}王五,当面,2024-03-01,内容,,,,,,,",
            "A-6,szq-zjj,自然人,赵六,当面,2024-03-01,\"他说\"\"公开\"\"\",,,,,,,",
            "A-7,szq-zjj,自然人,钱七\u{00A0},当面,2024-03-01,内容,,,,,,,",
            // Problems: the parser words them, and the fast reading must not accept them.
            "A-8,szq-zjj,自然人,孙八,当面,2024-02-30,内容,,,,,,,",
            "A-9,szq-zjj,自然人,周九,当面,2024-03-01,内容,disclose,2024-02-01,,,,,",
            "A-10,szq-zjj,自然人,吴十,当面,2024-03-01,内容,disclose,,,,,,",
            "A-11,szq-zjj,外星人,郑十一,当面,2024-03-01,内容,,,,,,,",
            "A-12,szq-zjj,自然人,,当面,2024-03-01,内容,,,,,,,",
            "A-13,szq-zjj,自然人,王十三,当面,2024-03-01,内容,,,upheld,2024-04-01,,,",
            "A-14,szq-zjj,自然人,王十四,当面,2024-03-01,内容,,,,,,,也许",
            "A-15,szq-zjj,自然人,王十五,当面,2024-3-1,内容,,,,,,,",
            "A-16,szq-zjj,自然人,王十六,当面,2024-03-01,内容,,,,,,",
            "A-17,nowhere,自然人,王十七,当面,2024-03-01,内容,,,,,,,",
        ]
        for (n, line) in lines.enumerated() {
            let bytes = Array((line + "\n").utf8)
            let parsed = encoder.encode(bytes, 0..<bytes.count)
            switch byParser(line) {
            case .success(let copy):
                #expect(parsed.copy == copy, "\(line)")
                #expect(parsed.problems.isEmpty, "\(line)")
            case .failure:
                #expect(parsed.copy.isEmpty, "\(line)")
                #expect(parsed.problems.map(\.0) == [1], "\(line)")
            }
            #expect(parsed.records == 1)
            // The first three are written plainly and read without the parser.
            #expect(parsed.plainLines == (n < 3 ? 1 : 0), "\(line)")
        }
    }

    @Test func blankLinesAreSkippedAndLinesCountedInTheirPart() {
        let encoder = LedgerEncoder(agencies: Self.agencies)
        let text = "A-1,szq-zjj,自然人,张三,当面,2024-01-02,\"两行\n的内容\",,,,,,,\n\nA-2,szq-zjj,自然人,李四,当面,2024-01-02,内容,,,,,,,\nA-3,bad\n"
        let bytes = Array(text.utf8)
        let parsed = encoder.encode(bytes, 0..<bytes.count)
        #expect(parsed.records == 4)
        #expect(parsed.plainLines == 2)
        #expect(parsed.problems.map(\.0) == [4])
        var expected: [UInt8] = []
        for line in ["A-1,szq-zjj,自然人,张三,当面,2024-01-02,\"两行\n的内容\",,,,,,,", "A-2,szq-zjj,自然人,李四,当面,2024-01-02,内容,,,,,,,"] {
            expected += try! byParser(line).get()
        }
        #expect(parsed.copy == expected)
    }
}
