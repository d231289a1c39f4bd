/// case_to_library.mustache: 转为典型案例, the redactions proposed (step 1), then the redacted
/// text to approve (step 2, `preview`).
struct CaseToLibraryView {
    struct Proposal {
        /// Its place in the list, sent back when ticked.
        let index: Int
        let kind: String
        let original: String
        let replacement: String
    }

    let id: Int64
    let number: String
    let preview: Bool
    let proposals: [Proposal]
    let title: String
    let body: String
    /// Carried to the entry as it is published: the case's outcome code and legal basis.
    let disposition: String
    let legalBasis: String
}
