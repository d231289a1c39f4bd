public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case unreadableDirectory(path: String)
    case unreadableFile(String)
    case badFileName(String)
    case duplicateVersion(Int, [String])
    case changedAfterApplied(fileName: String)
    case missingFile(version: Int, name: String)
    case failed(fileName: String, line: Int?, message: String)

    public var description: String {
        switch self {
        case .unreadableDirectory(let path):
            return "The migrations folder \(path) cannot be read; run from the project folder or set DISCLOSURE_SCHEMA_DIR."
        case .unreadableFile(let name):
            return "The migration \(name) cannot be read as UTF-8 text."
        case .badFileName(let name):
            return "The migration file \(name) is not named NNNN_name.sql."
        case .duplicateVersion(let version, let names):
            return "Migration version \(version) is used by more than one file: \(names.joined(separator: ", "))."
        case .changedAfterApplied(let name):
            return "The migration \(name) was changed after it was applied to this database; restore it and put the change in a new migration."
        case .missingFile(let version, let name):
            return "The migration \(String(format: "%04d", version))_\(name).sql was applied to this database but its file is missing."
        case .failed(let name, let line, let message):
            let place = line.map { "\(name) line \($0)" } ?? name
            return "The migration \(place) failed and nothing of it was applied: \(message)"
        }
    }
}
