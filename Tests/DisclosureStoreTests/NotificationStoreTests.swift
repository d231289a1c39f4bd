import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ
import Testing

/// The outbox: written with the event it tells of, leased and settled by the worker, and the
/// officers' morning reminder written once a day.
@Suite struct NotificationStoreTests {
    let everyone = Scope.everything(reason: "tests see every agency")

    func outbox(_ f: StoreFixture) async throws -> [(channel: String, recipient: String, purpose: String, body: String)] {
        try await f.pool.query("SELECT channel, recipient, purpose, body FROM outbox ORDER BY id").map {
            let (channel, recipient, purpose, body) = try $0.decode(String.self, String.self, String.self, String.self)
            return (channel, recipient, purpose, body)
        }
    }

    @Test func theEventsThatConcernTheApplicantQueueTheirNoticeInTheSameTransaction() async throws {
        let f = try await StoreFixture.make("notify-events")
        let applicant = Applicant(kind: .naturalPerson, name: "张三", phone: "138 0013 8000", email: "zhang@example.com")
        var record = try await f.store.register(f.intake(applicant: applicant), by: f.officer.actor, today: f.today, scope: everyone)
        #expect(try await outbox(f).isEmpty, "an officer's registration of a letter tells no one by e-mail")
        func append(_ payload: EventPayload) async throws {
            record = try await f.store.append(f.lifecycle.event(payload, on: record.snapshot.lastEventOn.adding(days: 1)), to: record.id,
                                              expectedVersion: record.snapshot.version, today: f.today, scope: everyone)
        }
        try await append(.assist(AssistRequest(department: "区档案馆", request: "查找征收档案")))
        #expect(try await outbox(f).isEmpty)
        try await append(.requestCorrection(CorrectionRequest(items: ["请明确所需文件的名称或文号"])))
        let queued = try await outbox(f)
        #expect(queued.map(\.channel) == ["email", "sms"] && queued.allSatisfy { $0.purpose == "correction" })
        #expect(queued[0].recipient == "zhang@example.com" && queued[1].recipient == "13800138000")
        let due = try #require(record.snapshot.correction?.dueOn)
        #expect(queued[0].body.contains("请明确所需文件的名称或文号") && queued[0].body.contains(due.chineseDay) && queued[0].body.contains(record.caseNumber))

        // A refused event queues nothing: the notice stands or falls with it.
        await #expect(throws: LifecycleError.self) {
            try await f.store.append(f.lifecycle.event(.reply(f.lifecycle.discloseDraft), on: record.snapshot.lastEventOn), to: record.id,
                                     expectedVersion: record.snapshot.version + 5, today: f.today, scope: everyone)
        }
        #expect(try await outbox(f).count == 2)
    }

    @Test func anApplicantWithoutEmailOrMobileIsNotQueued() async throws {
        let f = try await StoreFixture.make("notify-none")
        let applicant = Applicant(kind: .naturalPerson, name: "李四", phone: "0531-86000000", address: "济南市市中区经七路1号")
        var record = try await f.store.register(f.intake(applicant: applicant), by: f.officer.actor, today: f.today, scope: everyone)
        record = try await f.store.append(f.lifecycle.event(.reply(f.lifecycle.discloseDraft), on: record.snapshot.lastEventOn.adding(days: 1)), to: record.id,
                                          expectedVersion: record.snapshot.version, today: f.today, scope: everyone)
        #expect(record.snapshot.state == .replied)
        #expect(try await outbox(f).isEmpty, "a landline gets no SMS")
    }

    @Test func theWorkerLeasesSettlesAndGivesUp() async throws {
        let f = try await StoreFixture.make("notify-lease")
        let store = NotificationStore(pool: f.pool)
        let applicant = Applicant(kind: .naturalPerson, name: "张三", phone: "13800138000", email: "bounce@example.com")
        var record = try await f.store.register(f.intake(applicant: applicant), by: f.officer.actor, today: f.today, scope: everyone)
        record = try await f.store.append(f.lifecycle.event(.reply(f.lifecycle.discloseDraft), on: record.snapshot.lastEventOn.adding(days: 1)), to: record.id,
                                          expectedVersion: record.snapshot.version, today: f.today, scope: everyone)

        #expect(try await store.claim([]).isEmpty)
        let emails = try await store.claim([.email])
        #expect(emails.map(\.recipient) == ["bounce@example.com"] && emails[0].attempts == 1)
        #expect(try await store.claim([.email]).isEmpty, "leased: not taken twice")
        let sms = try #require(try await store.claim([.email, .sms]).first)
        #expect(sms.channel == .sms)
        try await store.sent(sms.id)

        // A temporary failure waits and is tried again; a permanent one tells the case's officer.
        try await store.failed(emails[0], error: "connect: refused", permanent: false)
        let waiting = try await f.pool.query("SELECT not_before > now() + interval '50 seconds', failed_at IS NULL, last_error FROM outbox WHERE id = \(emails[0].id)").single()
        #expect(try waiting.decode(Bool.self, at: 0) && waiting.decode(Bool.self, at: 1) && waiting.decode(String.self, at: 2) == "connect: refused")
        _ = try await f.pool.query("UPDATE outbox SET not_before = now() WHERE id = \(emails[0].id)")
        let again = try #require(try await store.claim([.email]).first)
        #expect(again.attempts == 2)
        try await store.failed(again, error: "RCPT TO: 550 no such user", permanent: true)
        #expect(try await store.claim([.email]).isEmpty)
        let notices = try await store.unread(for: f.officer.id)
        #expect(notices.count == 1 && notices[0].text.contains("邮件未能送达") && notices[0].text.contains(record.caseNumber) && notices[0].link == "/cases/\(record.id)")
        let states = try await store.notifications(ofCase: record.id, scope: everyone)
        #expect(states.map { $0.sentAt != nil } == [true, false] && states[1].failedAt != nil)
        try await store.markRead(notices[0].id, by: f.supervisor.id)
        #expect(try await store.unread(for: f.officer.id).count == 1, "only one's own notices")
        try await store.markRead(notices[0].id, by: f.officer.id)
        #expect(try await store.unread(for: f.officer.id).isEmpty)
    }

    @Test func theMorningReminderListsTheOfficersDueAndOverdueCasesOnceADay() async throws {
        let f = try await StoreFixture.make("notify-digest")
        let store = NotificationStore(pool: f.pool)
        let calendar = try await f.store.calendars.calendar()
        let open = try await f.make([])
        _ = try await f.make([.reply(f.lifecycle.discloseDraft)])
        _ = try await f.pool.query("UPDATE users SET email = 'wang.fang@szq.example.cn' WHERE id = \(f.officer.id)")
        // Received 2024-09-02: long overdue on the fixture's today.
        #expect(try await store.writeDigests(today: f.today, calendar: calendar) == 1)
        #expect(try await store.writeDigests(today: f.today, calendar: calendar) == nil, "once a day")
        let notices = try await store.unread(for: f.officer.id)
        #expect(notices.map(\.text) == ["今日提醒：1件已超期。"])
        let mail = try await f.pool.query("SELECT recipient, subject, body FROM outbox WHERE purpose = 'digest'").single()
        let (recipient, subject, body) = try mail.decode(String.self, String.self, String.self)
        #expect(recipient == "wang.fang@szq.example.cn" && subject.contains("1件已超期"))
        #expect(body.contains(open.caseNumber) && body.contains("已超期"))
        #expect(try await store.unread(for: f.supervisor.id).isEmpty, "a supervisor handles no case here")

        // A case due within three working days of another morning is listed as due soon.
        let due = try #require(open.snapshot.nextDue)
        let morning = due.adding(days: -1)
        #expect(try await store.writeDigests(today: morning, calendar: calendar) == 1)
        #expect(try await store.unread(for: f.officer.id).first?.text == "今日提醒：1件3个工作日内到期。")
    }
}
