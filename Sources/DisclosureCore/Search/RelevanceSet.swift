/// The relevance set of issue 15: a corpus of real public texts and queries typed the way officers
/// and citizens type them, each judged with the entries that answer it. Search quality is measured
/// against it (hit@1, hit@3, MRR@10 per category); this file only reads the set and scores rankings.
public enum RelevanceSet {
    /// The kinds of query the set measures, in the order they are reported.
    public static let categories: [(name: String, meaning: String)] = [
        ("two-char", "2-character words (补正, 低保)"),
        ("term", "domain terms (信息处理费, 国家秘密)"),
        ("phrase", "phrases from the texts (延长答复期限)"),
        ("question", "questions in plain words (我想知道……要不要交钱)"),
        ("typo", "homophone and near-miss typos (信息处里费, 补证)"),
        ("traditional", "traditional characters (國家秘密, 補正)"),
        ("pinyin-full", "full pinyin, with or without spaces (buzheng, zhengfu xinxi gongkai)"),
        ("pinyin-initials", "pinyin initials (zfxxgk)"),
        ("pinyin-mixed", "characters mixed with pinyin (政府xinxi)"),
        ("synonym", "plain-language words for the law's words (拆迁, 延期, 交钱, 官网)"),
        ("citation", "article citations (第十五条, 条例第十五条, 第15条)"),
        ("filter", "queries narrowed by kind, topic or year"),
    ]

    /// One entry of the corpus.
    public struct Document: Sendable, Equatable {
        /// The set's own id (ogi-15), which the judged answers name.
        public var id: String
        public var kind: LibraryEntry.Kind
        public var topic: String?
        public var year: Int?
        public var title: String
        public var body: String

        public init(id: String, kind: LibraryEntry.Kind, topic: String?, year: Int?, title: String, body: String) {
            self.id = id
            self.kind = kind
            self.topic = topic
            self.year = year
            self.title = title
            self.body = body
        }

        /// The entry as the library stores it.
        public var entry: LibraryEntry {
            LibraryEntry(kind: kind, title: title, body: body, topic: topic, year: year)
        }
    }

    /// One judged query.
    public struct Query: Sendable, Equatable {
        public var category: String
        public var text: String
        public var kind: LibraryEntry.Kind?
        public var topic: String?
        public var year: Int?
        /// The ids of the entries that answer the query; any one of them in the results is a hit.
        public var answers: [String]
        /// Where the query stands in its file, for messages.
        public var line: Int

        public init(category: String, text: String, kind: LibraryEntry.Kind? = nil, topic: String? = nil, year: Int? = nil, answers: [String], line: Int) {
            self.category = category
            self.text = text
            self.kind = kind
            self.topic = topic
            self.year = year
            self.answers = answers
            self.line = line
        }
    }

    public struct Malformed: Error, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var problem: String
        public var description: String { "\(file):\(line): \(problem)" }
    }

    /// The entries of one corpus file. Lines before the first entry describe the file (its title,
    /// `source:` and `note:` lines); each entry starts with
    /// `=== id | kind | topic | year | title` (topic or year `-` when there is none) and its body
    /// is the lines up to the next entry.
    public static func documents(in text: String, file: String) throws -> [Document] {
        var documents: [Document] = []
        var body: [Substring] = []
        func finish() {
            guard !documents.isEmpty else { return }
            documents[documents.count - 1].body = body.joined(separator: "\n").trimmingWhitespace()
            body = []
        }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.hasPrefix("=== ") else {
                if !documents.isEmpty { body.append(line) }
                continue
            }
            finish()
            let fields = line.dropFirst(4).split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
            func malformed(_ problem: String) -> Malformed { Malformed(file: file, line: index + 1, problem: problem) }
            guard fields.count == 5 else { throw malformed("an entry's line needs 5 fields: id | kind | topic | year | title") }
            guard !fields[0].isEmpty, !fields[4].isEmpty else { throw malformed("an entry needs an id and a title") }
            guard let kind = LibraryEntry.Kind(rawValue: fields[1]) else { throw malformed("unknown kind \"\(fields[1])\"") }
            var year: Int?
            if fields[3] != "-" {
                guard let value = Int(fields[3]) else { throw malformed("the year \"\(fields[3])\" is not a number") }
                year = value
            }
            documents.append(Document(id: fields[0], kind: kind, topic: fields[2] == "-" ? nil : fields[2], year: year, title: fields[4], body: ""))
        }
        finish()
        return documents
    }

    /// The judged queries: tab-separated `category, query, filters, answers` a line, after a
    /// header line; `#` starts a comment line. Filters are `-` or `kind=…;topic=…;year=…`;
    /// answers are ids separated by commas.
    public static func queries(in text: String, file: String) throws -> [Query] {
        var queries: [Query] = []
        var sawHeader = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            func malformed(_ problem: String) -> Malformed { Malformed(file: file, line: index + 1, problem: problem) }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
            if !sawHeader {
                guard fields == ["category", "query", "filters", "answers"] else { throw malformed("the first line must be the header: category, query, filters, answers") }
                sawHeader = true
                continue
            }
            guard fields.count == 4 else { throw malformed("a query needs 4 tab-separated fields") }
            guard categories.contains(where: { $0.name == fields[0] }) else { throw malformed("unknown category \"\(fields[0])\"") }
            guard !fields[1].isEmpty else { throw malformed("the query is empty") }
            var query = Query(category: fields[0], text: fields[1], answers: [], line: index + 1)
            if fields[2] != "-" {
                for filter in fields[2].split(separator: ";") {
                    let pair = filter.split(separator: "=", maxSplits: 1).map(String.init)
                    guard pair.count == 2 else { throw malformed("a filter is name=value, not \"\(filter)\"") }
                    switch pair[0] {
                    case "kind":
                        guard let kind = LibraryEntry.Kind(rawValue: pair[1]) else { throw malformed("unknown kind \"\(pair[1])\"") }
                        query.kind = kind
                    case "topic": query.topic = pair[1]
                    case "year":
                        guard let year = Int(pair[1]) else { throw malformed("the year \"\(pair[1])\" is not a number") }
                        query.year = year
                    default: throw malformed("unknown filter \"\(pair[0])\" (kind, topic or year)")
                    }
                }
            }
            query.answers = fields[3].split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            guard !query.answers.isEmpty else { throw malformed("the query has no judged answer") }
            queries.append(query)
        }
        return queries
    }

    /// Where the first right answer stands in a ranking (1-based), or nil when none is among the first `depth`.
    public static func firstRightRank(_ ranking: [String], answers: [String], depth: Int = 10) -> Int? {
        ranking.prefix(depth).firstIndex { answers.contains($0) }.map { $0 + 1 }
    }

    /// hit@1, hit@3 and MRR@10 over some queries: each query is the rank of its first right answer within 10, or nil.
    public struct Score: Sendable, Equatable {
        public private(set) var queries = 0
        public private(set) var hitsAt1 = 0
        public private(set) var hitsAt3 = 0
        public private(set) var reciprocalRanks = 0.0

        public init() {}

        public mutating func add(rank: Int?) {
            queries += 1
            guard let rank, rank >= 1, rank <= 10 else { return }
            if rank == 1 { hitsAt1 += 1 }
            if rank <= 3 { hitsAt3 += 1 }
            reciprocalRanks += 1 / Double(rank)
        }

        public var hitAt1: Double { queries == 0 ? 0 : Double(hitsAt1) / Double(queries) }
        public var hitAt3: Double { queries == 0 ? 0 : Double(hitsAt3) / Double(queries) }
        public var mrrAt10: Double { queries == 0 ? 0 : reciprocalRanks / Double(queries) }
    }
}

extension StringProtocol {
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
