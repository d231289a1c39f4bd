/// library_new.mustache: 新增案例库条目, kept with its problems when refused.
struct LibraryNewView {
    let summary: String?
    let kinds: [SelectOption]
    /// The library's topics, each its own label.
    let topics: [SelectOption]
    let year: FormInput
    let title: FormInput
    let body: FormInput
    let legalBasis: String
    let tags: String
}
