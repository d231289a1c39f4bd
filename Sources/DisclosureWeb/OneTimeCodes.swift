import DisclosureCore
import Foundation
import HummingbirdOTP

/// TOTP codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, as every authenticator app
/// reads an otpauth:// URI) through HummingbirdOTP. A secret is kept as text whose UTF-8 bytes
/// are the key, as HummingbirdOTP takes it; apps are given those bytes in base32.
public enum OneTimeCodes {
    /// 32 random letters and digits: 190 bits, more than RFC 4226's recommended 160.
    public static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The code of a time step (`SecondFactor.step(at:)`).
    public static func code(secret: String, step: Int64) -> Int {
        TOTP(secret: secret, length: SecondFactor.digits, timeStep: Int(SecondFactor.timeStep))
            .compute(date: Date(timeIntervalSince1970: Double(step * SecondFactor.timeStep)))
    }

    /// The key as authenticator apps take it when typed in: base32 (RFC 4648) without padding.
    public static func base32(_ secret: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var text = "", buffer = 0, bits = 0
        for byte in secret.utf8 {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                text.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { text.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return text
    }

    /// The otpauth:// URI that apps read (from a QR code, or pasted).
    public static func uri(secret: String, username: String) -> String {
        TOTP(secret: secret, length: SecondFactor.digits, timeStep: Int(SecondFactor.timeStep))
            .createAuthenticatorURL(label: "\(issuer):\(username)", issuer: issuer)
    }

    static let issuer = "DisclosureDesk"
}
