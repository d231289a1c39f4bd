/// event.mustache: one event's form, with what it approves where it is an approval.
struct EventFormView {
    struct FieldView {
        let name: String
        let label: String
        let required: Bool
        let hint: String?
        let value: String
        let error: String?
        var isText = false
        var isTextarea = false
        var isDate = false
        var isNumber = false
        var isCheckbox = false
        var checked = false
        var isSelect = false
        var options: [SelectOption] = []
    }

    let id: Int64
    let number: String
    let subject: String
    let kind: String
    let label: String
    let version: Int
    let on: String
    let summary: String?
    let onError: String?
    let allowed: Bool
    let substance: [CaseFactsView.Line]
    let fields: [FieldView]
    /// The form's idempotency key (`FormKey`).
    let key: String
}
