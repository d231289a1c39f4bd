/// Time-based one-time codes (TOTP, RFC 6238) as the second step of signing in. The code's
/// arithmetic (HMAC) lives in the web layer, which has the crypto library; what is decided here
/// is who needs a code and which time steps a code may match.
public enum SecondFactor {
    /// Seconds per code, as authenticator apps assume.
    public static let timeStep: Int64 = 30
    public static let digits = 6
    /// A code of the step before or after now is accepted too: phones' clocks drift.
    public static let tolerance: Int64 = 1

    /// The time step a moment falls in.
    public static func step(at secondsSince1970: Double) -> Int64 {
        Int64((secondsSince1970 / Double(timeStep)).rounded(.down))
    }

    /// The six digits typed, without the spaces some apps show between groups; nil if it is not a code.
    public static func parse(_ typed: String) -> Int? {
        let digits = typed.filter { $0 != " " }
        guard digits.count == Self.digits, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// The step a typed code belongs to, if it matches one near `now` that is later than the last
    /// step accepted for this user: a code may not be used twice, nor an older one after a newer.
    public static func acceptedStep(_ code: Int, now: Int64, lastAccepted: Int64?, codeAt: (Int64) -> Int) -> Int64? {
        for step in (now - tolerance)...(now + tolerance) where step > (lastAccepted ?? Int64.min) {
            if codeAt(step) == code { return step }
        }
        return nil
    }
}

extension Role {
    /// Everyone but officers signs in with a one-time code too: supervisors sign replies off,
    /// administrators hold every account and every grant, auditors read the whole trail.
    public var needsSecondFactor: Bool {
        switch self {
        case .officer: return false
        case .supervisor, .administrator, .securityAdministrator, .auditor: return true
        }
    }
}
