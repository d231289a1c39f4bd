import DisclosureCore
import DisclosureStore
import Foundation

/// Tables 三 and 四 as the official format lays them out (国办公开办函〔2021〕30号), as HTML with
/// merged header cells, as CSV (UTF-8 with BOM, for Excel) and as JSON naming every cell by its
/// row and column label. Used by the report page and by `disclosure report annual`.
public enum ReportDocument {
    typealias T3 = AnnualReportTable3

    /// The table 三 body and table 四 as HTML. `link` gives each number's drill-down address.
    public static func tablesHTML(_ r: AnnualReport, link: ((AnnualReportTable3.Row, ApplicantKind?) -> String)?) -> String {
        func e(_ s: String) -> String { HTMLText.escape(s) }
        func cell(_ row: T3.Row, _ column: T3.Column) -> String {
            let n = r.table3[row, column]
            var text = "\(n)"
            if let link {
                let kind: ApplicantKind? = { if case .kind(let k) = column { return k } else { return nil } }()
                text = "<a href=\"\(e(link(row, kind)))\" aria-label=\"\(e(row.label))，\(e(column.label))：\(n)\">\(n)</a>"
            }
            if let lock = r.lock, lock.table3[row, column] != n { text += "<br><span class=\"locked\">已发布：\(lock.table3[row, column])</span>" }
            return "<td class=\"num\">\(text)</td>"
        }
        func cells(_ row: T3.Row) -> String { T3.Column.all.map { cell(row, $0) }.joined() }
        var html = """
            <table class="report">
            <caption>三、收到和处理政府信息公开申请情况</caption>
            <thead>
            <tr><th scope="col" colspan="3" rowspan="3" class="corner">\(e(T3.cornerNote))</th><th scope="colgroup" colspan="7">申请人情况</th></tr>
            <tr><th scope="col" rowspan="2">自然人</th><th scope="colgroup" colspan="5">\(T3.organisations)</th><th scope="col" rowspan="2">总计</th></tr>
            <tr>\(ApplicantKind.allCases.dropFirst().map { "<th scope=\"col\">\($0.label)</th>" }.joined())</tr>
            </thead>
            <tbody>
            <tr><th scope="row" colspan="3">\(T3.Row.received.label)</th>\(cells(.received))</tr>
            <tr><th scope="row" colspan="3">\(T3.Row.carriedOver.label)</th>\(cells(.carriedOver))</tr>

            """
        var first = true
        let resultRows = 2 + Disposition.allCases.count - 2 + 1
        for d in Disposition.allCases {
            let lead = first ? "<th scope=\"rowgroup\" rowspan=\"\(resultRows)\">\(T3.heading)</th>" : ""
            first = false
            if let group = d.group {
                let members = Disposition.allCases.filter { $0.group == group }
                let groupCell = members.first == d ? "<th scope=\"rowgroup\" rowspan=\"\(members.count)\">\(group.rawValue)</th>" : ""
                html += "<tr>\(lead)\(groupCell)<th scope=\"row\">\(e(d.label))</th>\(cells(.result(d)))</tr>\n"
            } else {
                html += "<tr>\(lead)<th scope=\"row\" colspan=\"2\">\(e(d.label))</th>\(cells(.result(d)))</tr>\n"
            }
        }
        html += """
            <tr><th scope="row" colspan="2">（七）总计</th>\(cells(.resultTotal))</tr>
            <tr><th scope="row" colspan="3">\(T3.Row.carriedForward.label)</th>\(cells(.carriedForward))</tr>
            </tbody>
            </table>
            <table class="report">
            <caption>四、政府信息公开行政复议、行政诉讼情况</caption>
            <thead>
            <tr><th scope="colgroup" colspan="5" rowspan="2">行政复议</th><th scope="colgroup" colspan="10">行政诉讼</th></tr>
            <tr><th scope="colgroup" colspan="5">未经复议直接起诉</th><th scope="colgroup" colspan="5">复议后起诉</th></tr>
            <tr>\(String(repeating: "<th scope=\"col\">结果维持</th><th scope=\"col\">结果纠正</th><th scope=\"col\">其他结果</th><th scope=\"col\">尚未审结</th><th scope=\"col\">总计</th>", count: 3))</tr>
            </thead>
            <tbody><tr>
            """
        for p in AnnualReportTable4.Proceeding.allCases {
            for result in AnnualReportTable4.resultColumns.map(Optional.some) + [nil] {
                var text = "\(r.table4[p, result])"
                if let lock = r.lock, lock.table4[p, result] != r.table4[p, result] { text += "<br><span class=\"locked\">已发布：\(lock.table4[p, result])</span>" }
                html += "<td class=\"num\">\(text)</td>"
            }
        }
        return html + "</tr></tbody></table>\n"
    }

    /// A page of its own for printing or saving: the command line's `--format html`.
    public static func standaloneHTML(_ r: AnnualReport) -> String {
        """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(r.year)年度政府信息公开工作年度报告 · \(HTMLText.escape(r.scopeName))</title>
        <style>\(printCSS)</style></head><body><main>
        <h1>\(HTMLText.escape(r.scopeName))\(r.year)年度政府信息公开工作年度报告（第三、四部分）</h1>
        \(tablesHTML(r, link: nil))
        </main></body></html>
        """
    }

    /// A4, table borders, Chinese fonts: shared by the page's print view and the standalone file.
    public static let printCSS = """
        body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; }
        table.report { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; font-size: 13px; }
        table.report caption { text-align: left; font-weight: 700; margin: .5rem 0; }
        table.report th, table.report td { border: 1px solid #000; padding: 2px 4px; }
        table.report th { font-weight: 400; text-align: center; }
        table.report th[scope=row] { text-align: left; }
        table.report .corner { font-size: 12px; }
        table.report .num { text-align: right; font-variant-numeric: tabular-nums; }
        .locked { color: #7d4e00; font-size: 11px; }
        @page { size: A4 portrait; margin: 15mm; }
        """

    /// CSV with the table's labels, UTF-8 with a byte-order mark.
    public static func csv(_ r: AnnualReport) -> [UInt8] {
        var lines = ["三、收到和处理政府信息公开申请情况（\(r.scopeName)，\(r.year)年度）"]
        lines.append(CSVWriter.line(["", ""] + T3.Column.all.map(\.label)))
        for row in T3.Row.all {
            let group: String
            switch row {
            case .result(let d): group = T3.heading + (d.group.map { " " + $0.rawValue } ?? "")
            case .resultTotal: group = T3.heading
            default: group = ""
            }
            lines.append(CSVWriter.line([group, row.label] + T3.Column.all.map { String(r.table3[row, $0]) }))
        }
        lines.append("")
        lines.append("四、政府信息公开行政复议、行政诉讼情况")
        lines.append(CSVWriter.line(["", ""] + AnnualReportTable4.resultColumns.map(\.label) + ["总计"]))
        for p in AnnualReportTable4.Proceeding.allCases {
            let group = p == .reconsideration ? "" : "行政诉讼"
            lines.append(CSVWriter.line([group, p.label] + (AnnualReportTable4.resultColumns.map(Optional.some) + [nil]).map { String(r.table4[p, $0]) }))
        }
        return [0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// JSON naming every cell by its row and column label (and codes), with the checks.
    public static func json(_ r: AnnualReport) -> Data {
        let table3 = T3.Row.all.map { row -> [String: Any] in
            ["row": row.label, "rowCode": row.code,
             "cells": T3.Column.all.map { ["column": $0.label, "columnCode": $0.code, "value": r.table3[row, $0]] as [String: Any] }]
        }
        let table4 = AnnualReportTable4.Proceeding.allCases.map { p -> [String: Any] in
            ["proceeding": p.label, "proceedingCode": p.rawValue,
             "cells": (AnnualReportTable4.resultColumns.map(Optional.some) + [nil]).map {
                 ["column": $0?.label ?? "总计", "columnCode": $0?.rawValue ?? "total", "value": r.table4[p, $0]] as [String: Any]
             }]
        }
        var object: [String: Any] = [
            "year": r.year, "scope": r.scopeName, "agency": r.agency?.code ?? NSNull(),
            "table3": table3, "table4": table4, "publishable": r.publishable,
            "checks": r.checks.map { ["kind": $0.kind.rawValue, "passed": $0.passed, "warningOnly": $0.warningOnly, "place": $0.place, "message": $0.message] },
        ]
        if let lock = r.lock {
            object["locked"] = ["lockedBy": lock.lockedBy, "lockedAt": ISO8601DateFormatter().string(from: lock.lockedAt), "flaggedEvents": lock.flaggedEvents]
        }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
