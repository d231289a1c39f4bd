/// One thing wrong with an input, tied to the field it concerns, in words for the person who typed it.
public struct FieldProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
