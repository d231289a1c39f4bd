/// The request as a letter quotes it: once, in one pair of quotation marks, after the letter's
/// own verb (申请公开“…”). Applicants often title the request with that verb themselves
/// (申请公开…、关于申请公开…的申请) or quote it already; left as typed, the letter would read
/// 申请公开“申请公开……” or carry doubled quotation marks.
public enum RequestQuote {
    /// The verbs a request may begin with, longest first so that no shorter one cuts a longer.
    static let verbs = ["依申请公开", "申请公开", "申请获取", "申请提供", "申请查阅", "要求公开", "要求提供", "请求公开", "请求提供"]
    static let pairs: [(Character, Character)] = [("“", "”"), ("\"", "\""), ("「", "」"), ("『", "』"), ("‘", "’")]

    /// `申请公开“某小区征收补偿方案”` → `“某小区征收补偿方案”`; `关于某区的通知` stays whole,
    /// since 关于 not followed by a verb begins a document's own title.
    public static func quoted(_ subject: String) -> String {
        "“\(core(subject))”"
    }

    /// The subject without the applicant's verb and outer quotation marks; inner double quotes
    /// become single ones, as Chinese nests quotations.
    static func core(_ subject: String) -> String {
        let original = subject.trimmingCharactersInWhitespace()
        var text = Substring(original)
        var formal = false
        if text.hasPrefix("关于"), let verb = verbs.first(where: { text.dropFirst(2).hasPrefix($0) }) {
            text = text.dropFirst(2 + verb.count)
            formal = true
        } else if let verb = verbs.first(where: { text.hasPrefix($0) }) {
            text = text.dropFirst(verb.count)
        }
        text = text.drop { $0 == "：" || $0 == ":" || $0.isWhitespace }
        if formal {
            for ending in ["的政府信息公开申请", "的信息公开申请", "的申请"] where text.hasSuffix(ending) {
                text = text.dropLast(ending.count)
                break
            }
        }
        // One outer pair goes; a pair whose inside holds another mark is two quotations ("“A”和“B”").
        while let first = text.first, let last = text.last, text.count > 2, pairs.contains(where: { $0.0 == first && $0.1 == last }) {
            let inside = text.dropFirst().dropLast()
            guard !inside.contains(first), !inside.contains(last) else { break }
            text = inside
        }
        let core = String(text).trimmingCharactersInWhitespace()
        guard !core.isEmpty else { return original.replacing("“", with: "‘").replacing("”", with: "’") }
        return core.replacing("“", with: "‘").replacing("”", with: "’")
    }
}
