import DisclosureCore
import Foundation
import LibPQ

/// The columns of `cases` that mirror the snapshot, described once: intake, every appended
/// event, the bulk load, the recomputation after a calendar import and `disclosure verify`
/// all take them from here, so they cannot disagree.
enum CaseColumns {
    struct Column: Sendable {
        /// The column's name in `cases`.
        let name: String
        /// Its SQL type, for reading rows of text back (`jsonb_to_recordset`).
        let type: StaticString
        /// The value in PostgreSQL's text form; nil is NULL.
        let text: @Sendable (CaseSnapshot) -> String?
    }

    /// Every column but `snapshot` itself, which travels as jsonb beside them.
    static let derived: [Column] = [
        Column(name: "state", type: "text") { $0.state.rawValue },
        Column(name: "agency_id", type: "bigint") { String($0.agencyID) },
        Column(name: "officer_id", type: "bigint") { $0.officerID.map(String.init) },
        Column(name: "applicant_kind", type: "text") { $0.applicantKind.rawValue },
        Column(name: "channel", type: "text") { $0.channel.rawValue },
        Column(name: "subject", type: "text") { $0.subject },
        Column(name: "arrived_on", type: "date") { $0.arrivedOn.description },
        Column(name: "received_on", type: "date") { $0.receivedOn.description },
        Column(name: "reply_due", type: "date") { $0.clock.due?.description },
        Column(name: "next_due", type: "date") { $0.nextDue?.description },
        Column(name: "disposition", type: "text") { $0.disposition?.rawValue },
        Column(name: "disposed_on", type: "date") { $0.disposedOn?.description },
        // Spelled as PostgreSQL writes a boolean back as text, so `verify` compares text with text.
        Column(name: "replied_late", type: "boolean") { $0.repliedLate ? "true" : "false" },
        Column(name: "version", type: "int") { String($0.version) },
    ]

    /// `state, agency_id, …` (optionally prefixed, `c.state, …`).
    static func names(prefix: String? = nil) -> Query {
        Query.joined(derived.map { column in
            prefix.map { "\(identifier: $0).\(identifier: column.name)" } ?? "\(identifier: column.name)"
        }, separator: ", ")
    }

    /// The values of `snapshot`, as parameters in the order of `names()`.
    static func values(_ snapshot: CaseSnapshot) -> Query {
        Query.joined(derived.map { "\($0.text(snapshot))" }, separator: ", ")
    }

    /// `state = $1, agency_id = $2, …, snapshot = $n` for an UPDATE.
    static func assignments(_ snapshot: CaseSnapshot) -> Query {
        Query.joined(derived.map { "\(identifier: $0.name) = \($0.text(snapshot))" } + ["snapshot = \(PostgresJSON(snapshot))"], separator: ", ")
    }

    /// The columns with their types, for `jsonb_to_recordset(…) AS v(id bigint, state text, …, snapshot jsonb)`.
    static var recordType: Query {
        Query.joined(["id bigint"] + derived.map { "\(identifier: $0.name) \(raw: $0.type)" } + ["snapshot jsonb"], separator: ", ")
    }

    /// One row for `recordType`: `{"id": …, "state": "…", …, "snapshot": {…}}`.
    static func record(id: Int64, _ snapshot: CaseSnapshot, encoder: JSONEncoder) throws -> String {
        var fields = ["\"id\":\(id)"]
        for column in derived {
            fields.append(JSONText.string(column.name) + ":" + (column.text(snapshot).map(JSONText.string) ?? "null"))
        }
        fields.append("\"snapshot\":" + String(decoding: try encoder.encode(snapshot), as: UTF8.self))
        return "{" + fields.joined(separator: ",") + "}"
    }
}

/// The same columns as SQL literals, for `bench lifecycle`'s pgbench script, which must send
/// the statements the store sends.
public enum CaseColumnLiterals {
    /// `state, agency_id, …`
    public static var names: String { CaseColumns.derived.map(\.name).joined(separator: ", ") }

    /// `'registered', 12, …` in the order of `names`.
    public static func values(_ snapshot: CaseSnapshot) -> String {
        CaseColumns.derived.map { literal($0.text(snapshot)) }.joined(separator: ", ")
    }

    /// `state = 'in_progress', …`, without the snapshot.
    public static func assignments(_ snapshot: CaseSnapshot) -> String {
        CaseColumns.derived.map { "\($0.name) = \(literal($0.text(snapshot)))" }.joined(separator: ", ")
    }

    static func literal(_ text: String?) -> String {
        text.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
    }
}
