import DisclosureCore
import LibPQ
import Synchronization

/// The character pairs the library holds (Schema 0022), kept in memory for respelling queries:
/// read whole once, then only the pairs added since (by id), at most once every `staleAfter`.
/// A library of 100,000 real texts holds a few hundred thousand pairs (a few megabytes).
final class SearchVocabulary: Sendable {
    struct State {
        var pairs = CharacterPairs()
        var lastID: Int64 = 0
        var checkedAt: ContinuousClock.Instant?
    }

    let state = Mutex(State())
    let staleAfter: Duration

    init(staleAfter: Duration = .seconds(2)) {
        self.staleAfter = staleAfter
    }

    /// One vocabulary for each pool, shared by every LibraryStore on it (the web pages make
    /// several), so that the pairs are read once: at start by `serve`, not by the first search.
    static func shared(for pool: ConnectionPool) -> SearchVocabulary {
        registry.withLock { entries in
            entries.removeAll { $0.pool == nil }
            if let known = entries.first(where: { $0.pool === pool }) { return known.vocabulary }
            let vocabulary = SearchVocabulary()
            entries.append(Registered(pool: pool, vocabulary: vocabulary))
            return vocabulary
        }
    }

    /// Weakly held: a pool closed and freed takes its vocabulary with it.
    struct Registered: @unchecked Sendable {
        weak var pool: ConnectionPool?
        let vocabulary: SearchVocabulary
    }

    static let registry = Mutex<[Registered]>([])

    /// Makes the next read look for new pairs at once: this process just added entries.
    func invalidate() {
        state.withLock { $0.checkedAt = nil }
    }

    /// The pairs as of at most `staleAfter` ago.
    func pairs(_ pool: ConnectionPool) async throws -> CharacterPairs {
        let now = ContinuousClock.now
        let (current, lastID, fresh) = state.withLock { state in
            (state.pairs, state.lastID, state.checkedAt.map { now - $0 < staleAfter } ?? false)
        }
        if fresh { return current }
        let added = try await pool.query("SELECT id, pair FROM search_pairs WHERE id > \(lastID) ORDER BY id").map {
            (try $0.decode(Int64.self, at: 0), try $0.decode(String.self, at: 1))
        }
        return state.withLock { state in
            // Another search may have read the same rows meanwhile: inserting twice changes nothing.
            for (id, pair) in added {
                state.pairs.insert(pair)
                state.lastID = max(state.lastID, id)
            }
            state.checkedAt = now
            return state.pairs
        }
    }
}
