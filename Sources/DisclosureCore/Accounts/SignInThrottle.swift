/// How many wrong passwords or codes in a row lock a user name, and for how long (issue 13).
/// The count is kept per user name typed, whether or not such a user exists, so that a lockout
/// tells nothing about which names are real.
public enum SignInThrottle {
    public static let failuresBeforeLockout = 5
    public static let lockoutSeconds = 15 * 60
    /// User names are compared as the sign-in form reads them: trimmed and lower-cased (every
    /// real one is lower case), and cut to a length no real one reaches, so a typed novel
    /// cannot grow the table.
    public static let maximumUsernameLength = 64

    public static func key(_ typed: String) -> String {
        let trimmed = typed.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return String(String(trimmed).lowercased().prefix(maximumUsernameLength))
    }
}
