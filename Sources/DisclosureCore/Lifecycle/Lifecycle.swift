/// The lifecycle as data: which events each state allows and where they lead (domain.md §3).
/// `apply` (Lifecycle+Apply.swift) is the one function that moves a case; the README's state
/// diagram is drawn from this table.
public enum Lifecycle {
    /// Raised whenever `apply` computes a different snapshot for the same history, so that
    /// stored snapshots are rebuilt on upgrade. 2: the clock ends with the reply or closing; a
    /// correction restarts a full period without the earlier extension. 3: the clock's last entry
    /// names the outcome in case work's words. 4: a reply signed off waits in to_issue.
    public static let snapshotVersion = 4

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
    static let clockAlive: Set<CaseState> = [.registered, .inProgress, .consulting, .awaitingReasons, .awaitingFee, .pendingSignoff, .toIssue]

    /// The row of the table for `kind`. An exhaustive switch: a new event kind does not compile
    /// until it says where it is allowed and where it leads.
    public static func transition(_ kind: EventKind) -> Transition {
        func t(_ from: Set<CaseState>, _ target: Target, _ requires: Role? = nil) -> Transition {
            Transition(from: from, target: target, requires: requires)
        }
        switch kind {
        case .register: return t([], .to(.registered))
        case .requestCorrection: return t(working, .to(.awaitingCorrection))
        case .correctionReceived: return t([.awaitingCorrection], .to(.inProgress))
        case .correctionLapsed: return t([.awaitingCorrection], .to(.closed))
        // With other consultations still open the case stays in consulting.
        case .startConsultation: return t([.registered, .inProgress, .consulting], .to(.consulting))
        case .consultationAnswered: return t([.consulting], .to(.inProgress))
        case .consultationLapsed: return t([.consulting], .to(.inProgress))
        case .assist: return t(clockAlive, .working)
        case .assistReturned: return t(open, .same)
        case .transfer: return t(working, .to(.registered))
        case .requestReasons: return t(working, .to(.awaitingReasons))
        case .approveDelay: return t([.awaitingReasons], .to(.inProgress), .supervisor)
        case .issueFeeNotice: return t(working, .to(.awaitingFee))
        case .feePaid: return t([.awaitingFee], .to(.inProgress))
        case .feeLapsed: return t([.awaitingFee], .to(.closed))
        case .requestExtension: return t(clockAlive, .working)
        case .approveExtension: return t(clockAlive, .same, .supervisor)
        case .rejectExtension: return t(clockAlive, .same, .supervisor)
        case .submitForSignoff: return t([.registered, .inProgress, .awaitingReasons], .to(.pendingSignoff))
        // 签发: the letter is numbered with the sign-off; issuing it is the officer's reply.
        case .signOff: return t([.pendingSignoff], .to(.toIssue), .supervisor)
        // Also after sign-off, before the letter goes out: a signed letter can still be called back.
        case .returnForRevision: return t([.pendingSignoff, .toIssue], .to(.inProgress), .supervisor)
        case .reply: return t([.registered, .inProgress, .toIssue], .to(.replied))
        case .recordDelivery: return t([.replied, .closed], .same)
        case .withdraw: return t(open, .to(.closed))
        case .archive: return t([.replied], .to(.closed))
        case .recordReview: return t([.replied, .closed], .same)
        case .recordLitigation: return t([.replied, .closed], .same)
        case .reopen: return t([.replied, .closed], .to(.inProgress))
        case .recordCommunication: return t(everyState, .same)
        case .flagComplex: return t(open, .same)
        case .correctEntry: return t(everyState, .same)
        // Recorded by the system when an administrator imports a holiday notice.
        case .recomputeDeadlines: return t(everyState, .same, .administrator)
        }
    }

    /// The events a case in `state` allows, in the order of `EventKind.allCases`.
    public static func allowedEvents(in state: CaseState) -> [EventKind] {
        EventKind.allCases.filter { transition($0).from.contains(state) }
    }

    public static func state(after kind: EventKind, from state: CaseState) -> CaseState {
        switch transition(kind).target {
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
            for from in CaseState.allCases where transition(kind).from.contains(from) {
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
