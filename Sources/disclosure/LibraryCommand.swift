import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation

/// `disclosure library import DIR`: policy documents from text, Markdown or HTML files;
/// `disclosure library search QUERY`: the library searched as the page searches it.
struct LibraryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "library", abstract: "The case library.", subcommands: [Import.self, Search.self])

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

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the library as the page does: the hits, what the query was taken for, and how long it took.")

        @Argument(help: "What to look for, as a user would type it.") var query: String
        @Option(help: "Hits to show, 1 to 100.") var limit: Int = 10

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...100).contains(limit) else { throw ValidationError("--limit must be from 1 to 100, not \(limit).") }
            guard !query.trimmingCharacters(in: .whitespaces).isEmpty, query.count <= 200 else {
                throw ValidationError("Give a query of 1 to 200 characters.")
            }
        }

        func run() async throws {
            try await reportingFailures {
                try await database.withPool { pool in
                    let started = ContinuousClock.now
                    let results = try await LibraryStore(pool: pool).search(query, limit: limit)
                    let elapsed = ContinuousClock.now - started
                    if let respelled = results.didYouMean { print("did you mean: \(respelled)") }
                    if !results.words.isEmpty { print("searched as words: \(results.words.joined(separator: " "))") }
                    if !results.unmatched.isEmpty { print("not found: \(results.unmatched.joined(separator: " "))") }
                    print("\(results.isExact ? "" : "about ")\(results.total) hits in \(elapsed.formatted(.units(allowed: [.milliseconds])))")
                    for hit in results.hits {
                        print("\(hit.entry.id ?? 0)\t\(hit.entry.title)" + (hit.missing.isEmpty ? "" : "\t(without \(hit.missing.joined(separator: " ")))"))
                    }
                    if results.hits.isEmpty, !results.suggestions.isEmpty { print("try: \(results.suggestions.joined(separator: " "))") }
                }
            }
        }
    }
}
