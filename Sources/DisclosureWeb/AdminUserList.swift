import DisclosureStore
import Foundation

/// Which slice of the user list a 管理 page shows: the search words and the page, read from
/// the query string (or carried by a form, so that a change comes back to the same slice).
/// A value that cannot be used is named, never silently replaced.
struct AdminUserList: Sendable, Equatable {
    static let searchLimit = 100

    var search: String?
    var page = 1
    var problems: [String] = []

    init(search: String? = nil, page: String? = nil) {
        if let text = search?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if text.count <= Self.searchLimit { self.search = text } else { problems.append("查找的文字最多\(Self.searchLimit)个字。") }
        }
        if let page, !page.isEmpty {
            if let n = Int(page), (1...DirectoryStore.maxUserPage).contains(n) { self.page = n } else { problems.append("页码应为1至\(DirectoryStore.maxUserPage)的整数。") }
        }
    }

    /// The section's address for this slice (another page of it, a notice after a change).
    func link(page: Int? = nil, done: String? = nil) -> String {
        var items: [String] = []
        if let search { items.append("q=" + QueryValue.encoded(search)) }
        let number = page ?? self.page
        if number > 1 { items.append("page=\(number)") }
        if let done { items.append("done=" + done) }
        return AdminSection.users.path + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
    }
}
