/// library.mustache: 案例库, the search, its facets and hits, and the matching cases the user may see.
struct LibraryView {
    struct Case {
        let id: Int64
        let number: String
        let subject: String
        let state: String
    }

    /// A nearby term offered when nothing is found.
    struct Suggestion {
        let term: String
        let href: String
    }

    struct Hit {
        /// A piece of the snippet, marked where it matches the query.
        struct Segment {
            let text: String
            let marked: Bool
        }

        let id: Int64
        let title: String
        let kind: String
        let topic: String
        let year: String
        let snippet: [Segment]
        /// The query's words this hit does not hold (缺少：标准), when the query was taken as words.
        let missing: String?
    }

    struct Facet {
        struct Value {
            let label: String
            let count: Int
            let href: String
        }

        let title: String
        let values: [Value]
    }

    let q: String
    let searched: Bool
    /// When the query taken whole found nothing: the words it was searched for instead, and
    /// those no entry holds (未找到：标准).
    let words: String?
    let unmatched: String?
    /// When the query's characters found nothing: the respelling whose hits are shown (您是不是要找：补正).
    let didYouMean: Suggestion?
    let total: Int
    /// False when the total is an estimate (约).
    let exact: Bool
    let previous: String?
    let next: String?
    let caseTotal: Int
    let cases: [Case]
    let suggestions: [Suggestion]
    let canAdd: Bool
    let hits: [Hit]
    let facets: [Facet]
}
