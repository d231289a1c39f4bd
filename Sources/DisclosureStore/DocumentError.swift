/// What the document store refuses.
public enum DocumentError: Error, Equatable, CustomStringConvertible {
    case notFound(Int64)
    /// A final letter was sent as it is; it is never edited.
    case alreadyFinal(Int64)
    /// The draft still holds a 【请填写…】 gap the generator could not fill (e.g. how to pay).
    case unfilled(String)
    case emptyBody

    public var description: String { chineseDescription }

    public var chineseDescription: String {
        switch self {
        case .notFound(let id): return "没有编号为\(id)的文书，或您无权查看。"
        case .alreadyFinal: return "该文书已定稿，不能再修改。如需更正，请重新生成文书。"
        case .unfilled(let gap): return "文书中还有待填写的内容：\(gap)。请先修改草稿再定稿。"
        case .emptyBody: return "文书正文不能为空。"
        }
    }
}
