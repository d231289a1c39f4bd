import Testing

@testable import DisclosureCore

/// The morning reminder: overdue first, then due soon, each most urgent first.
struct OfficerDigestTests {
    func line(_ number: String, left: Int) -> OfficerDigest.Line {
        OfficerDigest.Line(caseID: 1, caseNumber: number, subject: "征收补偿", due: LocalDate(iso: "2026-12-01")!, workingDaysLeft: left)
    }

    @Test func overdueComeFirstAndTheSummaryCountsBoth() {
        let digest = OfficerDigest(lines: [line("甲", left: 2), line("乙", left: -3), line("丙", left: 0), line("丁", left: -1)])
        #expect(digest.overdue.map(\.caseNumber) == ["乙", "丁"] && digest.dueSoon.map(\.caseNumber) == ["丙", "甲"])
        #expect(digest.summary == "今日提醒：2件已超期，2件3个工作日内到期。")
        let body = digest.body(on: LocalDate(iso: "2026-11-30")!)
        #expect(body.contains("· 乙 征收补偿（期限2026年12月1日，已超期3个工作日）") && body.contains("· 丙 征收补偿（期限2026年12月1日，今天到期）"))
        #expect(body.range(of: "已超期（2件）")!.lowerBound < body.range(of: "3个工作日内到期（2件）")!.lowerBound)
        #expect(OfficerDigest(lines: []).isEmpty)
    }
}
