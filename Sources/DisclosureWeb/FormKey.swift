import DisclosureCore
import Foundation

/// The idempotency key a web form carries (`_key`, issue 16): made when the form is shown, kept
/// when it is shown again with errors, so that a form sent twice — a double click, a reload
/// after a lost answer — registers or records once.
enum FormKey {
    static let field = "_key"

    /// The key for a form shown again (the one it was sent with), or a new one.
    static func value(_ values: [String: String]) -> String {
        values[field].flatMap { $0.isEmpty ? nil : $0 } ?? UUID().uuidString
    }

    /// The key of a sent form, bound to where it was sent and what it holds (the CSRF token and
    /// the confirmation step aside: the same form confirmed is the same request); nil for a form
    /// without one.
    static func key(_ form: FormData, action: String, userID: Int64) throws -> IdempotencyKey? {
        guard let key = form[field] else { return nil }
        let fields = form.fields.filter { ![field, "_csrf", "confirm"].contains($0.key) }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.joined(separator: ","))" }
        return try IdempotencyKey(userID: userID, key: key, request: "POST \(action)\n" + fields.joined(separator: "&"))
    }
}
