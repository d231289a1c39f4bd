/// The lifecycle as data: which events each state allows and where they lead (domain.md §3).
/// `apply` (Lifecycle+Apply.swift) is the one function that moves a case; the README's state
/// diagram is drawn from this table.
public enum Lifecycle {
    public enum Target: Sendable, Equatable {
        case to(CaseState)
        /// Stays in the state it is in; a newly registered case starts being worked (办理中).
        case working
        /// Stays in the state it is in.
        case same
    }

    public struct Transition: Sendable {
        /// The states the event is allowed in; empty for `register`, which creates the case.
        public var from: Set<CaseState>
        public var target: Target
        /// Only this role (or none) may record it.
        public var requires: Role?
    }

    static let open: Set<CaseState> = Set(CaseState.allCases.filter(\.isOpen))
    static let everyState: Set<CaseState> = Set(CaseState.allCases)
    static let working: Set<CaseState> = [.registered, .inProgress]
    static let clockAlive: Set<CaseState> = [.registered, .inProgress, .consulting, .awaitingReasons, .awaitingFee, .pendingSignoff]

    public static let transitions: [EventKind: Transition] = {
        func t(_ from: Set<CaseState>, _ target: Target, _ requires: Role? = nil) -> Transition {
            Transition(from: from, target: target, requires: requires)
        }
        return [
            .register: t([], .to(.registered)),
            .requestCorrection: t(working, .to(.awaitingCorrection)),
            .correctionReceived: t([.awaitingCorrection], .to(.inProgress)),
            .correctionLapsed: t([.awaitingCorrection], .to(.closed)),
            // With other consultations still open the case stays in consulting.
            .startConsultation: t([.registered, .inProgress, .consulting], .to(.consulting)),
            .consultationAnswered: t([.consulting], .to(.inProgress)),
            .consultationLapsed: t([.consulting], .to(.inProgress)),
            .assist: t(clockAlive, .working),
            .assistReturned: t(open, .same),
            .transfer: t(working, .to(.registered)),
            .requestReasons: t(working, .to(.awaitingReasons)),
            .approveDelay: t([.awaitingReasons], .to(.inProgress), .supervisor),
            .issueFeeNotice: t(working, .to(.awaitingFee)),
            .feePaid: t([.awaitingFee], .to(.inProgress)),
            .feeLapsed: t([.awaitingFee], .to(.closed)),
            .requestExtension: t(clockAlive, .working),
            .approveExtension: t(clockAlive, .same, .supervisor),
            .rejectExtension: t(clockAlive, .same, .supervisor),
            .submitForSignoff: t([.registered, .inProgress, .awaitingReasons], .to(.pendingSignoff)),
            .signOff: t([.pendingSignoff], .same, .supervisor),
            .returnForRevision: t([.pendingSignoff], .to(.inProgress), .supervisor),
            .reply: t([.registered, .inProgress, .pendingSignoff], .to(.replied)),
            .recordDelivery: t([.replied, .closed], .same),
            .withdraw: t(open, .to(.closed)),
            .archive: t([.replied], .to(.closed)),
            .recordReview: t([.replied, .closed], .same),
            .recordLitigation: t([.replied, .closed], .same),
            .reopen: t([.replied, .closed], .to(.inProgress)),
            .recordCommunication: t(everyState, .same),
            .flagComplex: t(open, .same),
            .correctEntry: t(everyState, .same),
        ]
    }()

    /// The events a case in `state` allows, in the order of `EventKind.allCases`.
    public static func allowedEvents(in state: CaseState) -> [EventKind] {
        EventKind.allCases.filter { transitions[$0]!.from.contains(state) }
    }

    public static func state(after kind: EventKind, from state: CaseState) -> CaseState {
        switch transitions[kind]!.target {
        case .to(let next): return next
        case .same: return state
        case .working: return state == .registered ? .inProgress : state
        }
    }

    /// The state diagram in Mermaid syntax, drawn from the table. Events that leave the state as
    /// it is are listed under each state rather than drawn as loops.
    public static func mermaid() -> String {
        var lines = ["stateDiagram-v2"]
        for state in CaseState.allCases {
            lines.append("    \(state.rawValue) : \(state.rawValue) \(state.label)")
        }
        lines.append("    [*] --> registered : register 登记")
        var edges: [String: [EventKind]] = [:]
        var keeps: [CaseState: [EventKind]] = [:]
        for kind in EventKind.allCases where kind != .register {
            for from in CaseState.allCases where transitions[kind]!.from.contains(from) {
                let to = state(after: kind, from: from)
                if to == from { keeps[from, default: []].append(kind) } else { edges["\(from.rawValue) --> \(to.rawValue)", default: []].append(kind) }
            }
        }
        for state in CaseState.allCases {
            for edge in edges.keys.sorted() where edge.hasPrefix(state.rawValue + " ") {
                lines.append("    \(edge) : \(edges[edge]!.map(\.rawValue).joined(separator: ", "))")
            }
        }
        lines.append("    closed --> [*]")
        for state in CaseState.allCases {
            guard let kinds = keeps[state], !kinds.isEmpty else { continue }
            lines.append("    note right of \(state.rawValue) : also \(kinds.map(\.rawValue).joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
