import DisclosureCore
import Hummingbird

/// Whole numbers read from a query string, bounded where they are read: a value that is not a
/// number, or outside its range, is a 422 naming the parameter, so that nothing further down
/// multiplies or offsets by it.
extension Parameters {
    func number(_ name: String, in range: ClosedRange<Int>, meaning: String, chinese: String) throws -> Int? {
        guard let text = get(name), !text.isEmpty else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.invalid([FieldProblem(name, "\"\(text.prefix(40))\" is not \(meaning) from \(range.lowerBound) to \(range.upperBound).",
                                                 "查询参数「\(name)」应为\(range.lowerBound)至\(range.upperBound)之间的\(chinese)。")])
        }
        return value
    }

    /// `?page=`, from 1 to `maxPage`; the first when absent.
    func page(max maxPage: Int) throws -> Int {
        try number("page", in: 1...maxPage, meaning: "a page number", chinese: "页码") ?? 1
    }

    /// A record id (`?agency=`, `?officer=`): positive and within PostgreSQL's bigint.
    func id(_ name: String) throws -> Int64? {
        try number(name, in: 1...Int(Int64.max), meaning: "an id", chinese: "编号").map(Int64.init)
    }
}
