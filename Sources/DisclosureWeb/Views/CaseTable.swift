import Mustache

/// The table of a case list (the list, each dashboard and review section), written here rather
/// than by a Mustache section: fifty rows of thirteen values were most of the list page's time
/// in swift-mustache (a reflection, several dynamic casts and a character-by-character escape
/// per value; list HTML at 0.34× pgbench at a million cases). The markup is the one
/// CaseTableTests renders with Mustache from the same rows; case_rows.mustache places it.
struct CaseTable: MustacheCustomRenderable {
    let rows: [CaseRow]

    var isNull: Bool { rows.isEmpty }

    var renderText: String {
        var html = """
            <table>
              <thead><tr><th scope="col">案件编号</th><th scope="col">申请内容</th><th scope="col">状态</th><th scope="col">机关</th>\
            <th scope="col">申请人类型</th><th scope="col">收到申请之日</th><th scope="col">期限（剩余工作日）</th><th scope="col">办理结果</th></tr></thead>
              <tbody>

            """
        html.reserveCapacity(600 + rows.count * 500)
        let e = HTMLText.escape
        for row in rows {
            html += "  <tr>\n    <td><a href=\"/cases/\(row.id)\">\(e(row.number))</a></td>\n    <td>\(e(row.subject))</td>\n    <td>\(e(row.state))"
            if let pending = row.pendingExtension { html += "<br><span class=\"hint\">\(e(pending))</span>" }
            html += "</td>\n    <td>\(e(row.agency))</td>\n    <td>\(e(row.kind))</td>\n    <td>\(e(row.received))</td>\n    <td>\(e(row.due)) "
            if let word = row.urgencyWord {
                html += "<span class=\"status \(e(row.urgency))\""
                if let provisional = row.provisional { html += " title=\"\(e(provisional))\"" }
                html += ">\(e(word))</span>"
            }
            html += "</td>\n    <td>\(e(row.disposition))</td>\n  </tr>\n"
        }
        html += rows.isEmpty ? "  <tr><td colspan=\"8\">没有符合条件的案件。</td></tr>\n" : "  \n"
        return html + "  </tbody>\n</table>\n"
    }
}
