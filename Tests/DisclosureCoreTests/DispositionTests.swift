import DisclosureCore
import Foundation
import Testing

/// The catalogue against the rulebook itself: domain.md §4's table, read at test time.
@Suite struct DispositionTests {
    struct Row { let code: String; let group: String; let label: String }

    static func rulebookRows() throws -> [Row] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/domain-dispositions.md")
        let section = try String(contentsOf: path, encoding: .utf8)
        return section.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, cells[1].hasPrefix("`") else { return nil }
            return Row(code: cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), group: cells[2], label: cells[3])
        }
    }

    @Test func everyRowOfTheRulebookInOrderWithItsExactLabelAndGroup() throws {
        let rows = try Self.rulebookRows()
        #expect(rows.count == 21)
        #expect(Disposition.allCases.map(\.rawValue) == rows.map(\.code))
        for (disposition, row) in zip(Disposition.allCases, rows) {
            #expect(disposition.label == row.label, "\(row.code)")
            #expect((disposition.group?.rawValue ?? "—") == row.group, "\(row.code)")
        }
    }

    @Test func refusalsAreTheOnesThatMustMentionReconsiderationFirst() {
        let refusing = Disposition.allCases.filter(\.refuses)
        #expect(refusing.count == 9)
        #expect(refusing.contains(.partial) && refusing.contains(.withholdThirdParty))
        #expect(!Disposition.unavailableNotHeld.refuses)
        #expect(Disposition.withholdStateSecret.requiresSignOff && !Disposition.disclose.requiresSignOff)
    }

    @Test func applicantKindsAreTheSixReportColumns() {
        #expect(ApplicantKind.allCases.map(\.label) == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
        #expect(ApplicantKind.allCases.filter(\.isOrganisation).count == 5)
    }

    /// Case work's words: no counting notes of the report, no row number, and every 「其他」 with
    /// the group it belongs to; distinct, so that a list can tell them apart.
    @Test func caseWorkNamesCarryTheirGroupAndNoneOfTheReportsNotes() {
        let names = Disposition.allCases.map(\.shortLabel)
        #expect(Set(names).count == names.count)
        for (disposition, name) in zip(Disposition.allCases, names) {
            #expect(!name.contains("只计") && !name.contains("不计"), "\(disposition)")
            #expect(name.first.map { !"0123456789（".contains($0) } == true, "\(disposition): \(name)")
            if name.contains("其他") { #expect(name.hasPrefix("其他处理") || name.contains("（其他"), "\(disposition): \(name)") }
        }
        #expect(Disposition.partial.shortLabel == "部分公开")
        #expect(Disposition.withholdStateSecret.shortLabel == "不予公开（属于国家秘密）")
        #expect(Disposition.otherOther.shortLabel == "其他处理")
    }
}
