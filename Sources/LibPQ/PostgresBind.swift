/// One `$n` parameter as it travels to the server: its type OID, its bytes (nil is NULL) and
/// whether the bytes are PostgreSQL's binary format (used for bytea only) or its text format.
public struct PostgresBind: Sendable, Equatable {
    public var type: PostgresType
    public var bytes: [UInt8]?
    public var isBinary: Bool

    public init(type: PostgresType, bytes: [UInt8]?, isBinary: Bool = false) {
        self.type = type
        self.bytes = bytes
        self.isBinary = isBinary
    }

    public init(type: PostgresType, text: String) {
        self.init(type: type, bytes: Array(text.utf8))
    }

    public static func null(_ type: PostgresType) -> PostgresBind {
        PostgresBind(type: type, bytes: nil)
    }
}

/// A PostgreSQL type OID. `unknown` lets the server infer a text parameter's type from context.
public struct PostgresType: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let unknown = PostgresType(rawValue: 0)
    public static let bool = PostgresType(rawValue: 16)
    public static let bytea = PostgresType(rawValue: 17)
    public static let int8 = PostgresType(rawValue: 20)
    public static let int2 = PostgresType(rawValue: 21)
    public static let int4 = PostgresType(rawValue: 23)
    public static let text = PostgresType(rawValue: 25)
    public static let float4 = PostgresType(rawValue: 700)
    public static let float8 = PostgresType(rawValue: 701)
    public static let date = PostgresType(rawValue: 1082)
    public static let timestamptz = PostgresType(rawValue: 1184)
    public static let numeric = PostgresType(rawValue: 1700)
    public static let uuid = PostgresType(rawValue: 2950)
    public static let jsonb = PostgresType(rawValue: 3802)
    public static let boolArray = PostgresType(rawValue: 1000)
    public static let int2Array = PostgresType(rawValue: 1005)
    public static let int4Array = PostgresType(rawValue: 1007)
    public static let textArray = PostgresType(rawValue: 1009)
    public static let int8Array = PostgresType(rawValue: 1016)
    public static let float8Array = PostgresType(rawValue: 1022)
    public static let dateArray = PostgresType(rawValue: 1182)
    public static let uuidArray = PostgresType(rawValue: 2951)
}
