/// confirm.mustache: the step before something that cannot be undone.
struct ConfirmView {
    struct Hidden {
        let name: String
        let value: String
    }

    let heading: String
    let text: String
    let action: String
    let button: String
    let verb: String
    let back: String
    let fields: [Hidden]
}
