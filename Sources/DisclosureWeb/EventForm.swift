import DisclosureCore
import Foundation

/// The form for each event kind: its fields in the payload's own names, so a submitted form
/// becomes the same JSON the API takes and goes through the same decoding and lifecycle.
struct EventForm {
    enum Input {
        case text, textarea, date, number, lines, checkbox
        case select([(value: String, label: String)])
    }

    struct Field {
        var name: String
        var label: String
        var input: Input
        var required = false
        var hint: String? = nil
    }

    static func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ label: (T) -> String) -> Input where T.RawValue == String {
        .select(T.allCases.map { ($0.rawValue, label($0)) })
    }

    static let note = Field(name: "note", label: "说明", input: .textarea)
    static let requiredNote = Field(name: "note", label: "理由", input: .textarea, required: true)
    static let number = Field(name: "number", label: "序号", input: .number, hint: "有多项时填写第几项；只有一项可不填")
    static let draft: [Field] = [
        Field(name: "disposition", label: "办理结果", input: .select(Disposition.allCases.map { ($0.rawValue, $0.shortLabel) }), required: true),
        Field(name: "legalBasis", label: "法律依据", input: .text, hint: "不予公开、部分公开时必填，如《中华人民共和国政府信息公开条例》第十五条"),
        Field(name: "reasons", label: "理由", input: .textarea, hint: "除予以公开外必填"),
        Field(name: "provision", label: "提供方式", input: options(ProvisionForm.self, \.label), hint: "予以公开、部分公开时必填"),
        Field(name: "text", label: "答复书正文", input: .textarea),
    ]

    static func fields(_ kind: EventKind, agencies: [Agency]) -> [Field] {
        switch kind {
        case .register, .recomputeDeadlines: return []
        case .requestCorrection: return [
            Field(name: "items", label: "需补正的内容", input: .lines, required: true, hint: "一次性告知，每行一项"),
            Field(name: "periodWorkingDays", label: "补正期限（工作日）", input: .number, hint: "不填为15个工作日"),
            Field(name: "noticeReceivedOn", label: "申请人收到告知之日", input: .date, hint: "不填为告知之日"),
        ]
        case .correctionReceived, .correctionLapsed, .requestReasons, .feeLapsed, .approveExtension, .rejectExtension,
             .signOff, .withdraw, .archive: return [note]
        case .returnForRevision, .reopen, .flagComplex: return [requiredNote]
        case .startConsultation: return [
            Field(name: "party", label: "征求对象类型", input: options(ConsultedParty.self, \.label), required: true),
            Field(name: "name", label: "征求对象名称", input: .text, required: true),
            Field(name: "matter", label: "征求意见事项", input: .textarea, required: true),
            Field(name: "letterReceivedOn", label: "对方收到征求意见书之日", input: .date, hint: "不填为发出之日；第三方、共同制作机关自收到之日起15个工作日答复"),
            Field(name: "dueOn", label: "答复期限（其他机关）", input: .date),
        ]
        case .consultationAnswered: return [number,
            Field(name: "outcome", label: "意见", input: options(ConsultationOutcome.self, \.label), required: true),
            Field(name: "summary", label: "意见摘要", input: .textarea)]
        case .consultationLapsed, .assistReturned: return [number, note]
        case .assist: return [
            Field(name: "department", label: "协办部门", input: .text, required: true),
            Field(name: "request", label: "协办事项", input: .textarea, required: true),
            Field(name: "dueOn", label: "协办期限", input: .date, hint: "不填为5个工作日"),
        ]
        case .transfer: return [
            Field(name: "toAgencyID", label: "转至机关", input: .select(agencies.map { (String($0.id), $0.name) }), required: true),
            Field(name: "reason", label: "转办理由", input: .textarea, required: true),
        ]
        case .approveDelay: return [
            Field(name: "until", label: "延迟答复期限", input: .date, required: true),
            Field(name: "reason", label: "理由", input: .textarea, required: true),
        ]
        case .issueFeeNotice: return [
            Field(name: "method", label: "收费方式", input: .select([("per_application", "按件计收"), ("per_page", "按量计收")]), required: true),
            Field(name: "ordinalInMonth", label: "本月第几件申请（按件）", input: .number),
            Field(name: "pages", label: "页数（按量）", input: .number),
            Field(name: "noticeReceivedOn", label: "申请人收到收费通知之日", input: .date),
        ]
        case .feePaid: return [Field(name: "amount", label: "缴费金额（元）", input: .number, required: true)]
        case .requestExtension: return [
            Field(name: "workingDays", label: "延长工作日数", input: .number, required: true, hint: "最长20个工作日，仅可延长一次"),
            Field(name: "reason", label: "延期理由", input: .textarea, required: true),
        ]
        case .submitForSignoff, .reply: return draft
        case .recordDelivery: return [
            Field(name: "method", label: "送达方式", input: options(DeliveryMethod.self, \.label), required: true),
            Field(name: "reference", label: "邮件单号等", input: .text),
        ]
        case .recordReview: return [
            Field(name: "reference", label: "复议案号", input: .text, required: true),
            Field(name: "body", label: "复议机关", input: .text, required: true),
            Field(name: "filedOn", label: "申请复议之日", input: .date, required: true),
            Field(name: "result", label: "结果", input: options(ReviewResult.self, \.label), required: true),
        ]
        case .recordLitigation: return [
            Field(name: "reference", label: "案号", input: .text, required: true),
            Field(name: "court", label: "法院", input: .text, required: true),
            Field(name: "filedOn", label: "起诉之日", input: .date, required: true),
            Field(name: "afterReview", label: "经复议后起诉", input: .checkbox),
            Field(name: "result", label: "结果", input: options(ReviewResult.self, \.label), required: true),
        ]
        case .recordCommunication: return [
            Field(name: "method", label: "方式", input: .select([("phone", "电话"), ("visit", "来访"), ("letter", "信函"), ("email", "电子邮件"), ("other", "其他")]), required: true),
            Field(name: "summary", label: "沟通内容", input: .textarea, required: true),
        ]
        case .correctEntry: return [
            Field(name: "sequence", label: "更正第几条记录", input: .number, required: true),
            Field(name: "note", label: "更正内容", input: .textarea, required: true),
        ]
        }
    }

    /// The submitted fields as the API's event request: `{kind, expectedVersion, on, payload}`.
    static func requestJSON(_ kind: EventKind, form: FormData, agencies: [Agency]) -> Data {
        var payload: [String: Any] = [:]
        for field in fields(kind, agencies: agencies) {
            switch field.input {
            case .checkbox: payload[field.name] = form[field.name] != nil
            case .lines:
                let lines = (form[field.name] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                payload[field.name] = lines
            case .number:
                guard let text = form[field.name] else { continue }
                payload[field.name] = Int(text) ?? text as Any
            default:
                guard let text = form[field.name] else { continue }
                payload[field.name] = field.name.hasSuffix("ID") ? (Int(text) ?? 0) as Any : text
            }
        }
        var body: [String: Any] = ["kind": kind.rawValue, "expectedVersion": Int(form["expectedVersion"] ?? "") ?? -1, "payload": payload]
        if let on = form["on"] { body["on"] = on }
        return (try? JSONSerialization.data(withJSONObject: body)) ?? Data()
    }

    /// The fields as the template shows them, with what was typed (or the draft) filled in.
    static func view(_ kind: EventKind, agencies: [Agency], values: [String: String], errors: [String: String]) -> [EventFormView.FieldView] {
        fields(kind, agencies: agencies).map { field in
            var v = EventFormView.FieldView(name: field.name, label: field.label, required: field.required, hint: field.hint,
                                            value: values[field.name] ?? "", error: errors[field.name])
            switch field.input {
            case .text: v.isText = true
            case .textarea, .lines: v.isTextarea = true
            case .date: v.isDate = true
            case .number: v.isNumber = true
            case .checkbox: v.isCheckbox = true; v.checked = values[field.name] == "true"
            case .select(let options):
                v.isSelect = true
                v.options = options.map { .init(value: $0.value, label: $0.label, selected: $0.value == values[field.name]) }
            }
            return v
        }
    }
}
