import Testing
@testable import LibPQ

@Suite struct PgBenchScriptTests {
    @Test func parametersBecomeLiteralsAndColonsCannotBeTakenForVariables() {
        let statement = LoggedStatement(backend: 1, sql: "SELECT $1, $2, $10, '$1', $3", parameters: ["a'b", nil, "04:12 \\n", "4", "5", "6", "7", "8", "9", "ten"])
        #expect(PgBenchScript.Step(statement).sql == "SELECT 'a''b', NULL, 'ten', '$1', E'04\\x3a12 \\\\n'")
    }

    @Test func aReplacedParameterTakesTheTextGivenAndAMissingOneStays() {
        let statement = LoggedStatement(backend: 1, sql: "UPDATE t SET v = $1 WHERE id = $2 AND w = $3", parameters: ["1", "2"])
        #expect(PgBenchScript.Step(statement, replacements: [1: ":version + 1"]).sql == "UPDATE t SET v = :version + 1 WHERE id = '2' AND w = $3")
    }

    @Test func theScopeGoesInOnePipelineWithItsStatementAndResultsAreKept() {
        var script = PgBenchScript([
            LoggedStatement(backend: 1, sql: "SELECT set_config($1, $2, true)", parameters: ["dd.scope", "{9}"]),
            LoggedStatement(backend: 1, sql: "SELECT id FROM cases WHERE id = $1", parameters: ["7"]),
            LoggedStatement(backend: 1, sql: "SELECT nextval('s')"),
            LoggedStatement(backend: 1, sql: "COMMIT"),
        ])
        script.preamble = ["\\set i :i + 1"]
        script.steps[2].gset = "new_"
        #expect(script.text == """
            \\set i :i + 1
            \\startpipeline
            SELECT set_config('dd.scope', '{9}', true);
            SELECT id FROM cases WHERE id = '7';
            \\endpipeline
            SELECT nextval('s') \\gset new_
            COMMIT;

            """)
    }

    @Test func theParameterOfAColumn() {
        let insert = "INSERT INTO case_events (case_id, seq, kind)\n\tVALUES ($1, $2,\n $3)\n\tRETURNING id"
        #expect(PgBenchScript.parameter(ofColumn: "seq", in: insert) == 2)
        #expect(PgBenchScript.parameter(ofColumn: "kind", in: insert) == 3)
        #expect(PgBenchScript.parameter(ofColumn: "nothing", in: insert) == nil)
        let update = "UPDATE cases SET \"state\" = $1, \"version\" = $14, snapshot = $15 WHERE id = $16"
        #expect(PgBenchScript.parameter(ofColumn: "version", in: update) == 14)
        #expect(PgBenchScript.parameter(ofColumn: "snapshot", in: update) == 15)
        #expect(PgBenchScript.parameter(ofColumn: "state", in: update) == 1)
    }
}
