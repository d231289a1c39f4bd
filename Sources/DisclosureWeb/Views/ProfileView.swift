/// profile.mustache: 个人设置, the password and the personal API tokens.
struct ProfileView {
    struct Account {
        let name: String
        let username: String
        let role: String
    }

    struct Token {
        let id: Int64
        let name: String
        let created: String
        let used: String
    }

    let notice: String?
    /// Where the morning reminder of due and overdue cases is e-mailed ("" for nowhere).
    let reminderAddress: String
    let error: String?
    /// A token just created, shown this once.
    let newToken: String?
    let user: Account
    let tokens: [Token]
}
