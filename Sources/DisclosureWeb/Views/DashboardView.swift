/// dashboard.mustache: 工作台, the officer's lists and the count per state.
struct DashboardView {
    struct Moved {
        struct Change {
            let label: String
            let from: String
            let to: String
            let direction: String
        }

        let id: Int64
        let number: String
        let subject: String
        let on: String
        let earlier: Bool
        let changes: [Change]
    }

    struct Count {
        let state: String
        let code: String
        let count: Int
    }

    /// A notice in the application: the morning reminder, a new online submission, an undelivered notification.
    struct Notice {
        let id: Int64
        let text: String
        let link: String?
        let at: String
    }

    let today: String
    let notices: [Notice]
    let hasNotices: Bool
    let unconfirmedSubmissions: Int
    let sections: [CaseSection]
    let hasMoved: Bool
    let moved: [Moved]
    let counts: [Count]
}

/// review.mustache: 审核, what waits for a supervisor and each agency's overview.
struct ReviewView {
    struct Agency {
        let agency: String
        let agencyID: Int64
        let open: Int
        let soon: Int
        let overdue: Int
    }

    let sections: [CaseSection]
    let overview: [Agency]
}
