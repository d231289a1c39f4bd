/// login.mustache: the sign-in form, before there is a session (its own CSRF token).
struct LoginView {
    let next: String
    let username: String
    let error: String?
    let csrf: String
    let failures: Int
    let minutes: Int
}
