import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ

/// `disclosure bench search`: library search over generated documents — p50 and p95 for
/// 2-, 3- and 4-character queries and questions with facets, beside an ILIKE '%…%' scan in the same run — and
/// keyword suggestions.
struct BenchSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search latency over generated library documents beside an ILIKE scan, and suggestions.")

    @Option(help: "Documents to generate.") var documents: Int = 1_000_000
    @Option(help: "Runs per query.") var runs: Int = 5
    @Option(help: "Word list with frequencies (`word count` per line) the documents are written from.")
    var vocabulary: String = DemoVocabulary.jiebaDictionary
    @Flag(help: "Leave the cluster running afterwards, for a closer look with psql or --reuse.") var keep = false
    @Option(help: "Measure again on the cluster a run with --keep left in this folder, without generating documents.")
    var reuse: String?
    @Option(help: "Measure only these rows (by name: questions, pinyin, …), to look into one after a change.")
    var only: [String] = []

    static let queries: [(String, [String])] = [
        ("2 characters", ["征收", "低保", "规划", "预算", "抽检", "招生", "燃气", "耕地"]),
        ("3 characters", ["补偿款", "许可证", "老旧小", "食品安", "环境影", "拆除决"]),
        ("4 characters", ["征收补偿", "最低生活", "三公经费", "招标文件", "安全隐患", "施工合同"]),
        // Found by none as typed: searched as their words (issue 15).
        ("questions", ["我想知道申请公开政府信息要不要交钱", "我想查一下我家房子拆迁的补偿标准", "补偿征收", "请问低保标准是多少"]),
        // Issue 15: written again in the characters the library holds, or folded, or expanded.
        ("pinyin", ["zhengshou", "buchangkuan", "zsbc", "征收buchang", "sgjf"]),
        ("typos", ["征收补尝", "最低生活保账", "三公经废", "食品安全抽减"]),
        ("traditional", ["徵收補償", "補償款", "環境影響", "政府資訊公開"]),
        ("synonyms", ["拆迁补偿", "低保标准", "拆迁"]),
        ("citations", ["条例第二十条", "第15条"]),
    ]

    func validate() throws {
        let names = Self.queries.map(\.0)
        for name in only where !names.contains(name) {
            throw ValidationError("No row named \(name); the rows are: \(names.joined(separator: ", ")).")
        }
    }

    func run() async throws {
        try await reportingFailures {
            if let reuse {
                let cluster = try LocalCluster(directory: URL(fileURLWithPath: reuse), durability: .throwaway)
                try await cluster.start()
                let pool = benchPool(cluster.connectionConfiguration(database: "bench"), size: 4)
                let count = try await pool.query("SELECT count(*) FROM library_entries").single().decode(Int.self, at: 0)
                print("bench search: \(count) documents found in \(reuse); median of \(runs) runs per query")
                try await measure(pool)
                return
            }
            let words = try DemoVocabulary(contentsOf: vocabulary)
            try await onThrowawayCluster("bench-search", durability: .throwaway, keep: keep) { cluster in
                let pool = try await benchDatabase(cluster, poolSize: 4)
                _ = try await DemoDirectory.seed(pool)
                let started = ContinuousClock.now
                try await DemoSearchCorpus.load(pool, count: documents, vocabulary: words)
                print(String(format: "bench search: %d documents generated and indexed in %.0f s; median of %d runs per query", documents, (ContinuousClock.now - started).seconds, runs))
                // Off the write path (Schema 0022): the character pairs a respelling may use.
                let noting = ContinuousClock.now
                try await LibraryStore(pool: pool).notePairs()
                print(String(format: "character pairs of the library noted afterwards in %.0f s", (ContinuousClock.now - noting).seconds))
                try await measure(pool)
            }
        }
    }

    func measure(_ pool: ConnectionPool) async throws {
        let library = LibraryStore(pool: pool)
        try await library.refreshTerms()
        func time(_ body: () async throws -> Void) async throws -> Double {
            let start = ContinuousClock.now
            try await body()
            return (ContinuousClock.now - start).seconds * 1000
        }
        func percentile(_ values: [Double], _ p: Double) -> Double {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        // The query segmenter's dictionary, read on first use, and the cost of splitting a question.
        var segmenter: Segmenter?
        let loading = try await time { segmenter = SearchDictionary.segmenter }
        let questions = Self.queries.last!.1
        let splitting = try await time { for _ in 0..<100 { for q in questions { _ = QueryWords.words(q, segmenter: segmenter!) } } } / Double(100 * questions.count)
        print(String(format: "search dictionary: %d words loaded in %.0f ms; a question split into words in %.3f ms", segmenter!.wordCount, loading, splitting))
        // What a respelling reads first: the pinyin lexicon, and the library's character pairs.
        let lexicon = try await time { _ = SearchDictionary.lexicon }
        var pairs = 0
        let reading = try await time { pairs = try await library.readCharacterPairs() }
        print(String(format: "pinyin lexicon built in %.0f ms; %d character pairs of the library read in %.0f ms", lexicon, pairs, reading))
        for (name, words) in Self.queries where only.isEmpty || only.contains(name) {
            var ours: [Double] = [], scan: [Double] = [], slowest = ("", 0.0)
            for word in words {
                _ = try await library.search(word)  // warm
                for _ in 0..<runs {
                    let ms = try await time { _ = try await library.search(word) }
                    ours.append(ms)
                    if ms > slowest.1 { slowest = (word, ms) }
                }
                scan.append(try await time { _ = try await pool.query("SELECT count(*) FROM library_entries WHERE body ILIKE \("%" + word + "%")") })
            }
            print(String(format: "%@ search with facets p50 %.0f ms  p95 %.0f ms   ILIKE scan p50 %.0f ms   ratio %.0f× (goal p95 ≤ 100 ms, ≥ 20×)   slowest: %@ %.0f ms",
                         (name + ":").padding(toLength: 13, withPad: " ", startingAt: 0), percentile(ours, 0.5), percentile(ours, 0.95), percentile(scan, 0.5),
                         percentile(scan, 0.5) / percentile(ours, 0.95), slowest.0, slowest.1))
        }
        var suggestions: [Double] = []
        for prefix in ["zh", "d", "征", "cq", "di", "gui", "ji", "s"] {
            for _ in 0..<runs { suggestions.append(try await time { _ = try await library.suggest(prefix) }) }
        }
        print(String(format: "suggestions: p50 %.1f ms  p95 %.1f ms (goal p95 ≤ 10 ms)", percentile(suggestions, 0.5), percentile(suggestions, 0.95)))
        await pool.close()
    }
}
