/// Which contact details a notification can be sent to.
public enum Contact {
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return (3...254).contains(text.utf8.count) && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && text.utf8.allSatisfy { (0x21...0x7E).contains($0) && $0 != 0x3C && $0 != 0x3E }
    }

    /// A mainland mobile number (11 digits from 1, an optional +86 or 86 before): the only
    /// numbers an SMS reaches. Spaces and hyphens as typed are dropped.
    public static func mobile(_ text: String) -> String? {
        var digits = text.filter { $0 != " " && $0 != "-" }
        if digits.hasPrefix("+86") { digits.removeFirst(3) } else if digits.hasPrefix("86"), digits.count == 13 { digits.removeFirst(2) }
        guard digits.count == 11, digits.first == "1", digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return digits
    }
}
