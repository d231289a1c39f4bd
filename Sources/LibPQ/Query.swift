import Foundation

/// A statement and its parameters, written with string interpolation:
///
///     let q: Query = "SELECT id FROM cases WHERE agency_id = \(agency) AND subject LIKE \(pattern)"
///
/// Every interpolated value becomes a `$n` parameter; there is deliberately no interpolation that
/// splices a value into the SQL text. Identifiers are quoted (`\(identifier: name)`), fixed SQL
/// can be chosen at run time only from compile-time strings (`\(raw: "DESC")`), and queries compose
/// (`\(fragment)`) with their parameters renumbered.
public struct Query: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Part: Sendable {
        case sql(String)
        case bind(Int)
    }

    var parts: [Part]
    public private(set) var binds: [PostgresBind]
    /// Server settings this statement alone runs under (see `StatementSettings`).
    public internal(set) var settings: [Setting] = []

    public init(stringLiteral value: StaticString) {
        parts = [.sql(value.description)]
        binds = []
    }

    public init(stringInterpolation: StringInterpolation) {
        parts = stringInterpolation.parts
        binds = stringInterpolation.binds
    }

    /// The statement text with `$1 … $n` placeholders.
    public var sql: String {
        var text = ""
        for part in parts {
            switch part {
            case .sql(let s): text += s
            case .bind(let i): text += "$\(i + 1)"
            }
        }
        return text
    }

    public var description: String { sql }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        var binds: [PostgresBind] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            parts.reserveCapacity(interpolationCount * 2 + 1)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: StaticString) {
            parts.append(.sql(literal.description))
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            parts.append(.bind(binds.count))
            binds.append(value.postgresBind)
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            parts.append(.bind(binds.count))
            binds.append(value?.postgresBind ?? .null(Value.postgresType))
        }

        /// A quoted identifier: safe for any name, including ones with quotes in them.
        public mutating func appendInterpolation(identifier: String) {
            parts.append(.sql(Query.quoteIdentifier(identifier)))
        }

        /// SQL text fixed at compile time, chosen at run time (a sort direction, a column list).
        public mutating func appendInterpolation(raw: StaticString) {
            parts.append(.sql(raw.description))
        }

        /// Another query, whose parameters are renumbered to follow ours.
        public mutating func appendInterpolation(_ fragment: Query) {
            let offset = binds.count
            for part in fragment.parts {
                switch part {
                case .sql(let s): parts.append(.sql(s))
                case .bind(let i): parts.append(.bind(i + offset))
                }
            }
            binds.append(contentsOf: fragment.binds)
        }
    }

    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Joins fragments with a separator, e.g. filter conditions with `AND`.
    public static func joined(_ fragments: [Query], separator: StaticString) -> Query {
        var result = Query(parts: [], binds: [])
        for (i, fragment) in fragments.enumerated() {
            if i > 0 { result.parts.append(.sql(separator.description)) }
            let offset = result.binds.count
            result.parts.append(contentsOf: fragment.parts.map {
                if case .bind(let n) = $0 { return .bind(n + offset) }
                return $0
            })
            result.binds.append(contentsOf: fragment.binds)
        }
        return result
    }

    init(parts: [Part], binds: [PostgresBind]) {
        self.parts = parts
        self.binds = binds
    }
}
