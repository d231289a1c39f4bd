import DisclosureCore
import Testing

@Suite struct ReportCheckTests {
    /// A balanced table: 3 new + 1 carried over = 3 results + 1 carried forward, for natural persons.
    func balanced() -> AnnualReportTable3 {
        var t = AnnualReportTable3()
        t[.received, .kind(.naturalPerson)] = 3
        t[.carriedOver, .kind(.naturalPerson)] = 1
        t[.result(.disclose), .kind(.naturalPerson)] = 2
        t[.result(.unavailableNotHeld), .kind(.naturalPerson)] = 1
        t[.carriedForward, .kind(.naturalPerson)] = 1
        return t.withDerivedTotals()
    }

    func failed(_ checks: [ReportCheck]) -> Set<ReportCheck.Kind> { Set(checks.filter { !$0.passed }.map(\.kind)) }

    @Test func aBalancedTablePasses() {
        let t = balanced()
        #expect(t[.resultTotal, .total] == 3)
        #expect(failed(ReportCheck.run(t, AnnualReportTable4().withDerivedTotals(), previous: nil)).isEmpty)
    }

    @Test func eachCheckFailsOnItsOwnBadData() {
        var unbalanced = balanced()
        unbalanced[.received, .kind(.naturalPerson)] = 4
        unbalanced[.received, .total] = 4
        let balance = ReportCheck.run(unbalanced, AnnualReportTable4(), previous: nil).filter { !$0.passed }
        #expect(Set(balance.map(\.kind)) == [.balance])
        #expect(balance.map(\.place) == ["自然人", "总计"])
        #expect(balance[0].message.contains("第一项4 + 第二项1 = 5"))

        var total = balanced()
        total[.resultTotal, .kind(.naturalPerson)] = 4
        #expect(failed(ReportCheck.run(total, AnnualReportTable4(), previous: nil)).contains(.resultTotal))

        var row = balanced()
        row[.received, .total] = 7
        #expect(failed(ReportCheck.run(row, AnnualReportTable4(), previous: nil)).contains(.rowTotal))

        var lastYear = AnnualReportTable3()
        lastYear[.carriedForward, .kind(.naturalPerson)] = 2
        let carry = ReportCheck.run(balanced(), AnnualReportTable4(), previous: lastYear.withDerivedTotals()).filter { !$0.passed }
        #expect(Set(carry.map(\.kind)) == [.carryOver])
        #expect(carry.allSatisfy { $0.warningOnly })

        var t4 = AnnualReportTable4()
        t4[.reconsideration, .upheld] = 2
        t4[.reconsideration, nil] = 3
        #expect(failed(ReportCheck.run(balanced(), t4, previous: nil)) == [.table4Total])
    }

    @Test func theTableHasTheOfficialRowsInOrder() {
        let labels = AnnualReportTable3.Row.all.map(\.label)
        #expect(labels.count == 25)
        #expect(labels.first == "一、本年新收政府信息公开申请数量")
        #expect(labels[2] == "（一）予以公开")
        #expect(labels[23] == "（七）总计")
        #expect(labels.last == "四、结转下年度继续办理")
        #expect(AnnualReportTable3.Column.all.map(\.label) == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])
    }
}
