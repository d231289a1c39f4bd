/// A check the report must pass before it is published (domain.md §7), with the cells it concerns.
public struct ReportCheck: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// per column: 一 + 二 = （七） + 四
        case balance
        /// （七） = the sum of the 21 result rows
        case resultTotal
        /// each row's 总计 = the sum of its six columns
        case rowTotal
        /// this year's 二 = last year's 四 (a warning, with the cases that explain it)
        case carryOver
        /// table 四: each 总计 = the sum of its four
        case table4Total
    }

    public var kind: Kind
    public var passed: Bool
    /// Where, in the table's words: the column or row.
    public var place: String
    public var message: String
    /// Only a warning: publishing is still possible.
    public var warningOnly: Bool

    /// Every check of the two tables. `previous` is last year's table 三 for the same scope,
    /// if the system has it.
    public static func run(_ t: AnnualReportTable3, _ t4: AnnualReportTable4, previous: AnnualReportTable3?) -> [ReportCheck] {
        var checks: [ReportCheck] = []
        for column in AnnualReportTable3.Column.all {
            let name = column.label
            let left = t[.received, column] + t[.carriedOver, column]
            let right = t[.resultTotal, column] + t[.carriedForward, column]
            checks.append(.init(kind: .balance, passed: left == right, place: name,
                                message: "「\(name)」列：第一项\(t[.received, column]) + 第二项\(t[.carriedOver, column]) = \(left)，第三项（七）\(t[.resultTotal, column]) + 第四项\(t[.carriedForward, column]) = \(right)",
                                warningOnly: false))
            let sum = Disposition.allCases.reduce(0) { $0 + t[.result($1), column] }
            checks.append(.init(kind: .resultTotal, passed: sum == t[.resultTotal, column], place: name,
                                message: "「\(name)」列：（七）总计\(t[.resultTotal, column])，21项办理结果之和\(sum)", warningOnly: false))
        }
        for row in AnnualReportTable3.Row.all {
            let sum = ApplicantKind.allCases.reduce(0) { $0 + t[row, .kind($1)] }
            checks.append(.init(kind: .rowTotal, passed: sum == t[row, .total], place: row.label,
                                message: "「\(row.label)」行：总计\(t[row, .total])，六列之和\(sum)", warningOnly: false))
        }
        if let previous {
            for column in AnnualReportTable3.Column.all {
                let now = t[.carriedOver, column], then = previous[.carriedForward, column]
                checks.append(.init(kind: .carryOver, passed: now == then, place: column.label,
                                    message: "「\(column.label)」列：本年第二项（上年结转）\(now)，上年第四项（结转下年度）\(then)", warningOnly: true))
            }
        }
        for p in AnnualReportTable4.Proceeding.allCases {
            let sum = AnnualReportTable4.resultColumns.reduce(0) { $0 + t4[p, $1] }
            checks.append(.init(kind: .table4Total, passed: sum == t4[p, nil], place: p.label,
                                message: "表四「\(p.label)」：总计\(t4[p, nil])，四项之和\(sum)", warningOnly: false))
        }
        return checks
    }
}
