/// Proposes what to hide before a case's text goes into the library (domain.md §9): the
/// applicant's name and address as the case knows them, identity numbers, mobile and landline
/// numbers, e-mail addresses and case numbers found in the text. A person confirms each proposal;
/// only the redacted text is ever stored.
public enum Redactor {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case name, identityNumber = "identity_number", phone, address, email, caseNumber = "case_number"

        public var label: String {
            switch self {
            case .name: return "姓名"
            case .identityNumber: return "身份证号"
            case .phone: return "电话号码"
            case .address: return "地址"
            case .email: return "电子邮箱"
            case .caseNumber: return "案件编号"
            }
        }

        var replacement: String {
            switch self {
            case .name: return "某某"
            case .address: return "某地址"
            case .caseNumber: return "某号"
            default: return "＊＊＊"
            }
        }
    }

    public struct Proposal: Sendable, Equatable {
        public var kind: Kind
        public var original: String
        public var replacement: String
    }

    /// What the case itself says is personal (the applicant's name and address, its number).
    public struct Known: Sendable {
        public var names: [String]
        public var addresses: [String]
        public var caseNumbers: [String]
        public init(names: [String] = [], addresses: [String] = [], caseNumbers: [String] = []) {
            self.names = names
            self.addresses = addresses
            self.caseNumbers = caseNumbers
        }
    }

    /// Every distinct personal item found in `text`, longest first (so that a name inside an
    /// address is not replaced before the address).
    public static func proposals(in text: String, known: Known) -> [Proposal] {
        var found: [Proposal] = []
        func add(_ kind: Kind, _ original: String) {
            guard !original.isEmpty, text.contains(original), !found.contains(where: { $0.original == original }) else { return }
            found.append(Proposal(kind: kind, original: original, replacement: kind.replacement))
        }
        for address in known.addresses where address.count >= 4 { add(.address, address) }
        for number in known.caseNumbers { add(.caseNumber, number) }
        for name in known.names where name.count >= 2 { add(.name, name) }
        for run in digitRuns(text) {
            let digits = run.filter(\.isNumber)
            if run.count == 18, digits.count >= 17 { add(.identityNumber, run) }
            else if run.count == 11, run.first == "1" { add(.phone, run) }
            else if run.contains("-"), digits.count >= 10, digits.count <= 12, run.first == "0" { add(.phone, run) }
        }
        for email in emails(text) { add(.email, email) }
        return found.sorted { $0.original.count > $1.original.count }
    }

    /// The text with the accepted proposals applied.
    public static func apply(_ proposals: [Proposal], to text: String) -> String {
        proposals.sorted { $0.original.count > $1.original.count }.reduce(text) { $0.replacing($1.original, with: $1.replacement) }
    }

    /// Runs of digits (with an X at the end of an identity number, and dashes in landlines).
    static func digitRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var current = ""
        for ch in text {
            if ch.isASCII && ch.isNumber || (!current.isEmpty && (ch == "-" || ch == "X" || ch == "x")) {
                current.append(ch)
            } else {
                if !current.isEmpty { runs.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs.map { $0.hasSuffix("-") ? String($0.dropLast()) : $0 }
    }

    static func emails(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber || "@._-+".contains($0))) })
            .map(String.init)
            .filter { word in
                let parts = word.split(separator: "@")
                return parts.count == 2 && parts[1].contains(".") && !parts[0].isEmpty
            }
    }
}
