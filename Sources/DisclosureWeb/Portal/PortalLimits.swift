import DisclosureCore
import HummingbirdBcrypt

/// How much the portal lets one address, or one receipt code, do: applicants have no account,
/// so these limits and the question asked before a submission are what keep out floods and
/// guessing.
struct PortalLimits: Sendable {
    var submissionsPerAddress = 10
    var submissionWindow: Duration = .seconds(60 * 60)
    var trackingPerAddress = 30
    var trackingWindow: Duration = .seconds(15 * 60)
    /// Wrong passwords for one code before it is locked for the window: with ten characters
    /// of 31 (49 bits) five guesses an hour find nothing.
    /// Similar answers looked up while typing: a request per pause in typing.
    var lookupsPerAddress = 120
    var lookupWindow: Duration = .seconds(60)
    var wrongPasswordsPerCode = 5
    var wrongPasswordWindow: Duration = .seconds(60 * 60)
    /// bcrypt's cost for tracking passwords. They are drawn at random (49 bits), not chosen by
    /// people, so the hash need not make guessing slow the way a staff password's must (cost 11,
    /// a quarter of a second); cost 8 takes 20–30 ms and keeps tracking pages cheap to serve.
    static var trackingHashCost: UInt8 { PasswordHasher.trackingPasswordCost }
    /// A hash of no one's password at the same cost, compared against when the code is unknown.
    let dummyHash: String

    init() {
        dummyHash = Bcrypt.hash("no tracking password", cost: Self.trackingHashCost)
    }

    /// A question's token: 26 characters of the receipt alphabet (about 128 bits).
    static func token(using generator: inout some RandomNumberGenerator) -> String {
        ReceiptCode.draw(26, using: &generator)
    }
}
