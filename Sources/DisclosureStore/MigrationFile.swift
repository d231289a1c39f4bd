import Foundation

/// One `Schema/NNNN_name.sql` file.
public struct MigrationFile: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var fileName: String
    public var sql: String

    /// Reads every `NNNN_name.sql` in `directory`, in version order. Other files are ignored;
    /// a `.sql` file not named that way, or two files with one version, is an error.
    public static func load(from directory: URL) throws -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError.unreadableDirectory(path: directory.path)
        }
        var files: [MigrationFile] = []
        for fileName in names.sorted() where fileName.hasSuffix(".sql") {
            guard let (version, name) = parse(fileName) else {
                throw MigrationError.badFileName(fileName)
            }
            let url = directory.appendingPathComponent(fileName)
            guard let data = FileManager.default.contents(atPath: url.path),
                  let sql = String(data: data, encoding: .utf8) else {
                throw MigrationError.unreadableFile(fileName)
            }
            files.append(MigrationFile(version: version, name: name, fileName: fileName, sql: sql))
        }
        let byVersion = Dictionary(grouping: files, by: \.version)
        if let clash = byVersion.values.first(where: { $0.count > 1 }) {
            throw MigrationError.duplicateVersion(clash[0].version, clash.map(\.fileName))
        }
        return files.sorted { $0.version < $1.version }
    }

    static func parse(_ fileName: String) -> (Int, String)? {
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard digits.count == 4, let version = Int(digits), !name.isEmpty else { return nil }
        return (version, String(name))
    }

    /// The 1-based line of a 1-based character position the server reported.
    func line(ofPosition position: Int) -> Int {
        let prefix = sql.unicodeScalars.prefix(max(0, position - 1))
        return 1 + prefix.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
    }
}
