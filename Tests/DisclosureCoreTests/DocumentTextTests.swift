import DisclosureCore
import Testing

@Suite struct DocumentTextTests {
    @Test func htmlGivesItsTitleAndText() {
        let html = "<html><head><title>关于印发《征收补偿办法》的通知</title><style>p{}</style></head><body><h1>通知</h1><p>各街道：</p><p>现将办法印发给你们&nbsp;请遵照执行。</p><script>x()</script></body></html>"
        let (title, body) = DocumentText.extract(html, format: .html)
        #expect(title == "关于印发《征收补偿办法》的通知")
        #expect(body == "通知\n各街道：\n现将办法印发给你们 请遵照执行。")
    }

    @Test func markdownAndTextUseTheFirstLine() {
        let (title, body) = DocumentText.extract("# 低保标准问答\n\n**问**：标准是多少？\n- 每人每月1000元\n", format: .markdown)
        #expect(title == "低保标准问答")
        #expect(body == "问：标准是多少？\n每人每月1000元")
        let (plainTitle, plainBody) = DocumentText.extract("标题\n第一段\n\n第二段", format: .text)
        #expect(plainTitle == "标题")
        #expect(plainBody == "第一段\n第二段")
        #expect(DocumentText.format(ofFileNamed: "a.HTM") == .html)
        #expect(DocumentText.format(ofFileNamed: "a.pdf") == nil)
    }
}
