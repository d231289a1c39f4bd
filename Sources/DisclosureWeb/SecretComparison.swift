/// Compares a secret sent by the client with the one expected in time that does not depend on
/// where they first differ, so that the answer's timing does not reveal a prefix.
enum SecretComparison {
    static func equal(_ sent: String?, _ expected: String?) -> Bool {
        guard let sent, let expected else { return false }
        let a = Array(sent.utf8), b = Array(expected.utf8)
        guard a.count == b.count, !a.isEmpty else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
