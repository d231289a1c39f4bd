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
            case .signOff: return !c.signedOff
            case .reply: return c.state != .pendingSignoff || c.signedOff
            case .recordDelivery: return c.state == .replied || c.disposition != nil
            case .recomputeDeadlines: return false
            default: return true
            }
        }
    }
}
