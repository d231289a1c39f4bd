/// security.mustache: 权限管理, each user's role and further agencies.
struct SecurityView {
    struct UserRow {
        struct Extra {
            let agencyID: Int64
            let agencyName: String
        }

        let id: Int64
        let username: String
        let name: String
        let agency: String
        let active: Bool
        /// The security administrator's own row: shown, not changed.
        let isSelf: Bool
        let roles: [SelectOption]
        let extra: [Extra]
    }

    let notice: String?
    let error: String?
    let users: [UserRow]
    let agencyOptions: [SelectOption]
}
