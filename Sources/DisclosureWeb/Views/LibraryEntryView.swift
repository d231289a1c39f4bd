/// library_entry.mustache: one entry of the library, its text in paragraphs.
struct LibraryEntryView {
    let title: String
    let kind: String
    let topic: String
    let year: String
    let legalBasis: String?
    /// The tags joined with 、; nil when there are none.
    let tags: String?
    let paragraphs: [String]
}
