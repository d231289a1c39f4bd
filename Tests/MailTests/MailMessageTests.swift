import Foundation
import Testing

@testable import Mail

/// The message as written after DATA, and the addresses SMTP may be given.
struct MailMessageTests {
    @Test func chineseTravelsEncodedAndDecodesBack() throws {
        let body = "您的申请已提交。\n回执编号：20261130-7KQ4MX\n" + String(repeating: "长", count: 100)
        let message = MailMessage(from: "gkb@szq.gov.cn", to: "zhang@example.com", subject: "政府信息公开申请回执", body: body,
                                  date: "Mon, 30 Nov 2026 16:05:00 +0800", messageID: "<outbox-1@disclosure-desk>")
        let text = message.rendered
        #expect(text.utf8.allSatisfy { $0 < 0x80 }, "7-bit only")
        #expect(text.contains("Subject: =?UTF-8?B?5pS/5bqc5L+h5oGv5YWs5byA55Sz6K+35Zue5omn?=\r\n"))
        let parts = text.components(separatedBy: "\r\n\r\n")
        let lines = parts[1].split(separator: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(decode(lines.joined()) == Array(body.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    @Test func noLineBreakReachesAHeader() {
        let message = MailMessage(from: "a@b.cn", to: "x@y.cn\r\nBcc: everyone@y.cn", subject: "s", body: "b", date: "d", messageID: "<m>")
        #expect(!message.rendered.contains("\r\nBcc:"))
    }

    @Test func onlyPlainAddressesAreDeliverable() {
        #expect(MailMessage.isDeliverable("zhang.san+gk@example.com.cn"))
        for address in ["", "zhang", "a@b", "@b.cn", "a@.cn", "a@b.cn.", "a b@c.cn", "a@b.cn>\r\nRCPT TO:<x@y.cn", "张三@例子.中国", String(repeating: "a", count: 250) + "@b.cn"] {
            #expect(!MailMessage.isDeliverable(address), "\(address.prefix(30))")
        }
    }

    /// A plain base64 decoder, independent of the encoder under test.
    func decode(_ text: String) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var bits: UInt32 = 0, count = 0, out: [UInt8] = []
        for character in text where character != "=" {
            guard let value = alphabet.firstIndex(of: character) else { continue }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 { count -= 8; out.append(UInt8((bits >> UInt32(count)) & 0xFF)) }
        }
        return out
    }
}
