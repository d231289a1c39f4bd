import Mustache
import Testing

@testable import DisclosureWeb

/// CaseTable writes the markup Mustache wrote from the same rows, escaping included.
struct CaseTableTests {
    /// The table as a Mustache section, as case_rows.mustache had it before CaseTable.
    static let reference = try! MustacheTemplate(string: #"""
<table>
  <thead><tr><th scope="col">案件编号</th><th scope="col">申请内容</th><th scope="col">状态</th><th scope="col">机关</th><th scope="col">申请人类型</th><th scope="col">收到申请之日</th><th scope="col">期限（剩余工作日）</th><th scope="col">办理结果</th></tr></thead>
  <tbody>
  {{#rows}}
  <tr>
    <td><a href="/cases/{{id}}">{{number}}</a></td>
    <td>{{subject}}</td>
    <td>{{state}}{{#pendingExtension}}<br><span class="hint">{{pendingExtension}}</span>{{/pendingExtension}}</td>
    <td>{{agency}}</td>
    <td>{{kind}}</td>
    <td>{{received}}</td>
    <td>{{due}} {{#urgencyWord}}<span class="status {{urgency}}"{{#provisional}} title="{{provisional}}"{{/provisional}}>{{urgencyWord}}</span>{{/urgencyWord}}</td>
    <td>{{disposition}}</td>
  </tr>
  {{/rows}}
  {{^rows}}<tr><td colspan="8">没有符合条件的案件。</td></tr>{{/rows}}
  </tbody>
</table>
"""# + "\n")  // the file ended with a newline, which a literal drops

    struct Rows {
        let rows: [CaseRow]
    }

    func row(_ id: Int64, subject: String = "关于经七路拆迁补偿的信息", pending: String? = nil, word: String? = "剩余3个工作日",
             provisional: String? = nil, disposition: String = "") -> CaseRow {
        CaseRow(id: id, number: "市中区住建局〔2026〕依申\(id)号", subject: subject, state: "办理中", pendingExtension: pending,
                agency: "市中区住建局", kind: "自然人", received: "2026年11月2日", due: "2026年12月1日", urgency: "soon",
                urgencyWord: word, provisional: provisional, disposition: disposition)
    }

    @Test func theTableIsWhatTheMustacheSectionWrote() {
        let rows = [
            row(1),
            row(2, subject: "<script>alert('x')</script> & \"引号\"", pending: "申请延长20个工作日", provisional: "2027年的节假日尚未公布", disposition: "拟：部分公开"),
            row(3, word: nil, disposition: "予以公开"),
        ]
        let table = CaseTable(rows: rows)
        #expect(table.renderText == Self.reference.render(Rows(rows: rows)))
        #expect(table.renderText.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;引号&quot;"))
        #expect(!table.isNull)
    }

    @Test func anEmptyListSaysSo() {
        let table = CaseTable(rows: [])
        #expect(table.renderText == Self.reference.render(Rows(rows: [])))
        #expect(table.renderText.contains("没有符合条件的案件。"))
        #expect(table.isNull)
    }
}
