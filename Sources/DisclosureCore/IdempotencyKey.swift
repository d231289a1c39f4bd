/// A client's name for one write — the `Idempotency-Key` header of the API, or the key a web form
/// carries — so that the write is applied once however often it is sent: a retry after a lost or
/// failed answer gets the case the first one wrote (issue 16: a write that committed could be
/// answered 503, and its retry registered the case twice).
public struct IdempotencyKey: Sendable, Equatable {
    public var userID: Int64
    public var key: String
    /// What was asked (method, path and body): the same key sent with another request is refused.
    public var request: String

    /// At most this many characters (a UUID is 36).
    public static let maxLength = 255

    public init(userID: Int64, key: String, request: String) throws {
        guard !key.isEmpty, key.count <= Self.maxLength, key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw LifecycleError.invalid([FieldProblem(
                "Idempotency-Key", "An idempotency key is 1 to \(Self.maxLength) visible ASCII characters (a UUID, say).",
                "幂等键应为1至\(Self.maxLength)个可见ASCII字符（例如UUID）。")])
        }
        self.userID = userID
        self.key = key
        self.request = request
    }
}

/// The key of an earlier write sent again with another request.
public struct IdempotencyKeyReused: Error, Sendable, Equatable {
    public init() {}
    public var description: String { "This Idempotency-Key was already used for a different request; send a new key for a new request." }
    public var chineseDescription: String { "该幂等键已用于另一项不同的请求；新的请求请使用新的键。" }
}
