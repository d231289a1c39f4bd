import DisclosureCore
import Testing

@Suite struct CSVWriterTests {
    @Test(arguments: ["=HYPERLINK(\"http://evil.example\",\"点击\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "＝1+1"])
    func aTextThatWouldRunAsAFormulaIsWrittenAfterAnApostrophe(text: String) {
        let written = CSVWriter.field(text)
        let unquoted = written.hasPrefix("\"") ? String(written.dropFirst()) : written
        #expect(unquoted.hasPrefix("'"), "\(text) → \(written)")
    }

    @Test func plainTextAndNumbersAreWrittenAsTheyAre() {
        #expect(CSVWriter.line(["申请公开征收补偿方案", "-3", "12.5", "a,b", "说\"明\""]) == "申请公开征收补偿方案,-3,12.5,\"a,b\",\"说\"\"明\"\"\"")
    }
}
