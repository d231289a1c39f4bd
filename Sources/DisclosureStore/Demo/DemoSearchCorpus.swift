import DisclosureCore
import Foundation
import LibPQ

/// Library documents for `bench search`: titles like the district's applications, bodies of
/// realistic lengths in words drawn by their frequency in Chinese text (`DemoVocabulary`) mixed
/// with the topics' phrases and the regulation's wording; loaded with COPY over two connections.
public enum DemoSearchCorpus {
    /// The regulation's wording, common to every topic.
    static let sentences = [
        "根据《中华人民共和国政府信息公开条例》的规定，本机关对申请人提出的政府信息公开申请进行了审查。",
        "经检索，申请人所需信息属于本机关在履行行政管理职能过程中制作或者获取的政府信息。",
        "对于涉及商业秘密、个人隐私的信息，行政机关应当书面征求第三方的意见。",
        "申请人对答复不服的，可以依法申请行政复议或者提起行政诉讼。",
        "行政机关应当自收到申请之日起20个工作日内予以答复。",
    ]

    /// Adds `count` documents drawn from `vocabulary`, with the GIN indexes built once at the end
    /// (the way a bulk import would) rather than row by row.
    public static func load(_ pool: ConnectionPool, count: Int, vocabulary: DemoVocabulary, seed: UInt64 = 7) async throws {
        let agencies = try await DirectoryStore(pool: pool).agencies().map(\.id)
        let chunk = 5_000
        let chunks = (count + chunk - 1) / chunk
        let indexes = try await pool.withConnection { connection in
            try await IndexRebuild.drop(on: "library_entries", connection) + IndexRebuild.drop(on: "library_chunks", connection)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<2 {
                group.addTask {
                    var index = lane
                    while index < chunks {
                        var r = DemoRandom(seed: seed &+ UInt64(index))
                        var bytes: [UInt8] = [], long: [LibraryEntry] = []
                        for _ in (index * chunk)..<min(count, (index + 1) * chunk) {
                            let entry = Self.entry(vocabulary: vocabulary, agencies: agencies, &r)
                            if entry.body.count > LibraryStore.chunkSize {
                                long.append(entry)
                            } else {
                                CopyText.appendRow([entry.kind.rawValue, entry.title, entry.body, entry.topic ?? "", String(entry.agencyID ?? 0), String(entry.year ?? 0)], to: &bytes)
                            }
                        }
                        let payload = bytes
                        _ = try await pool.withConnection { connection in
                            try await connection.copyIn("COPY library_entries (kind, title, body, topic, agency_id, year) FROM STDIN") { try await $0.write(payload) }
                        }
                        // Long documents go through the store, which indexes them in chunks.
                        for entry in long { try await LibraryStore(pool: pool).add(entry, by: nil) }
                        index += 2
                    }
                }
            }
            try await group.waitForAll()
        }
        try await pool.withConnection { connection in
            try await IndexRebuild.build(indexes, connection)
            try await connection.executeScript("VACUUM ANALYZE library_entries")
            try await connection.executeScript("VACUUM ANALYZE library_chunks")
        }
    }

    /// One document: a title like an application's subject, and a body of sentences of words
    /// drawn by their frequency, with the topic's own phrases and the regulation's wording mixed
    /// in. Lengths vary about a median of 700 characters; one in 300 is a long policy document.
    static func entry(vocabulary: DemoVocabulary, agencies: [Int64], _ r: inout DemoRandom) -> LibraryEntry {
        let topic = r.pick(DemoTexts.topics)
        let year = r.int(2019...2026)
        let title = DemoTexts.fill(r.pick(topic.subjects), year: year, &r)
        let long = r.chance(1.0 / 300)
        // A log-normal length: exp(N(ln 700, 0.5)).
        let gaussian = (-2 * log(Double.random(in: Double.ulpOfOne..<1, using: &r))).squareRoot() * cos(2 * .pi * Double.random(in: 0..<1, using: &r))
        let length = long ? r.int(9_000...20_000) : min(6_000, max(120, Int(700 * exp(0.5 * gaussian))))
        var body = title + "。", count = title.count + 1
        while count < length {
            let sentence: String
            switch Double.random(in: 0..<1, using: &r) {
            case ..<0.08: sentence = DemoTexts.fill(r.pick(topic.subjects), year: year, &r) + "。"
            case ..<0.12: sentence = r.pick(sentences)
            default: sentence = (0..<r.int(4...16)).map { _ in vocabulary.word(using: &r) }.joined() + (r.chance(0.7) ? "，" : "。")
            }
            body += sentence
            count += sentence.count
        }
        return LibraryEntry(kind: long ? .policy : r.pick(LibraryEntry.Kind.allCases), title: title, body: body, topic: topic.name,
                            agencyID: r.pick(agencies), year: year)
    }
}
