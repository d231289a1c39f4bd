import DisclosureCore
import LibPQ

/// Legal dates travel as PostgreSQL `date`, never as timestamps.
extension LocalDate: PostgresTextEncodable, PostgresDecodable, PostgresArrayElement {
    public static var postgresType: PostgresType { .date }
    public static var postgresArrayType: PostgresType { .dateArray }
    public var postgresText: String { description }

    public init(postgresCell cell: PostgresCell) throws {
        let text = try cell.requireText()
        guard let date = LocalDate(iso: text) else {
            throw PostgresError.decoding(column: cell.columnName, message: "\"\(text)\" is not a calendar date")
        }
        self = date
    }
}
