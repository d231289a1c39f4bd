/// login_code.mustache: the one-time code after the password, with the secret to add to an
/// authenticator the first time.
struct LoginCodeView {
    /// The first sign-in: who is enrolling and the secret, grouped in fours and as a URI.
    struct Enrolment {
        let name: String
        let role: String
        let secret: String
        let uri: String
    }

    let csrf: String
    let error: String?
    let enrol: Enrolment?
}
