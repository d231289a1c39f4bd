import Testing
@testable import LibPQ

@Suite struct StatementLogTests {
    /// As PostgreSQL 15 writes it to stderr with log_min_duration_statement = 0: parse, bind and
    /// execute each logged, a message's later lines after a tab, two connections interleaved.
    let log = """
        2026-11-30 04:12:23.219 UTC [11032] LOG:  duration: 0.784 ms  parse s4: SELECT u.id
        \tFROM api_tokens t WHERE t.token_hash = sha256(convert_to($1, 'UTF8'))
        2026-11-30 04:12:23.219 UTC [11032] LOG:  duration: 0.765 ms  bind s4: SELECT u.id
        \tFROM api_tokens t WHERE t.token_hash = sha256(convert_to($1, 'UTF8'))
        2026-11-30 04:12:23.219 UTC [11032] DETAIL:  parameters: $1 = 'dd_65'
        2026-11-30 04:12:23.220 UTC [11032] LOG:  duration: 0.090 ms  execute s4: SELECT u.id
        \tFROM api_tokens t WHERE t.token_hash = sha256(convert_to($1, 'UTF8'))
        2026-11-30 04:12:23.220 UTC [11115] LOG:  duration: 0.263 ms  statement: SET statement_timeout = 30000;
        2026-11-30 04:12:23.220 UTC [11115] LOG:  duration: 0.051 ms  execute s1: SELECT set_config($1, $2, true)
        2026-11-30 04:12:23.220 UTC [11032] DETAIL:  parameters: $1 = 'dd_65'
        2026-11-30 04:12:23.221 UTC [11115] DETAIL:  parameters: $1 = 'dd.scope', $2 = '{9}'
        2026-11-30 04:12:23.222 UTC [11115] LOG:  duration: 0.100 ms  execute s2: INSERT INTO t (a, b, c) VALUES ($1, $2, $3)
        2026-11-30 04:12:23.222 UTC [11115] DETAIL:  parameters: $1 = 'it''s, $2 = x', $2 = NULL, $3 = '第一行
        \t第二行'
        2026-11-30 04:12:23.223 UTC [11032] LOG:  duration: 0.011 ms  statement: COMMIT
        2026-11-30 04:12:23.224 UTC [77] WARNING:  something unrelated
        """

    @Test func executedStatementsWithTheirParametersInTheOrderTheServerRanThem() {
        let statements = StatementLog.statements(in: log)
        #expect(statements == [
            LoggedStatement(backend: 11032, sql: "SELECT u.id\nFROM api_tokens t WHERE t.token_hash = sha256(convert_to($1, 'UTF8'))", parameters: ["dd_65"]),
            LoggedStatement(backend: 11115, sql: "SELECT set_config($1, $2, true)", parameters: ["dd.scope", "{9}"]),
            LoggedStatement(backend: 11115, sql: "INSERT INTO t (a, b, c) VALUES ($1, $2, $3)", parameters: ["it's, $2 = x", nil, "第一行\n第二行"]),
            LoggedStatement(backend: 11032, sql: "COMMIT"),
        ])
    }

    @Test func aParameterListThatIsNotOneIsRefused() {
        #expect(StatementLog.parameters("$1 = 'a', $3 = 'b'") == nil)
        #expect(StatementLog.parameters("$1 = 'unterminated") == nil)
        #expect(StatementLog.parameters("$1 = 'a' $2 = 'b'") == nil)
        #expect(StatementLog.parameters("$1 = ''''") == ["'"])
    }
}
