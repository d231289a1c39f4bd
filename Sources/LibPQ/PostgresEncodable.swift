import Foundation

/// A Swift value that can travel as a `$n` parameter.
public protocol PostgresEncodable: Sendable {
    /// The type OID sent with the parameter (also for NULL).
    static var postgresType: PostgresType { get }
    var postgresBind: PostgresBind { get }
}

/// Values whose text form is what PostgreSQL reads back; most scalar types.
public protocol PostgresTextEncodable: PostgresEncodable {
    var postgresText: String { get }
}

extension PostgresTextEncodable {
    public var postgresBind: PostgresBind { PostgresBind(type: Self.postgresType, text: postgresText) }
}

extension String: PostgresTextEncodable {
    /// Sent as `unknown` so the server reads it as whatever type the context needs (text, date,
    /// an enum), as it would a quoted literal.
    public static var postgresType: PostgresType { .unknown }
    public var postgresText: String { self }
}

extension Substring: PostgresTextEncodable {
    public static var postgresType: PostgresType { .unknown }
    public var postgresText: String { String(self) }
}

extension Int: PostgresTextEncodable {
    public static var postgresType: PostgresType { .int8 }
    public var postgresText: String { String(self) }
}

extension Int64: PostgresTextEncodable {
    public static var postgresType: PostgresType { .int8 }
    public var postgresText: String { String(self) }
}

extension Int32: PostgresTextEncodable {
    public static var postgresType: PostgresType { .int4 }
    public var postgresText: String { String(self) }
}

extension Int16: PostgresTextEncodable {
    public static var postgresType: PostgresType { .int2 }
    public var postgresText: String { String(self) }
}

extension Bool: PostgresTextEncodable {
    public static var postgresType: PostgresType { .bool }
    public var postgresText: String { self ? "t" : "f" }
}

extension Double: PostgresTextEncodable {
    public static var postgresType: PostgresType { .float8 }
    public var postgresText: String {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return "\(self)"
    }
}

extension Decimal: PostgresTextEncodable {
    public static var postgresType: PostgresType { .numeric }
    public var postgresText: String { NSDecimalNumber(decimal: self).description(withLocale: nil) }
}

extension UUID: PostgresTextEncodable {
    public static var postgresType: PostgresType { .uuid }
    public var postgresText: String { uuidString.lowercased() }
}

extension Date: PostgresTextEncodable {
    public static var postgresType: PostgresType { .timestamptz }
    /// ISO 8601 in UTC with microseconds, the precision of `timestamptz`.
    public var postgresText: String { PostgresTimestamp.format(self) }
}

extension Data: PostgresEncodable {
    public static var postgresType: PostgresType { .bytea }
    /// bytea goes in binary format: the bytes themselves, no escaping, no doubling in size.
    public var postgresBind: PostgresBind { PostgresBind(type: .bytea, bytes: [UInt8](self), isBinary: true) }
}

/// A jsonb value: any Codable value, encoded with JSONEncoder.
public struct PostgresJSON<Value: Codable & Sendable>: PostgresEncodable, Sendable {
    public var value: Value
    public init(_ value: Value) { self.value = value }
    public static var postgresType: PostgresType { .jsonb }
    public var postgresBind: PostgresBind {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a Codable value into JSON fails only for non-finite floats; send NULL then
        // rather than crash, and let a NOT NULL constraint say so.
        guard let data = try? encoder.encode(value) else { return .null(.jsonb) }
        return PostgresBind(type: .jsonb, bytes: [UInt8](data))
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresType { Wrapped.postgresType }
    public var postgresBind: PostgresBind {
        switch self {
        case .some(let value): return value.postgresBind
        case .none: return .null(Wrapped.postgresType)
        }
    }
}
