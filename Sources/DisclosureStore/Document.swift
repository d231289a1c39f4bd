import DisclosureCore
import Foundation

/// A letter as stored: a draft being edited, or a final letter with its number, never changed.
public struct Document: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case draft
        case finalised = "final"

        public var label: String { self == .draft ? "草稿" : "已定稿" }
    }

    public var id: Int64
    public var caseID: Int64
    public var agencyID: Int64
    public var kind: LetterKind
    /// nil while a draft.
    public var number: String?
    public var title: String
    public var recipient: String
    /// One paragraph per line.
    public var body: String
    public var signer: String
    public var date: LocalDate
    public var status: Status
    public var createdBy: Int64
    public var createdAt: Date
    public var finalisedAt: Date?
    public var finalisedBy: Int64?

    public var isFinal: Bool { status == .finalised }

    /// The body's paragraphs, blank lines dropped.
    public var paragraphs: [String] {
        body.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
