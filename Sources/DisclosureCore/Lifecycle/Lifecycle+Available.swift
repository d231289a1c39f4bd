extension Lifecycle {
    /// The events worth offering on a case page: allowed in the state, recordable by the role,
    /// and not bound to fail on what the case already holds (no approval without a pending
    /// request, no second correction notice, no archiving before delivery, …). `apply` still
    /// has the last word.
    public static func offeredEvents(for c: CaseSnapshot, role: Role) -> [EventKind] {
        guard role.worksCases else { return [] }
        return allowedEvents(in: c.state).filter { kind in
            if let required = transition(kind).requires, required != role { return false }
            let pendingExtension = c.extensionRequest?.decision == .pending
            switch kind {
            case .approveExtension, .rejectExtension: return pendingExtension
            case .requestExtension: return c.extensionRequest == nil || c.extensionRequest?.decision == .rejected
            case .requestCorrection: return c.correction == nil
            case .assistReturned: return c.assists.contains(where: \.isOpen)
            case .archive: return !c.deliveries.isEmpty
            case .reply: return c.state == .toIssue || !(c.draft?.disposition.requiresSignOff ?? false)
            case .recordDelivery: return c.state == .replied || c.disposition != nil
            case .recomputeDeadlines: return false
            default: return true
            }
        }
    }
}

extension Lifecycle {
    /// What the case waits for, most pressing first: the one or two offered events the case
    /// page puts before the rest.
    static let nextStepPriority: [EventKind] = [
        .signOff, .approveExtension, .approveDelay, .reply, .recordDelivery, .archive,
        .correctionReceived, .consultationAnswered, .feePaid, .assistReturned, .submitForSignoff,
    ]

    public static func nextSteps(for c: CaseSnapshot, role: Role) -> [EventKind] {
        let offered = offeredEvents(for: c, role: role)
        var steps = nextStepPriority.filter(offered.contains)
        // Issued without sign-off only a full disclosure; otherwise the reply goes through 拟稿.
        if c.state != .toIssue { steps.removeAll { $0 == .reply } }
        // Once delivered, archiving is what is left.
        if !c.deliveries.isEmpty { steps.removeAll { $0 == .recordDelivery } }
        return Array(steps.prefix(2))
    }
}
