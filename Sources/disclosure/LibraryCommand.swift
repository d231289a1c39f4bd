import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation

/// `disclosure library import DIR`: policy documents from text, Markdown or HTML files.
struct LibraryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "library", abstract: "The case library.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import every .txt, .md and .html file of a folder as library entries (long ones indexed in chunks).")

        @Argument(help: "The folder.") var folder: String
        @Option(help: "typical_case, policy, standard_text or faq.") var kind: String = "policy"
        @Option(help: "The topic (one of the library's topics).") var topic: String?
        @Option(help: "The year the documents belong to.") var year: Int?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard LibraryEntry.Kind(rawValue: kind) != nil else {
                throw ValidationError("--kind must be one of \(LibraryEntry.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }

        func run() async throws {
            let url = URL(fileURLWithPath: folder)
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() } catch {
                FileHandle.standardError.write(Data("error: cannot read the folder \(folder).\n".utf8))
                throw ExitCode(1)
            }
            var entries: [(String, LibraryEntry)] = []
            for name in names {
                guard let format = DocumentText.format(ofFileNamed: name) else { continue }
                guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path),
                      let text = String(data: data, encoding: .utf8) else {
                    FileHandle.standardError.write(Data("error: \(name) is not UTF-8 text; nothing was imported.\n".utf8))
                    throw ExitCode(1)
                }
                let (title, body) = DocumentText.extract(text, format: format)
                let entry = LibraryEntry(kind: LibraryEntry.Kind(rawValue: kind)!, title: title, body: body, topic: topic, year: year)
                if let problem = entry.problems().first {
                    FileHandle.standardError.write(Data("error: \(name): \(problem.message) Nothing was imported.\n".utf8))
                    throw ExitCode(1)
                }
                entries.append((name, entry))
            }
            try await reportingFailures {
                try await database.withPool { pool in
                    let library = LibraryStore(pool: pool)
                    for (name, entry) in entries {
                        let id = try await library.add(entry, by: nil)
                        print("imported \(name) as entry \(id): \(entry.title) (\(entry.body.count) characters)")
                    }
                    print("\(entries.count) documents imported.")
                }
            }
        }
    }
}
