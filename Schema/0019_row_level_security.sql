-- Row-level security keyed by agency (issue 13): the service runs as `disclosure_service`, a
-- role that owns nothing and cannot bypass the policies below, so a bug in one handler cannot
-- show another agency's cases; the migrations (and the operator's command line) run as the
-- owner, whom the policies do not bind.
--
-- Each statement of the service carries its scope in the setting `dd.scope`, set in the same
-- transaction right before it (LibPQ's StatementSettings): '*' sees every agency, '{1,2}' the
-- cases of agencies 1 and 2, and an empty or missing setting sees nothing.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'disclosure_service') THEN
        -- On a server where the migrating user may not create roles, an administrator creates
        -- this one first (see the README). Roles belong to the whole server: another database's
        -- migration may create it at the same moment.
        BEGIN
            CREATE ROLE disclosure_service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO disclosure_service;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO disclosure_service;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO disclosure_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO disclosure_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO disclosure_service;
-- History and the trail are appended to, never changed; the migrations are the owner's; the
-- demo's passwords are for the operator's command line only.
REVOKE UPDATE, DELETE ON case_events, audit_log FROM disclosure_service;
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM disclosure_service;
REVOKE ALL ON demo_credentials FROM disclosure_service;

-- The setting is read once per statement, not once per row: each policy below calls these
-- in scalar subqueries, which PostgreSQL evaluates once (an InitPlan), so that a row costs a
-- comparison or two (counting a million cases took 78 ms with the setting read per row, 45 ms
-- with it read once, 37 ms without the walls).
CREATE FUNCTION dd_scope_all() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(current_setting('dd.scope', true), '') = '*' $$;

CREATE FUNCTION dd_scope_agencies() RETURNS bigint[] LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN coalesce(current_setting('dd.scope', true), '') IN ('', '*') THEN '{}'::bigint[]
                ELSE current_setting('dd.scope', true)::bigint[] END
    $$;

-- The first agency of the scope: most people work for one, and a row of theirs then passes on a
-- single comparison, before the list is looked at.
CREATE FUNCTION dd_scope_first() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT (dd_scope_agencies())[1] $$;

-- A case: by its agency. An update may move a case out of scope (a transfer to another agency).
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_select ON cases FOR SELECT USING ((SELECT dd_scope_all()) OR agency_id = (SELECT dd_scope_first()) OR agency_id = ANY ((SELECT dd_scope_agencies())::bigint[]));
CREATE POLICY scope_insert ON cases FOR INSERT WITH CHECK ((SELECT dd_scope_all()) OR agency_id = (SELECT dd_scope_first()) OR agency_id = ANY ((SELECT dd_scope_agencies())::bigint[]));
CREATE POLICY scope_update ON cases FOR UPDATE USING ((SELECT dd_scope_all()) OR agency_id = (SELECT dd_scope_first()) OR agency_id = ANY ((SELECT dd_scope_agencies())::bigint[])) WITH CHECK (true);
CREATE POLICY scope_delete ON cases FOR DELETE USING ((SELECT dd_scope_all()) OR agency_id = (SELECT dd_scope_first()) OR agency_id = ANY ((SELECT dd_scope_agencies())::bigint[]));

-- What belongs to a case: through the case, which the policy above already limits.
DO $$
DECLARE
    owned text;
BEGIN
    FOREACH owned IN ARRAY ARRAY['case_events', 'consultations', 'assists', 'fees', 'deliveries', 'reconsiderations', 'litigations', 'documents'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', owned);
        EXECUTE format('CREATE POLICY scope ON %I USING ((SELECT dd_scope_all()) OR EXISTS (SELECT 1 FROM cases c WHERE c.id = %I.case_id))', owned, owned);
    END LOOP;
END
$$;

-- An applicant: seen through a case in scope. A new applicant is inserted (with an id drawn
-- first) before their case exists, so inserting is not limited.
ALTER TABLE applicants ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_select ON applicants FOR SELECT
    USING ((SELECT dd_scope_all()) OR EXISTS (SELECT 1 FROM cases c WHERE c.applicant_id = applicants.id));
CREATE POLICY scope_insert ON applicants FOR INSERT WITH CHECK (true);
CREATE POLICY scope_update ON applicants FOR UPDATE
    USING ((SELECT dd_scope_all()) OR EXISTS (SELECT 1 FROM cases c WHERE c.applicant_id = applicants.id));
CREATE POLICY scope_delete ON applicants FOR DELETE
    USING ((SELECT dd_scope_all()) OR EXISTS (SELECT 1 FROM cases c WHERE c.applicant_id = applicants.id));

-- Imported ledger rows (earlier years' cases, with applicants' names): by agency.
ALTER TABLE ledger_cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope ON ledger_cases USING ((SELECT dd_scope_all()) OR agency_id = (SELECT dd_scope_first()) OR agency_id = ANY ((SELECT dd_scope_agencies())::bigint[]));
