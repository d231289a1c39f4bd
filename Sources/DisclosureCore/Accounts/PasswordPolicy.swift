/// The rules a new password must meet (issue 13): long enough, not the user name nor containing
/// it, and not one of the passwords people pick most often. The list of common passwords is
/// passed in, so the rule stays pure and testable without the resource file.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 10
    /// bcrypt reads 72 bytes; a longer limit only keeps typed novels out.
    public static let maximumLength = 128

    /// The rules as a form states them beside the password field, before anything is sent:
    /// the same rules `problems` applies, so that nobody learns them by being refused.
    public static let chineseRules = "密码要求：至少\(minimumLength)个字符（最多\(maximumLength)个）；不能与用户名相同，也不能包含用户名；"
        + "不能是最常用的一万个密码之一（如 password123）；至少使用4个不同的字符。"
    /// The same, short enough to stand beside each of a list's password fields.
    public static let chineseRulesShort = "至少\(minimumLength)个字符，不含用户名，不用常见密码。"

    /// Lower-cased, as the common lists are; a password is compared lower-cased too, so that
    /// `Password123` counts as the common `password123`.
    let commonPasswords: Set<String>

    public init(commonPasswords: some Sequence<String>) {
        self.commonPasswords = Set(commonPasswords.map { $0.lowercased() })
    }

    public func problems(_ password: String, username: String) -> [PasswordProblem] {
        var found: [PasswordProblem] = []
        if password.count < Self.minimumLength { found.append(.tooShort) }
        if password.count > Self.maximumLength { found.append(.tooLong) }
        let lowered = password.lowercased(), name = username.lowercased()
        if !name.isEmpty, lowered.contains(name) { found.append(.containsUsername) }
        if commonPasswords.contains(lowered) { found.append(.common) }
        if Set(password).count < 4 { found.append(.tooFewDifferentCharacters) }
        return found
    }
}

/// Why a new password is refused, in Chinese for the pages and English for the API and CLI.
public enum PasswordProblem: Sendable, Equatable {
    case tooShort, tooLong, containsUsername, common, tooFewDifferentCharacters

    public var english: String {
        switch self {
        case .tooShort: return "A password needs at least \(PasswordPolicy.minimumLength) characters."
        case .tooLong: return "A password may have at most \(PasswordPolicy.maximumLength) characters."
        case .containsUsername: return "The password must not be or contain the username."
        case .common: return "The password is one of the 10,000 most common passwords; choose another."
        case .tooFewDifferentCharacters: return "The password needs more different characters."
        }
    }

    public var chinese: String {
        switch self {
        case .tooShort: return "密码至少需要\(PasswordPolicy.minimumLength)个字符。"
        case .tooLong: return "密码不能超过\(PasswordPolicy.maximumLength)个字符。"
        case .containsUsername: return "密码不能与用户名相同，也不能包含用户名。"
        case .common: return "这是最常用的一万个密码之一，容易被猜中，请换一个。"
        case .tooFewDifferentCharacters: return "密码过于简单，请使用更多不同的字符。"
        }
    }
}
