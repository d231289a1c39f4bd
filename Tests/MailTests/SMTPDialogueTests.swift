import Testing

@testable import Mail

/// Every turn of the SMTP conversation, without a server.
struct SMTPDialogueTests {
    typealias Reply = SMTPDialogue.Reply

    func run(_ dialogue: inout SMTPDialogue, _ replies: [(Int, String)]) -> [SMTPDialogue.Action] {
        replies.map { dialogue.receive(Reply(code: $0.0, text: $0.1)) }
    }

    @Test func aMessageIsSentInTheOrderTheProtocolAsks() {
        var dialogue = SMTPDialogue(from: "gkb@szq.gov.cn", to: "zhang@example.com", message: "Subject: x\r\n\r\nline\r\n.hidden\r\n")
        let actions = run(&dialogue, [(220, "ready"), (250, "hello"), (250, "ok"), (250, "ok"), (354, "go on"), (250, "queued")])
        #expect(actions == [
            .send("EHLO disclosure-desk"), .send("MAIL FROM:<gkb@szq.gov.cn>"), .send("RCPT TO:<zhang@example.com>"), .send("DATA"),
            .send("Subject: x\r\n\r\nline\r\n..hidden\r\n\r\n."), .delivered,
        ])
    }

    @Test func credentialsAreSentAsAuthPlain() {
        var dialogue = SMTPDialogue(from: "a@b.cn", to: "c@d.cn", message: "x", credentials: .init(user: "user", password: "secret"))
        let actions = run(&dialogue, [(220, ""), (250, ""), (235, "ok")])
        // base64("\0user\0secret")
        #expect(actions == [.send("EHLO disclosure-desk"), .send("AUTH PLAIN AHVzZXIAc2VjcmV0"), .send("MAIL FROM:<a@b.cn>")])
        var refused = SMTPDialogue(from: "a@b.cn", to: "c@d.cn", message: "x", credentials: .init(user: "user", password: "wrong"))
        #expect(run(&refused, [(220, ""), (250, ""), (535, "bad credentials")]).last == .failed(SMTPFailure(stage: "AUTH", code: 535, text: "bad credentials", permanent: true)))
    }

    @Test func aServerWithoutEHLOIsGreetedWithHELO() {
        var dialogue = SMTPDialogue(from: "a@b.cn", to: "c@d.cn", message: "x")
        #expect(run(&dialogue, [(220, ""), (502, "unknown"), (250, "")]) == [.send("EHLO disclosure-desk"), .send("HELO disclosure-desk"), .send("MAIL FROM:<a@b.cn>")])
    }

    @Test func aRefusedRecipientIsPermanentAndABusyServerIsNot() {
        var bounce = SMTPDialogue(from: "a@b.cn", to: "nobody@d.cn", message: "x")
        #expect(run(&bounce, [(220, ""), (250, ""), (250, ""), (550, "no such user")]).last
                == .failed(SMTPFailure(stage: "RCPT TO", code: 550, text: "no such user", permanent: true)))
        var busy = SMTPDialogue(from: "a@b.cn", to: "c@d.cn", message: "x")
        #expect(run(&busy, [(421, "try later")]).last == .failed(SMTPFailure(stage: "greeting", code: 421, text: "try later", permanent: false)))
        var full = SMTPDialogue(from: "a@b.cn", to: "c@d.cn", message: "x")
        #expect(run(&full, [(220, ""), (250, ""), (250, ""), (250, ""), (354, ""), (452, "mailbox full")]).last
                == .failed(SMTPFailure(stage: "message", code: 452, text: "mailbox full", permanent: false)))
    }

    @Test func everyLineEndingBecomesCRLFAndLeadingDotsAreDoubled() {
        #expect(SMTPDialogue.dotStuffed("a\nb\r\n.c\r.\n") == "a\r\nb\r\n..c\r\n..\r\n")
    }
}
