/// Who applied (Art. 29): name or organisation, identity document, contact details. Identity
/// numbers, phones, e-mail addresses and addresses are personal information (domain.md §9):
/// `masked()` hides them from everyone who does not handle the case.
public struct Applicant: Sendable, Equatable, Codable {
    public var id: Int64?
    public var kind: ApplicantKind
    public var name: String
    /// 身份证, 护照, 统一社会信用代码, … (`documentTypes`; an officer may type another)
    public var idType: String?
    /// The identity documents the forms offer; 身份证 numbers are checked (`problems()`).
    public static let documentTypes = ["身份证", "护照", "港澳台居民居住证", "统一社会信用代码", "其他"]
    public var idNumber: String?
    public var phone: String?
    public var email: String?
    public var address: String?

    public init(id: Int64? = nil, kind: ApplicantKind, name: String, idType: String? = nil, idNumber: String? = nil,
                phone: String? = nil, email: String? = nil, address: String? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.idType = idType
        self.idNumber = idNumber
        self.phone = phone
        self.email = email
        self.address = address
    }

    /// What is missing or malformed, one problem per field (prefixed `applicant.`).
    public func problems() -> [FieldProblem] {
        var problems = TextLimits.problems(in: self, path: "applicant")
        if name.allSatisfy(\.isWhitespace) {
            problems.append(kind == .naturalPerson
                ? .init("applicant.name", "Give the applicant's name.", "请填写申请人的姓名。")
                : .init("applicant.name", "Give the organisation's name.", "请填写法人或者其他组织的名称。"))
        }
        if let idNumber, !idNumber.isEmpty, idType.isBlank {
            problems.append(.init("applicant.idType", "Say which identity document the number belongs to.",
                                                      "请选择该号码所属的身份证件类型。"))
        }
        if idType == "身份证", let idNumber, !ChineseIdentityNumber.isValid(idNumber) {
            problems.append(.init("applicant.idNumber", "This is not a valid 18-character resident identity number (check the last character).",
                                                        "这不是有效的18位居民身份证号码，请核对（特别是最后一位校验码）。"))
        }
        if let phone, !phone.isEmpty, !phone.allSatisfy({ $0.isNumber || $0 == "-" || $0 == " " || $0 == "+" }) {
            problems.append(.init("applicant.phone", "A phone number has digits only (and - or +).",
                                                     "电话号码只能包含数字以及“-”或“+”。"))
        }
        if let email, !email.isEmpty, !email.contains("@") {
            problems.append(.init("applicant.email", "An e-mail address needs an @.",
                                                     "电子邮箱地址须包含“@”。"))
        }
        if phone.isBlank, email.isBlank, address.isBlank {
            problems.append(.init("applicant.phone", "Give at least one way to reach the applicant: phone, e-mail or address (Art. 29).",
                                                     "请至少填写一种联系方式：电话、电子邮箱或者通信地址（条例第二十九条）。"))
        }
        return problems
    }

    /// The applicant as someone who does not handle the case may see them.
    public func masked() -> Applicant {
        var copy = self
        copy.idNumber = idNumber.map { Self.mask($0, keepFirst: 3, keepLast: 2) }
        copy.phone = phone.map { Self.mask($0, keepFirst: 3, keepLast: 2) }
        copy.email = email.map(Self.maskEmail)
        copy.address = address.map { String($0.prefix(6)) + ($0.count > 6 ? "……" : "") }
        if kind == .naturalPerson, let first = name.first { copy.name = String(first) + String(repeating: "*", count: max(1, name.count - 1)) }
        return copy
    }

    /// The mailbox's name masked as a phone is, its domain kept: `zh********78@example.cn`
    /// says which provider without saying who.
    static func maskEmail(_ email: String) -> String {
        guard let at = email.lastIndex(of: "@") else { return mask(email, keepFirst: 2, keepLast: 0) }
        let name = String(email[..<at])
        // A short name keeps less, so that at least half of it stays hidden.
        let kept = name.count >= 8 ? 2 : name.count >= 4 ? 1 : 0
        return mask(name, keepFirst: kept, keepLast: kept) + String(email[at...])
    }

    static func mask(_ text: String, keepFirst: Int, keepLast: Int) -> String {
        guard text.count > keepFirst + keepLast else { return String(repeating: "*", count: text.count) }
        return String(text.prefix(keepFirst)) + String(repeating: "*", count: text.count - keepFirst - keepLast) + String(text.suffix(keepLast))
    }
}

/// The 18-character resident identity number (GB 11643-1999) and its ISO 7064 check character.
public enum ChineseIdentityNumber {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checks: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    public static func checkCharacter(_ first17: String) -> Character? {
        let digits = first17.compactMap(\.wholeNumberValue)
        guard digits.count == 17, first17.count == 17 else { return nil }
        return checks[zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11]
    }

    public static func isValid(_ number: String) -> Bool {
        let upper = number.uppercased()
        guard upper.count == 18, let last = upper.last else { return false }
        return checkCharacter(String(upper.prefix(17))) == last
    }
}
