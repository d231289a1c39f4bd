/// The fields PostgreSQL sends with an error (ErrorResponse), kept as the server wrote them.
public struct ServerErrorFields: Sendable, Equatable, CustomStringConvertible {
    public var severity: String
    public var sqlState: String
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character offset into the statement text, when the server points at one.
    public var position: Int?
    public var constraint: String?
    public var table: String?
    public var column: String?

    public init(
        severity: String = "ERROR", sqlState: String, message: String, detail: String? = nil,
        hint: String? = nil, position: Int? = nil, constraint: String? = nil, table: String? = nil,
        column: String? = nil
    ) {
        self.severity = severity
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    public var description: String {
        var text = "\(message) (SQLSTATE \(sqlState))"
        if let detail { text += " — \(detail)" }
        if let hint { text += " Hint: \(hint)" }
        return text
    }
}

/// Everything LibPQ throws. Server errors are sorted by SQLSTATE class so that callers can
/// react to the kind (a conflict is a 409, a serialization failure is retried) without
/// parsing messages.
public enum PostgresError: Error, Sendable, CustomStringConvertible {
    /// 23505 unique_violation, 23P01 exclusion_violation.
    case conflict(ServerErrorFields)
    /// 23xxx integrity violations other than uniqueness, and 22xxx data exceptions.
    case invalid(ServerErrorFields)
    /// 40001 serialization_failure, 40P01 deadlock_detected: rerun the whole transaction.
    case retryable(ServerErrorFields)
    /// Any other error the server reported.
    case server(ServerErrorFields)
    /// The connection string could not be understood.
    case invalidConfiguration(String)
    /// No connection could be opened.
    case connectionFailed(String)
    /// The connection broke while in use.
    case connectionLost(String)
    /// Every connection of the pool stayed busy for longer than the pool's acquire timeout.
    case poolTimeout(waited: Duration, poolSize: Int)
    /// The pool is shutting down or shut down.
    case poolClosed
    /// A value could not be turned into the Swift type asked for.
    case decoding(column: String, message: String)
    /// The result had a shape the caller did not expect (no row, wrong column count, …).
    case unexpectedResult(String)
    /// A COPY did not complete.
    case copyFailed(String)

    public static func classify(_ fields: ServerErrorFields) -> PostgresError {
        switch fields.sqlState {
        case "23505", "23P01": return .conflict(fields)
        case "40001", "40P01": return .retryable(fields)
        case let s where s.hasPrefix("23") || s.hasPrefix("22"): return .invalid(fields)
        default: return .server(fields)
        }
    }

    /// The server's fields, for errors that came from the server.
    public var serverFields: ServerErrorFields? {
        switch self {
        case .conflict(let f), .invalid(let f), .retryable(let f), .server(let f): return f
        default: return nil
        }
    }

    public var sqlState: String? { serverFields?.sqlState }

    public var isRetryable: Bool {
        if case .retryable = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .conflict(let f), .invalid(let f), .retryable(let f), .server(let f):
            return f.description
        case .invalidConfiguration(let m):
            return "The database connection settings are not valid: \(m)"
        case .connectionFailed(let m):
            return "Could not connect to the database: \(m)"
        case .connectionLost(let m):
            return "The database connection was lost: \(m)"
        case .poolTimeout(let waited, let size):
            return "All \(size) database connections stayed busy for \(waited.formattedSeconds); try again shortly."
        case .poolClosed:
            return "The database connection pool is shut down."
        case .decoding(let column, let message):
            return "Could not read column \(column): \(message)"
        case .unexpectedResult(let m):
            return "Unexpected database result: \(m)"
        case .copyFailed(let m):
            return "COPY failed: \(m)"
        }
    }
}

extension Duration {
    var formattedSeconds: String {
        let (s, atto) = components
        let ms = Int(s) * 1000 + Int(atto / 1_000_000_000_000_000)
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }
}
