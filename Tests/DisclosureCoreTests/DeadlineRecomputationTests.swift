import DisclosureCore
import Foundation
import LifecycleTestSupport
import Testing

/// Which of a case's dates an imported notice moved, and how the entry reads back.
@Suite struct DeadlineRecomputationTests {
    let f = LifecycleFixtures()

    @Test func theDatesThatMovedAndOnlyThose() throws {
        var r = f.registration
        r.arrivedOn = f.d("2026-12-14"); r.receivedOn = r.arrivedOn
        let events = [f.event(.register(r), on: r.arrivedOn),
                      f.event(.startConsultation(ConsultationRequest(party: .thirdParty, name: "甲公司", matter: "商业秘密")), on: f.d("2026-12-16"))]
        let provisional = try Lifecycle.replay(events, calendar: f.calendar)
        var notice = StatutoryHolidays.provisionalYear(2027)
        notice.holidays.append(.init(name: "元旦延长", first: f.d("2027-01-04"), last: f.d("2027-01-05")))
        var imported = f.calendar
        try imported.add(notice)
        let official = try Lifecycle.replay(events, calendar: imported)
        let changes = provisional.deadlineChanges(to: official)
        // The consultation's 15 working days after 12-16 ran into January; the correction
        // notice's 7th working day (12-23) did not.
        #expect(changes == [DeadlineChange(kind: .consultationAnswer, from: f.d("2027-01-07"), to: f.d("2027-01-11"))])
        #expect(!changes[0].isEarlier)
        #expect(provisional.deadlineChanges(to: provisional).isEmpty)
        #expect(DeadlineChange(kind: .reply, from: f.d("2027-01-11"), to: f.d("2027-01-07")).isEarlier)
    }

    /// The dashboard reads these keys back from the stored history.
    @Test func theEntryKeepsItsKeys() throws {
        let entry = DeadlineRecomputation(year: 2027, notice: "国务院办公厅关于2027年部分节假日安排的通知",
                                          changes: [.init(kind: .reply, from: f.d("2027-01-18"), to: nil)])
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(entry)) as? [String: Any])
        #expect(Set(object.keys) == ["year", "notice", "changes"])
        let change = try #require((object["changes"] as? [[String: Any]])?.first)
        #expect(change["kind"] as? String == "reply" && change["from"] as? String == "2027-01-18")
        #expect(try JSONDecoder().decode(DeadlineRecomputation.self, from: JSONEncoder().encode(entry)) == entry)
    }

    @Test func theDatesALetterMayStateAreMarkedWhereProvisional() throws {
        var r = f.registration
        r.arrivedOn = f.d("2026-12-14"); r.receivedOn = r.arrivedOn
        let c = try Lifecycle.replay([f.event(.register(r), on: r.arrivedOn)], calendar: f.calendar)
        let dates = c.provisionalDates(calendar: f.calendar)
        #expect(dates.map(\.date) == [c.clock.due!])
        #expect(dates.first?.provisional.years == [2027])
    }
}
