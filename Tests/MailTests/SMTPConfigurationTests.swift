import Testing

@testable import Mail

/// SMTP_URL as an operator writes it.
struct SMTPConfigurationTests {
    @Test func theURLGivesHostPortSenderAndCredentials() throws {
        let plain = try SMTPConfiguration(url: "smtp://127.0.0.1:8025?from=gkb@szq.gov.cn")
        #expect(plain == SMTPConfiguration(host: "127.0.0.1", port: 8025, from: "gkb@szq.gov.cn"))
        let relay = try SMTPConfiguration(url: "smtp://mailer:p%40ss%3Aword@relay.szq.gov.cn/?from=gkb%40szq.gov.cn")
        #expect(relay == SMTPConfiguration(host: "relay.szq.gov.cn", port: 25, from: "gkb@szq.gov.cn", credentials: .init(user: "mailer", password: "p@ss:word")))
        #expect(try SMTPConfiguration(url: "smtp://[::1]:2525").host == "::1")
    }

    @Test func aBadURLSaysWhatIsWrong() {
        #expect(throws: SMTPConfiguration.Problem.notSMTP) { try SMTPConfiguration(url: "http://127.0.0.1") }
        #expect(throws: SMTPConfiguration.Problem.noHost) { try SMTPConfiguration(url: "smtp://:25") }
        #expect(throws: SMTPConfiguration.Problem.badPort("99999")) { try SMTPConfiguration(url: "smtp://host:99999") }
        #expect(throws: SMTPConfiguration.Problem.badFrom("not an address")) { try SMTPConfiguration(url: "smtp://host?from=not%20an%20address") }
    }
}
