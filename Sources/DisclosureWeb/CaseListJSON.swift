import DisclosureCore
import DisclosureStore
import Hummingbird
import LibPQ

/// `GET /api/v1/cases` and the case search: one page of the list.
///
/// Written by `JSONText` rather than `JSONEncoder`, which spent more on fifty rows than
/// PostgreSQL did finding them. `Encodable` stays as the reference the tests hold it to.
struct CaseListJSON: Encodable {
    var cases: [CaseSummary]
    var total: Int
    var page: Int
    var pageSize: Int

    var response: Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }

    var json: [UInt8] {
        var out = JSONText(capacity: 256 + cases.count * 480)
        out.raw("{")
        out.key("cases", first: true)
        out.raw("[")
        for (index, row) in cases.enumerated() {
            if index > 0 { out.raw(",") }
            Self.write(row, to: &out)
        }
        out.raw("]")
        out.key("page"); out.number(page)
        out.key("pageSize"); out.number(pageSize)
        out.key("total"); out.number(total)
        out.raw("}")
        return out.bytes
    }

    /// The keys in the order `.sortedKeys` gives them; nil values left out as the synthesized
    /// `Encodable` leaves them.
    private static func write(_ row: CaseSummary, to out: inout JSONText) {
        out.raw("{")
        out.key("agencyID", first: true); out.number(row.agencyID)
        out.key("applicantKind"); out.string(row.applicantKind.rawValue)
        out.key("caseNumber"); out.string(row.caseNumber)
        out.key("channel"); out.string(row.channel.rawValue)
        if let date = row.disposedOn { out.key("disposedOn"); out.string(date.description) }
        if let disposition = row.disposition { out.key("disposition"); out.string(disposition.rawValue) }
        if let days = row.extensionRequestedDays { out.key("extensionRequestedDays"); out.number(days) }
        out.key("id"); out.number(row.id)
        if let date = row.nextDue { out.key("nextDue"); out.string(date.description) }
        if let officer = row.officerID { out.key("officerID"); out.number(officer) }
        if let disposition = row.proposedDisposition { out.key("proposedDisposition"); out.string(disposition.rawValue) }
        if let provisional = row.provisional {
            out.key("provisional"); out.raw("{")
            out.key("years", first: true); out.raw("[")
            for (index, year) in provisional.years.enumerated() {
                if index > 0 { out.raw(",") }
                out.number(year)
            }
            out.raw("]}")
        }
        out.key("receivedOn"); out.string(row.receivedOn.description)
        if let days = row.remainingWorkingDays { out.key("remainingWorkingDays"); out.number(days) }
        out.key("repliedLate"); out.bool(row.repliedLate)
        if let date = row.replyDue { out.key("replyDue"); out.string(date.description) }
        out.key("state"); out.string(row.state.rawValue)
        out.key("subject"); out.string(row.subject)
        out.key("version"); out.number(row.version)
        out.raw("}")
    }
}
