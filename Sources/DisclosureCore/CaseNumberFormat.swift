/// How an agency numbers its applications, e.g. `{short}依申〔{year}〕第{seq:4}号` →
/// `市中区住建局依申〔2024〕第0012号`. Placeholders: `{short}` and `{name}` of the agency, `{year}`,
/// `{seq}` and `{seq:N}` (the number zero-padded to N digits).
public struct CaseNumberFormat: Sendable, Equatable {
    public let pattern: String

    public static let standard = CaseNumberFormat(unchecked: "{short}依申〔{year}〕第{seq:4}号")

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missingSequence
        case unknownPlaceholder(String)

        public var description: String {
            switch self {
            case .missingSequence: return "A case number format must contain {seq} or {seq:N}, or numbers would repeat."
            case .unknownPlaceholder(let name): return "{\(name)} is not a case number placeholder; use {short}, {name}, {year}, {seq} or {seq:N}."
            }
        }

        /// The same in Simplified Chinese, for the web UI.
        public var chineseDescription: String {
            switch self {
            case .missingSequence: return "案件编号格式必须包含{seq}或{seq:N}（顺序号），否则编号会重复。"
            case .unknownPlaceholder(let name):
                return "{\(name)}不是案件编号的占位符；可以使用{short}（机关简称）、{name}（机关名称）、{year}（年度）、{seq}或{seq:N}（顺序号，补零至N位）。"
            }
        }
    }

    public init(_ pattern: String) throws(Failure) {
        var sawSequence = false
        for name in Self.placeholders(in: pattern) {
            if name == "seq" || Self.padding(name) != nil { sawSequence = true }
            else if !["short", "name", "year"].contains(name) { throw .unknownPlaceholder(name) }
        }
        guard sawSequence else { throw .missingSequence }
        self.pattern = pattern
    }

    init(unchecked pattern: String) { self.pattern = pattern }

    public func render(shortName: String, name: String, year: Int, sequence: Int) -> String {
        var out = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let key = String(rest[rest.index(after: open)..<close])
            switch key {
            case "short": out += shortName
            case "name": out += name
            case "year": out += String(year)
            case "seq": out += String(sequence)
            default:
                let digits = String(sequence)
                out += String(repeating: "0", count: max(0, (Self.padding(key) ?? 0) - digits.count)) + digits
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static func placeholders(in pattern: String) -> [String] {
        var names: [String] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    static func padding(_ key: String) -> Int? {
        guard key.hasPrefix("seq:"), let n = Int(key.dropFirst(4)), (1...9).contains(n) else { return nil }
        return n
    }
}
