/// One thing wrong with an input, tied to the field it concerns, in words for the person who typed it:
/// `message` in English (the JSON API and the CLI), `chinese` in Simplified Chinese (the web UI).
public struct FieldProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    public var field: String
    public var message: String
    public var chinese: String

    public init(_ field: String, _ message: String, _ chinese: String) {
        self.field = field
        self.message = message
        self.chinese = chinese
    }

    public var description: String { "\(field): \(message)" }
}
