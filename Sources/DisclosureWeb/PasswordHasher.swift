import Dispatch
import HummingbirdBcrypt

/// bcrypt, on its own threads: a hash takes a quarter of a second of CPU and must not block
/// Swift's cooperative pool or the event loops.
public enum PasswordHasher {
    static let queue = DispatchQueue(label: "disclosure.bcrypt", attributes: .concurrent)

    /// The cost of every stored password.
    public static let cost: UInt8 = 11

    /// The cost of the portal's tracking passwords: drawn at random (49 bits), not chosen by
    /// people, so the hash need not make guessing slow as a staff password's must (see
    /// PortalLimits); 20–30 ms keeps the tracking page cheap to open.
    public static let trackingPasswordCost: UInt8 = 8

    /// A hash of no one's password, of the same cost as the stored ones. Signing in verifies the
    /// typed password against it when the user name is unknown, inactive or locked, so that the
    /// answer takes as long as for a real account and its timing tells nothing (issue 13).
    static let dummyHash = "$2b$11$tuhPBC2Tba6nujcVL2cysOtI0FLm2CuYj/rDMCbNRYaOjzI..lxOK"

    public static func hash(_ password: String, cost: UInt8 = cost) async -> String {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    public static func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }
}
