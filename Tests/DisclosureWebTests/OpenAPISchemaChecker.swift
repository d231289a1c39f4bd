import Foundation

/// JSON as it was written: decoded with `JSONDecoder`, which keeps `true` apart from `1` and
/// `1` apart from `1.5` (JSONSerialization's NSNumbers blur both on Linux).
indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let value = try? single.decode(Bool.self) { self = .bool(value) }
        else if let value = try? single.decode(Int64.self) { self = .integer(value) }
        else if let value = try? single.decode(Double.self) { self = .number(value) }
        else if let value = try? single.decode(String.self) { self = .string(value) }
        else if let value = try? single.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try single.decode([String: JSONValue].self)) }
    }

    static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    subscript(key: String) -> JSONValue? { if case .object(let fields) = self { return fields[key] } else { return nil } }
    var object: [String: JSONValue]? { if case .object(let fields) = self { return fields } else { return nil } }
    var array: [JSONValue]? { if case .array(let items) = self { return items } else { return nil } }
    var string: String? { if case .string(let text) = self { return text } else { return nil } }
}

/// The subset of JSON Schema that Resources/openapi.json uses (OpenAPI 3.0's dialect), enough to
/// say whether a response has the shape the document promises. `keywords` lists what it
/// understands; OpenAPIDocumentTests checks the document uses nothing else.
struct OpenAPISchemaChecker {
    let document: JSONValue

    static let keywords: Set<String> = [
        "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "oneOf", "anyOf",
        "minimum", "maximum", "maxLength", "pattern", "format", "description",
    ]

    /// The schema a `$ref` such as `#/components/schemas/CaseDetail` points at.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        return reference.dropFirst(2).split(separator: "/").reduce(Optional(document)) { $0?[String($1)] }
    }

    /// Every way `value` breaks `schema`, each with the JSON path where it does; empty when it fits.
    func problems(_ value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        guard let rules = schema.object else { return ["\(path): the schema is not an object"] }
        if let reference = rules["$ref"]?.string {
            guard let target = resolve(reference) else { return ["\(path): \(reference) does not resolve"] }
            return problems(value, against: target, at: path)
        }
        var found: [String] = []
        if let type = rules["type"]?.string, !Self.fits(value, type: type) {
            return ["\(path): expected \(type), got \(Self.describe(value))"]
        }
        if let allowed = rules["enum"]?.array, !allowed.contains(value) {
            found.append("\(path): \(Self.describe(value)) is not one of \(allowed.compactMap(\.string))")
        }
        if let variants = rules["oneOf"]?.array {
            let matching = variants.filter { problems(value, against: $0, at: path).isEmpty }.count
            if matching != 1 { found.append("\(path): matches \(matching) of the oneOf variants, not exactly 1") }
        }
        if let variants = rules["anyOf"]?.array, !variants.contains(where: { problems(value, against: $0, at: path).isEmpty }) {
            found.append("\(path): matches none of the anyOf variants")
        }
        switch value {
        case .object(let fields):
            let properties = rules["properties"]?.object ?? [:]
            for name in rules["required"]?.array?.compactMap(\.string) ?? [] where fields[name] == nil {
                found.append("\(path): required \(name) is missing")
            }
            for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    found += problems(field, against: property, at: "\(path).\(name)")
                } else if rules["additionalProperties"] == .bool(false) {
                    found.append("\(path): \(name) is not in the document")
                } else if let extra = rules["additionalProperties"], extra.object != nil {
                    found += problems(field, against: extra, at: "\(path).\(name)")
                }
            }
        case .array(let items):
            if let itemSchema = rules["items"] {
                for (index, item) in items.enumerated() { found += problems(item, against: itemSchema, at: "\(path)[\(index)]") }
            }
        case .integer, .number:
            let number: Double = if case .integer(let n) = value { Double(n) } else if case .number(let n) = value { n } else { 0 }
            if case .integer(let minimum)? = rules["minimum"], number < Double(minimum) { found.append("\(path): \(number) is below \(minimum)") }
            if case .integer(let maximum)? = rules["maximum"], number > Double(maximum) { found.append("\(path): \(number) is above \(maximum)") }
        case .string(let text):
            if case .integer(let longest)? = rules["maxLength"], text.count > longest { found.append("\(path): \(text.count) characters, more than \(longest)") }
            if let pattern = rules["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): \"\(text)\" does not match \(pattern)")
            }
            if rules["format"]?.string == "date", text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil {
                found.append("\(path): \"\(text)\" is not a date")
            }
        default:
            break
        }
        return found
    }

    static func fits(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("integer", .integer),
             ("number", .integer), ("number", .number):
            return true
        default:
            return false
        }
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .integer(let n): return "\(n)"
        case .number(let n): return "\(n)"
        case .string(let s): return "\"\(s.prefix(40))\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
