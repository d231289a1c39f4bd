import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ

/// `disclosure bench relevance`: the relevance set of issue 15 (real public texts, queries typed
/// the way people type them, judged answers) loaded into a throwaway library; every query runs
/// through the library's search with its filters, and hit@1, hit@3 and MRR@10 are printed per
/// category beside `ILIKE '%query%'` ranked by title matches first, measured in the same run.
struct BenchRelevance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relevance", abstract: "Search quality over the relevance set (hit@1, hit@3, MRR@10 per category) beside an ILIKE baseline.")

    @Option(help: "The relevance set's folder (holding corpus/*.txt and queries.tsv); by default Tests/relevance of the checkout.")
    var corpus: String?
    @Option(help: "How many of the missed queries to list.") var misses: Int = 10
    @Flag(help: "Also list, as they are run, the queries whose first right answer is not first.") var ranks = false

    func run() async throws {
        try await reportingFailures {
            let folder = corpus.map { URL(fileURLWithPath: $0) } ?? ProjectFolder.find("Tests/relevance")
            let set = try LoadedRelevanceSet(folder: folder)
            try await onThrowawayCluster("bench-relevance", durability: .throwaway) { cluster in
                let pool = try await benchDatabase(cluster, poolSize: 2)
                let library = LibraryStore(pool: pool)
                let ids = try await load(set.documents, into: library, pool: pool)
                let report = try await measure(set, library: library, pool: pool, ids: ids)
                print("bench relevance: \(set.documents.count) entries, \(set.queries.count) judged queries (\(folder.path))")
                print(report.table())
                print(report.missList(limit: max(0, min(misses, 1_000)), documents: set.documents))
                await pool.close()
            }
        }
    }

    /// Adds every entry (and any topic the library lacks), and gives back the set's id of each stored entry.
    func load(_ documents: [RelevanceSet.Document], into library: LibraryStore, pool: ConnectionPool) async throws -> [Int64: String] {
        let known = Set(try await library.topics())
        for topic in Set(documents.compactMap(\.topic)).subtracting(known).sorted() { try await library.addTopic(topic) }
        var ids: [Int64: String] = [:]
        for document in documents { ids[try await library.add(document.entry, by: nil)] = document.id }
        try await library.refreshTerms()
        try await pool.query("ANALYZE library_entries")
        return ids
    }

    func measure(_ set: LoadedRelevanceSet, library: LibraryStore, pool: ConnectionPool, ids: [Int64: String]) async throws -> RelevanceReport {
        var report = RelevanceReport()
        for query in set.queries {
            let filters = LibraryStore.Filters(kind: query.kind, topic: query.topic, year: query.year)
            var ranking: [String] = []
            do {
                let results = try await library.search(query.text, filters: filters, limit: 10)
                ranking = results.hits.compactMap { $0.entry.id.flatMap { ids[$0] } }
            } catch {
                // A query the search refuses is a miss, not the end of the measurement.
                report.failures.append((query, UserMessage.describe(error)))
            }
            if ranks, RelevanceSet.firstRightRank(ranking, answers: query.answers) != 1 {
                let rank = RelevanceSet.firstRightRank(ranking, answers: query.answers).map(String.init) ?? "-"
                print("  rank \(rank): \(query.category) \"\(query.text)\" wanted \(query.answers.joined(separator: ",")); found \(ranking.prefix(5).joined(separator: ","))")
            }
            let baseline = try await ilike(query, pool: pool).compactMap { ids[$0] }
            report.add(query, ranking: ranking, baseline: baseline)
        }
        return report
    }

    /// The reference: every entry whose title or body holds the query as typed, titles first.
    func ilike(_ query: RelevanceSet.Query, pool: ConnectionPool) async throws -> [Int64] {
        let pattern = "%" + query.text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        var conditions: [Query] = ["(e.title || ' ' || e.body) ILIKE \(pattern)"]
        if let kind = query.kind { conditions.append("e.kind = \(kind.rawValue)") }
        if let topic = query.topic { conditions.append("e.topic = \(topic)") }
        if let year = query.year { conditions.append("e.year = \(year)") }
        return try await pool.query("""
            SELECT e.id FROM library_entries e WHERE \(Query.joined(conditions, separator: " AND "))
            ORDER BY (e.title ILIKE \(pattern)) DESC, e.id LIMIT 10
            """).map { try $0.decode(Int64.self, at: 0) }
    }
}

/// The corpus files and judged queries of one relevance-set folder, checked against each other.
struct LoadedRelevanceSet {
    var documents: [RelevanceSet.Document] = []
    var queries: [RelevanceSet.Query]

    init(folder: URL) throws {
        let corpus = folder.appendingPathComponent("corpus")
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
        guard !files.isEmpty else { throw ValidationError("No corpus files (*.txt) in \(corpus.path); give the relevance set's folder with --corpus.") }
        for file in files {
            documents += try RelevanceSet.documents(in: String(contentsOf: corpus.appendingPathComponent(file), encoding: .utf8), file: file)
        }
        queries = try RelevanceSet.queries(in: String(contentsOf: folder.appendingPathComponent("queries.tsv"), encoding: .utf8), file: "queries.tsv")
        let known = Set(documents.map(\.id))
        guard known.count == documents.count else { throw ValidationError("Two corpus entries share an id.") }
        if let query = queries.first(where: { !$0.answers.allSatisfy(known.contains) }) {
            throw ValidationError("queries.tsv line \(query.line) names an answer the corpus does not hold: \(query.answers.filter { !known.contains($0) }.joined(separator: ", ")).")
        }
    }
}

/// The scores of one run, per category and overall, for search and for the ILIKE baseline.
struct RelevanceReport {
    var search: [String: RelevanceSet.Score] = [:]
    var baseline: [String: RelevanceSet.Score] = [:]
    var missed: [(query: RelevanceSet.Query, got: [String])] = []
    var failures: [(query: RelevanceSet.Query, message: String)] = []

    mutating func add(_ query: RelevanceSet.Query, ranking: [String], baseline ilike: [String]) {
        let rank = RelevanceSet.firstRightRank(ranking, answers: query.answers)
        for key in [query.category, "overall"] {
            search[key, default: RelevanceSet.Score()].add(rank: rank)
            baseline[key, default: RelevanceSet.Score()].add(rank: RelevanceSet.firstRightRank(ilike, answers: query.answers))
        }
        if rank == nil { missed.append((query, ranking)) }
    }

    func table() -> String {
        func cells(_ score: RelevanceSet.Score) -> String {
            String(format: "%6.2f %6.2f %7.2f", score.hitAt1, score.hitAt3, score.mrrAt10)
        }
        var lines = ["category          queries |  hit@1  hit@3  MRR@10 |  ILIKE: hit@1  hit@3  MRR@10"]
        for name in RelevanceSet.categories.map(\.name) + ["overall"] {
            guard let ours = search[name], let theirs = baseline[name] else { continue }
            lines.append(name.padding(toLength: 17, withPad: " ", startingAt: 0) + String(format: " %7d | ", ours.queries)
                         + cells(ours) + " |        " + cells(theirs))
        }
        lines.append("goal: MRR@10 ≥ 0.90 overall and ≥ 0.80 in every category")
        return lines.joined(separator: "\n")
    }

    func missList(limit: Int, documents: [RelevanceSet.Document]) -> String {
        let titles = Dictionary(documents.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        var lines = ["queries with no right answer in the first 10: \(missed.count) of \(search["overall"]?.queries ?? 0)"
                     + (missed.isEmpty ? "" : " (first \(min(limit, missed.count)) shown)")]
        for (query, got) in missed.prefix(limit) {
            let expected = query.answers.first.map { "\($0) \(titles[$0] ?? "")" } ?? ""
            let top = got.first.map { "\($0) \(titles[$0] ?? "")" } ?? "nothing"
            lines.append("  \(query.category) \"\(query.text)\": wanted \(expected); first found: \(top)")
        }
        for (query, message) in failures { lines.append("  search failed for \(query.category) \"\(query.text)\": \(message)") }
        return lines.joined(separator: "\n")
    }
}
