/// How long each typed text may be. Every text that reaches a case, an applicant or the
/// library is checked here before anything is stored or searched: a 1.6 MB subject once held a
/// database connection for half a minute while it was indexed.
public enum TextLimits {
    /// Characters per field, by the field's name wherever it appears.
    static let perField: [String: Int] = [
        "subject": 300, "title": 300, "name": 100, "idType": 30, "idNumber": 40, "phone": 40, "email": 254,
        "address": 300, "caseNumber": 60, "topic": 60, "legalBasis": 1_000, "receiptNote": 1_000,
        "body": 200_000, "notice": 20_000, "tags": 60,
    ]
    /// Any other text: a description, a reason, a summary, a note, one item of a list.
    public static let otherText = 10_000

    public static func limit(for field: String) -> Int { perField[field] ?? otherText }

    /// One problem for each text in `value` (walked through its stored properties, lists and
    /// enum payloads) that is longer than its field allows. `path` names the value in the
    /// problems: "" for fields at the top, "payload" for an event's.
    public static func problems(in value: Any, path: String = "") -> [FieldProblem] {
        var problems: [FieldProblem] = []
        walk(value, field: nil, path: path, into: &problems)
        return problems
    }

    private static func walk(_ value: Any, field: String?, path: String, into problems: inout [FieldProblem]) {
        if let text = value as? String {
            let limit = limit(for: field ?? "")
            let count = text.count
            if count > limit {
                problems.append(FieldProblem(path, "At most \(limit) characters (this is \(count)).", "最多\(limit)个字（现有\(count)个字）。"))
            }
            return
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first { walk(wrapped.value, field: field, path: path, into: &problems) }
        case .collection, .set:
            for (i, element) in mirror.children.enumerated() { walk(element.value, field: field, path: "\(path)[\(i)]", into: &problems) }
        case .struct, .class, .tuple:
            for child in mirror.children {
                guard let label = child.label else { continue }
                walk(child.value, field: label, path: path.isEmpty ? label : "\(path).\(label)", into: &problems)
            }
        case .enum:
            // An enum case's payload: its fields keep the path of the enum itself.
            for child in mirror.children { walk(child.value, field: field, path: path, into: &problems) }
        default:
            break
        }
    }
}
