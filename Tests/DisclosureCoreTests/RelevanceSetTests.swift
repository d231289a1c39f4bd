import DisclosureCore
import Foundation
import Testing

/// The relevance set's files are well formed and agree with each other, and its scoring counts
/// what it says. Not a test of search quality: `disclosure bench relevance` measures that.
@Suite struct RelevanceSetTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("relevance")

    static func documents() throws -> [RelevanceSet.Document] {
        let corpus = folder.appendingPathComponent("corpus")
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
        return try files.flatMap { try RelevanceSet.documents(in: String(contentsOf: corpus.appendingPathComponent($0), encoding: .utf8), file: $0) }
    }

    static func queries() throws -> [RelevanceSet.Query] {
        try RelevanceSet.queries(in: String(contentsOf: folder.appendingPathComponent("queries.tsv"), encoding: .utf8), file: "queries.tsv")
    }

    @Test func everyCorpusFileNamesItsSourceAndHoldsEntries() throws {
        let corpus = Self.folder.appendingPathComponent("corpus")
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".txt") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: corpus.appendingPathComponent(file), encoding: .utf8)
            #expect(text.split(separator: "\n").contains { $0.hasPrefix("source: ") }, "\(file) names no source")
            #expect(try !RelevanceSet.documents(in: text, file: file).isEmpty, "\(file) holds no entry")
        }
    }

    @Test func theCorpusHasUniqueIdsTitlesAndValidEntries() throws {
        let documents = try Self.documents()
        #expect((100...200).contains(documents.count), "\(documents.count) entries")
        #expect(Set(documents.map(\.id)).count == documents.count, "two entries share an id")
        #expect(Set(documents.map(\.title)).count == documents.count, "two entries share a title")
        for document in documents {
            #expect(document.entry.problems().isEmpty, "\(document.id) would be refused by the library")
            #expect(!document.body.isEmpty, "\(document.id) has no text")
        }
        // The regulation whole, one entry per article.
        #expect(documents.filter { $0.id.hasPrefix("ogi-") }.count == 56)
    }

    @Test func thereAreEnoughQueriesInEveryCategory() throws {
        let queries = try Self.queries()
        #expect(queries.count >= 150)
        for category in RelevanceSet.categories.map(\.name) {
            #expect(queries.filter { $0.category == category }.count >= 10, "category \(category)")
        }
    }

    @Test func everyJudgedAnswerIsInTheCorpusAndWithinTheQuerysFilters() throws {
        let documents = Dictionary(try Self.documents().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for query in try Self.queries() {
            for answer in query.answers {
                guard let document = documents[answer] else {
                    Issue.record("line \(query.line): \(answer) is not in the corpus")
                    continue
                }
                // A filter that excludes the judged answer would make the query unanswerable.
                if let kind = query.kind { #expect(document.kind == kind, "line \(query.line): \(answer) is not \(kind)") }
                if let topic = query.topic { #expect(document.topic == topic, "line \(query.line): \(answer) is not in \(topic)") }
                if let year = query.year { #expect(document.year == year, "line \(query.line): \(answer) is not of \(year)") }
            }
        }
    }

    @Test func queriesAreNotRepeatedWithinACategory() throws {
        let keys = try Self.queries().map { "\($0.category)|\($0.text)|\($0.kind?.rawValue ?? "")|\($0.topic ?? "")|\($0.year.map(String.init) ?? "")" }
        #expect(Set(keys).count == keys.count)
    }

    @Test func entriesAreReadWithTheirFacetsAndBodies() throws {
        let text = """
            # a title
            source: https://example.org

            === a-1 | faq | 政务公开 | 2020 | 问一
            第一行
            第二行

            === a-2 | policy | - | - | 问二
            正文
            """
        let documents = try RelevanceSet.documents(in: text, file: "t.txt")
        #expect(documents == [
            .init(id: "a-1", kind: .faq, topic: "政务公开", year: 2020, title: "问一", body: "第一行\n第二行"),
            .init(id: "a-2", kind: .policy, topic: nil, year: nil, title: "问二", body: "正文"),
        ])
        #expect(throws: RelevanceSet.Malformed.self) { try RelevanceSet.documents(in: "=== a | memo | - | - | t\nbody", file: "t.txt") }
        #expect(throws: RelevanceSet.Malformed.self) { try RelevanceSet.documents(in: "=== a | faq | - | 20x | t\nbody", file: "t.txt") }
    }

    @Test func queriesAreReadWithFiltersAndAnswers() throws {
        let header = "category\tquery\tfilters\tanswers\n"
        let queries = try RelevanceSet.queries(in: header + "# comment\nfilter\t第十五条\tkind=policy;topic=征地拆迁;year=2011\thez-15, ogi-15\n", file: "q")
        #expect(queries == [.init(category: "filter", text: "第十五条", kind: .policy, topic: "征地拆迁", year: 2011, answers: ["hez-15", "ogi-15"], line: 3)])
        #expect(throws: RelevanceSet.Malformed.self) { try RelevanceSet.queries(in: header + "spelling\t补证\t-\togi-30\n", file: "q") }
        #expect(throws: RelevanceSet.Malformed.self) { try RelevanceSet.queries(in: header + "typo\t补证\t-\t\n", file: "q") }
        #expect(throws: RelevanceSet.Malformed.self) { try RelevanceSet.queries(in: header + "typo\t补证\tcolour=red\togi-30\n", file: "q") }
        #expect(throws: RelevanceSet.Malformed.self) { try RelevanceSet.queries(in: "typo\t补证\t-\togi-30\n", file: "q") }
    }

    @Test func scoresCountHitsAtOneAndThreeAndReciprocalRanksWithinTen() {
        #expect(RelevanceSet.firstRightRank(["x", "b", "a"], answers: ["a", "b"]) == 2)
        #expect(RelevanceSet.firstRightRank(Array(repeating: "x", count: 10) + ["a"], answers: ["a"]) == nil)
        var score = RelevanceSet.Score()
        for rank in [1, 2, 4, nil] { score.add(rank: rank) }
        #expect(score.queries == 4)
        #expect(score.hitAt1 == 0.25)
        #expect(score.hitAt3 == 0.5)
        #expect(abs(score.mrrAt10 - (1 + 0.5 + 0.25) / 4) < 1e-9)
    }
}
