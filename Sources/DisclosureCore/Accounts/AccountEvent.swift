/// What happened to an account, for the audit trail. Every sign-in outcome and password change
/// goes through one `AccountEventLog` (DisclosureStore) as one of these, so the audit trail is
/// plugged in at one place.
public enum AccountEvent: Sendable, Equatable {
    /// A session started (after the one-time code, for those who need one).
    case signedIn(userID: Int64, username: String)
    /// A wrong password, or any password for an unknown or inactive user name (as typed).
    case signInFailed(username: String)
    /// The failure that locked the user name until the given time (seconds since 1970).
    case lockedOut(username: String, until: Double)
    /// An attempt while the user name was locked: refused without looking at the password.
    case refusedWhileLocked(username: String)
    /// A wrong, malformed or reused one-time code after a correct password.
    case secondFactorFailed(userID: Int64, username: String)
    /// A one-time code confirmed the first time: the user's authenticator is enrolled.
    case secondFactorEnrolled(userID: Int64, username: String)
    /// The authenticator's secret was removed (`by` an administrator, or nil: the command line);
    /// the next sign-in enrols a new one.
    case secondFactorReset(userID: Int64, by: Int64?)
    /// The user changed their own password.
    case passwordChanged(userID: Int64)
    /// An administrator (`by`) or the command line (`by` nil) set the password: sessions, pending
    /// sign-ins and API tokens of the user ended with it.
    case passwordReset(userID: Int64, by: Int64?)
}
