/// intake.mustache: 登记申请, every field of the application, kept with its problem when the
/// form comes back refused.
struct IntakeView {
    /// A channel, with the rule for its date of receipt shown beside the dates.
    struct Channel {
        let value: String
        let label: String
        let rule: String
        let selected: Bool
    }

    let summary: String?
    let agencies: [SelectOption]
    let agencyError: String?
    let channels: [Channel]
    let channelError: String?
    /// Today's date until another is typed.
    let arrivedOn: FormInput
    let receivedOn: FormInput
    let receiptNote: FormInput
    let kinds: [SelectOption]
    let kindError: String?
    let name: FormInput
    let idType: FormInput
    /// Suggested while typing the identity document's type.
    let idTypes: [String]
    let idNumber: FormInput
    let phone: FormInput
    let email: FormInput
    let address: FormInput
    let subject: FormInput
    let description: FormInput
    let forms: [SelectOption]
    let deliveries: [SelectOption]
    /// The form's idempotency key (`FormKey`).
    let key: String
}
