import Mustache

/// Every 管理 section's page: the sub-navigation, its title, notice and error, and the
/// section's own view, whose properties the template reads as its own.
struct AdminSectionView: MustacheParent {
    let adminNav: [AdminNavLink]
    let sectionTitle: String
    let notice: String?
    let error: String?
    /// The section's view, wrapped to be reflected once (ReflectedView).
    let content: (any MustacheParent)?

    init(adminNav: [AdminNavLink], sectionTitle: String, notice: String?, error: String?, content: Any) {
        self.adminNav = adminNav
        self.sectionTitle = sectionTitle
        self.notice = notice
        self.error = error
        self.content = ReflectedView.wrap(content) as? any MustacheParent
    }

    func child(named name: String) -> Any? {
        switch name {
        case "adminNav": return adminNav
        case "sectionTitle": return sectionTitle
        case "notice": return notice
        case "error": return error
        default: return content?.child(named: name)
        }
    }
}

/// A link of the 管理 sub-navigation; the current section is marked.
struct AdminNavLink {
    let href: String
    let label: String
    let current: Bool
}

/// admin.mustache: the overview.
struct AdminOverviewView {
    struct Section {
        let href: String
        let label: String
        let purpose: String
        let count: String
    }

    let calendarReminders: [String]
    let sections: [Section]
}

/// admin_users.mustache: users, searched and paged, and the form to add one.
struct AdminUsersView {
    struct Row {
        let id: Int64
        let username: String
        let name: String
        let role: String
        let agency: String
        let active: Bool
        let isMe: Bool
        let extra: String
        let resetError: String?
    }

    let q: String?
    let total: Int
    let page: Int
    let pageCount: Int
    let previous: String?
    let next: String?
    let listPage: String?
    let users: [Row]
    /// What was typed into the refused form, and the reason beside each field.
    let add: [String: String]
    let errors: [String: String]
    let agencyOptions: [SelectOption]
    let passwordRules: String
    let passwordRulesShort: String
    let minLength: Int
    let maxLength: Int
    let usernameLimit: Int
    let nameLimit: Int
    let searchLimit: Int
}

/// admin_agencies.mustache: each agency's settings, a refused one as it was typed.
struct AdminAgenciesView {
    struct Row {
        let id: Int64
        let name: String
        let kind: String
        let short: String
        let body: String
        let format: String
        let example: String?
        let errors: [String: String]
    }

    let limit: Int
    let agencies: [Row]
}

/// admin_templates.mustache: what ends every letter of a kind.
struct AdminTemplatesView {
    struct Row {
        let kind: String
        let title: String
        let closing: String
        let closingError: String?
    }

    let limit: Int
    let templates: [Row]
}

/// admin_words.mustache: the library's synonyms and topics.
struct AdminWordsView {
    struct Synonym {
        let term: String
        let synonym: String
    }

    let synonyms: [Synonym]
    let synonymCount: Int
    let topics: String
    let typed: [String: String]
    let errors: [String: String]
    let wordLimit: Int
    let topicLimit: Int
}
