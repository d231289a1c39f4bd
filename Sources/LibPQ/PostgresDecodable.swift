import CLibPQ
import Foundation

/// One column of one row in PostgreSQL's text format; `bytes` is nil for NULL. Valid only while
/// the decoder runs: decoders copy what they keep.
public struct PostgresCell {
    public let bytes: UnsafeBufferPointer<UInt8>?
    public let columnName: String

    public var isNull: Bool { bytes == nil }

    public func requireText() throws -> String {
        guard let bytes else {
            throw PostgresError.decoding(column: columnName, message: "is NULL; decode it as an Optional")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text as any type that reads its own description (the integer types).
    func parse<T: LosslessStringConvertible>(_ type: T.Type) throws -> T {
        let text = try requireText()
        guard let value = T(text) else { throw failure(T.self, text) }
        return value
    }

    func failure(_ type: Any.Type, _ text: String) -> PostgresError {
        .decoding(column: columnName, message: "\"\(text.prefix(40))\" is not a valid \(type)")
    }
}

/// A Swift value that can be read from a result column.
public protocol PostgresDecodable: Sendable {
    init(postgresCell: PostgresCell) throws
}

extension String: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws { self = try cell.requireText() }
}

extension Int: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws { self = try cell.parse(Int.self) }
}

extension Int64: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws { self = try cell.parse(Int64.self) }
}

extension Int32: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws { self = try cell.parse(Int32.self) }
}

extension Int16: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws { self = try cell.parse(Int16.self) }
}

extension Bool: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        switch try cell.requireText() {
        case "t": self = true
        case "f": self = false
        case let text: throw cell.failure(Bool.self, text)
        }
    }
}

extension Double: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        let text = try cell.requireText()
        switch text {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default:
            guard let value = Double(text) else { throw cell.failure(Double.self, text) }
            self = value
        }
    }
}

extension Decimal: PostgresDecodable {
    /// `numeric` beyond Decimal's 38 significant digits loses precision; decode it as String then.
    public init(postgresCell cell: PostgresCell) throws {
        let text = try cell.requireText()
        if text == "NaN" {
            self = .nan
            return
        }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw cell.failure(Decimal.self, text)
        }
        self = value
    }
}

extension UUID: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        let text = try cell.requireText()
        guard let value = UUID(uuidString: text) else { throw cell.failure(UUID.self, text) }
        self = value
    }
}

extension Date: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        let text = try cell.requireText()
        guard let value = PostgresTimestamp.parse(text) else { throw cell.failure(Date.self, text) }
        self = value
    }
}

extension PostgresDate: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        let text = try cell.requireText()
        guard let value = PostgresDate(iso: text) else { throw cell.failure(PostgresDate.self, text) }
        self = value
    }
}

extension Data: PostgresDecodable {
    /// bytea arrives hex-escaped (`\x…`) in text format; libpq unescapes it.
    public init(postgresCell cell: PostgresCell) throws {
        guard let bytes = cell.bytes else {
            throw PostgresError.decoding(column: cell.columnName, message: "is NULL; decode it as an Optional")
        }
        var terminated = Array(bytes)
        terminated.append(0)
        var length = 0
        guard let raw = terminated.withUnsafeBufferPointer({ PQunescapeBytea($0.baseAddress, &length) }) else {
            throw cell.failure(Data.self, "bytea")
        }
        defer { PQfreemem(raw) }
        self = Data(bytes: raw, count: length)
    }
}

extension PostgresJSON: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let bytes = cell.bytes else {
            throw PostgresError.decoding(column: cell.columnName, message: "is NULL; decode it as an Optional")
        }
        do {
            value = try JSONDecoder().decode(Value.self, from: Data(bytes))
        } catch {
            throw PostgresError.decoding(column: cell.columnName, message: "JSON does not match \(Value.self): \(error)")
        }
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        self = cell.isNull ? nil : try Wrapped(postgresCell: cell)
    }
}
