import Dispatch
import HummingbirdBcrypt

/// bcrypt, on its own threads: a hash takes a quarter of a second of CPU and must not block
/// Swift's cooperative pool or the event loops.
public enum PasswordHasher {
    static let queue = DispatchQueue(label: "disclosure.bcrypt", attributes: .concurrent)

    public static func hash(_ password: String, cost: UInt8 = 11) async -> String {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    public static func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }

    /// Rules for a new password, in Chinese for the page and English for the command line.
    public static func problems(_ password: String, username: String) -> [(english: String, chinese: String)] {
        var found: [(String, String)] = []
        if password.count < 10 { found.append(("A password needs at least 10 characters.", "密码至少需要10个字符。")) }
        if password.lowercased() == username.lowercased() { found.append(("The password must not be the username.", "密码不能与用户名相同。")) }
        if Set(password).count < 4 { found.append(("The password needs more different characters.", "密码过于简单，请使用更多不同的字符。")) }
        return found
    }
}
