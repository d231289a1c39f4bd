/// Element types that may travel inside a one-dimensional array parameter or column.
public protocol PostgresArrayElement: PostgresTextEncodable, PostgresDecodable {
    static var postgresArrayType: PostgresType { get }
}

extension String: PostgresArrayElement { public static var postgresArrayType: PostgresType { .textArray } }
extension Int: PostgresArrayElement { public static var postgresArrayType: PostgresType { .int8Array } }
extension Int64: PostgresArrayElement { public static var postgresArrayType: PostgresType { .int8Array } }
extension Int32: PostgresArrayElement { public static var postgresArrayType: PostgresType { .int4Array } }
extension Int16: PostgresArrayElement { public static var postgresArrayType: PostgresType { .int2Array } }
extension Bool: PostgresArrayElement { public static var postgresArrayType: PostgresType { .boolArray } }
extension Double: PostgresArrayElement { public static var postgresArrayType: PostgresType { .float8Array } }
extension PostgresDate: PostgresArrayElement { public static var postgresArrayType: PostgresType { .dateArray } }

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresType { Element.postgresArrayType }
    public var postgresBind: PostgresBind {
        PostgresBind(type: Self.postgresType, text: PostgresArrayText.format(map(\.postgresText)))
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public init(postgresCell cell: PostgresCell) throws {
        let text = try cell.requireText()
        guard let items = PostgresArrayText.parse(text) else {
            throw PostgresError.decoding(column: cell.columnName, message: "not a one-dimensional array: \(text.prefix(40))")
        }
        self = try items.map { item in
            guard let item else {
                throw PostgresError.decoding(column: cell.columnName, message: "array holds NULL")
            }
            return try [UInt8](item.utf8).withUnsafeBufferPointer {
                try Element(postgresCell: PostgresCell(bytes: $0, columnName: cell.columnName))
            }
        }
    }
}

/// PostgreSQL's array text format, `{a,"b c",NULL}`, one dimension.
enum PostgresArrayText {
    static func format(_ items: [String]) -> String {
        var out = "{"
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            for ch in item.unicodeScalars {
                if ch == "\"" || ch == "\\" { out += "\\" }
                out.unicodeScalars.append(ch)
            }
            out += "\""
        }
        return out + "}"
    }

    static func parse(_ text: String) -> [String?]? {
        let chars = Array(text.unicodeScalars)
        guard chars.first == "{", chars.last == "}" else { return nil }
        var items: [String?] = []
        var i = 1
        let end = chars.count - 1
        if i == end { return [] }
        while i < end {
            if chars[i] == "\"" {
                i += 1
                var value = String.UnicodeScalarView()
                while i < end, chars[i] != "\"" {
                    if chars[i] == "\\" { i += 1 }
                    guard i < end else { return nil }
                    value.append(chars[i])
                    i += 1
                }
                guard i < end else { return nil }
                i += 1
                items.append(String(value))
            } else {
                var value = String.UnicodeScalarView()
                while i < end, chars[i] != "," {
                    if chars[i] == "{" { return nil }
                    value.append(chars[i])
                    i += 1
                }
                let word = String(value)
                items.append(word == "NULL" ? nil : word)
            }
            if i < end {
                guard chars[i] == "," else { return nil }
                i += 1
            }
        }
        return items
    }
}
