/// Why a letter cannot be written for a case.
public enum LetterError: Error, Equatable, CustomStringConvertible {
    /// The event the letter reports has not happened (no extension approved, no reply yet, …).
    case notAvailable(LetterKind)

    public var description: String { chineseDescription }

    public var chineseDescription: String {
        switch self {
        case .notAvailable(let kind): return "本案尚不能生成“\(kind.label)”：相应的办理事项还没有记录。"
        }
    }
}
