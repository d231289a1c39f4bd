import DisclosureCore
import Foundation

/// The password policy with the list of the 10,000 most common passwords, read once from the
/// program's resources (Resources/passwords, with its source and licence). Every place that
/// sets a password asks here: the profile page, the administrators' page, `disclosure user`.
public enum PasswordRules {
    public static func problems(_ password: String, username: String) throws -> [PasswordProblem] {
        try policy.get().problems(password, username: username)
    }

    static let policy = Result { PasswordPolicy(commonPasswords: try commonPasswords()) }

    /// The list's lines, without the comment lines at its head.
    static func commonPasswords() throws -> [String] {
        guard let file = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources/passwords") else {
            throw APIError(status: .internalServerError, code: "passwords", message: "The list of common passwords is missing from the program's resources.",
                           chinese: "程序缺少常用密码列表。")
        }
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    }
}
