import CLibPQ

/// The rows of one statement. Owns libpq's result and frees it when the last reference goes;
/// a result no longer touches its connection, so it may be read from any task.
public final class QueryResult: @unchecked Sendable, RandomAccessCollection {
    let handle: OpaquePointer?
    public let columns: [String]
    public let count: Int
    /// Rows inserted, updated, deleted, copied, … as the command tag reports them.
    public let affectedRows: Int

    init(handle: OpaquePointer) {
        self.handle = handle
        count = Int(PQntuples(handle))
        columns = (0..<PQnfields(handle)).map { String(cString: PQfname(handle, $0)) }
        affectedRows = Int(String(cString: PQcmdTuples(handle))) ?? 0
    }

    deinit { if let handle { PQclear(handle) } }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> Row { Row(result: self, index: position) }

    /// The single row of a statement that must return exactly one.
    public func single() throws -> Row {
        guard count == 1 else { throw PostgresError.unexpectedResult("expected one row, got \(count)") }
        return self[0]
    }

    func cell(row: Int, column: Int) throws -> PostgresCell {
        guard column >= 0, column < columns.count else {
            throw PostgresError.unexpectedResult("no column \(column); the result has \(columns.count)")
        }
        let name = columns[column]
        if PQgetisnull(handle, Int32(row), Int32(column)) == 1 {
            return PostgresCell(bytes: nil, columnName: name)
        }
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        let pointer = PQgetvalue(handle, Int32(row), Int32(column))
        return pointer!.withMemoryRebound(to: UInt8.self, capacity: length) {
            PostgresCell(bytes: UnsafeBufferPointer(start: $0, count: length), columnName: name)
        }
    }
}

/// One row of a result.
public struct Row: Sendable {
    let result: QueryResult
    let index: Int

    /// How many columns the row has: lets one reader serve queries that add columns at the end.
    public var columnCount: Int { result.columns.count }

    /// The value of the column at `column` (0-based).
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        try withExtendedLifetime(result) {
            try T(postgresCell: result.cell(row: index, column: column))
        }
    }

    /// The value of the column named `name`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, named name: String) throws -> T {
        guard let column = result.columns.firstIndex(of: name) else {
            throw PostgresError.unexpectedResult("no column named \(name)")
        }
        return try decode(type, at: column)
    }

    /// The first columns as a tuple: `let (id, name) = try row.decode(Int.self, String.self)`.
    public func decode<each T: PostgresDecodable>(_ types: repeat (each T).Type) throws -> (repeat each T) {
        var column = 0
        func next<U: PostgresDecodable>(_ type: U.Type) throws -> U {
            defer { column += 1 }
            return try decode(type, at: column)
        }
        return (repeat try next((each T).self))
    }
}
