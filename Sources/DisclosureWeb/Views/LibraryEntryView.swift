/// library_entry.mustache: one entry of the library, its text in paragraphs.
struct LibraryEntryView {
    let id: Int64
    let title: String
    let kind: String
    let topic: String
    let year: String
    let legalBasis: String?
    /// The tags joined with 、; nil when there are none.
    let tags: String?
    let paragraphs: [String]
    /// Shown to applicants in the portal; only a supervisor may change that.
    let shownInPortal: Bool
    let canShow: Bool
}
