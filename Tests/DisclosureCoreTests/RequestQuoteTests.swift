import DisclosureCore
import Testing

/// The request quoted once, as a letter writes it after its own verb (申请公开“…”).
@Suite struct RequestQuoteTests {
    @Test(arguments: [
        ("某小区征收补偿方案", "“某小区征收补偿方案”"),
        ("申请公开某小区征收补偿方案", "“某小区征收补偿方案”"),
        ("申请公开：某小区征收补偿方案", "“某小区征收补偿方案”"),
        ("申请获取“某小区征收补偿方案”", "“某小区征收补偿方案”"),
        ("“某小区征收补偿方案”", "“某小区征收补偿方案”"),
        ("\"某小区征收补偿方案\"", "“某小区征收补偿方案”"),
        ("「某小区征收补偿方案」", "“某小区征收补偿方案”"),
        ("关于申请公开某小区征收补偿方案的申请", "“某小区征收补偿方案”"),
        ("关于要求提供“某小区征收补偿方案”的政府信息公开申请", "“某小区征收补偿方案”"),
        // 关于 without a verb begins a document's own title; 的申请 then stays too.
        ("关于某小区征收补偿方案的批复", "“关于某小区征收补偿方案的批复”"),
        // Quotations inside become single quotation marks; two quotations are not one.
        ("《关于“三供一业”移交的通知》", "“《关于‘三供一业’移交的通知》”"),
        ("“A方案”和“B方案”", "“‘A方案’和‘B方案’”"),
        ("公开招标文件", "“公开招标文件”"),
        ("申请公开", "“申请公开”"),
    ])
    func quotesOnce(_ subject: String, _ quoted: String) {
        #expect(RequestQuote.quoted(subject) == quoted)
    }
}
