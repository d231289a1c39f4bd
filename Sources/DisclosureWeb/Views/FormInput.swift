/// A field typed into a form sent back: what was typed, kept, and what is wrong with it (nil
/// when nothing is, so that `{{#x.error}}` shows only a real problem).
struct FormInput {
    let value: String
    let error: String?

    init(_ value: String?, error: String?) {
        self.value = value ?? ""
        self.error = error.flatMap { $0.isEmpty ? nil : $0 }
    }
}
