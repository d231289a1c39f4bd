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

CREATE FUNCTION dd_scope_all() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(current_setting('dd.scope', true), '') = '*' $$;

CREATE FUNCTION dd_scope_sees(agency bigint) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT CASE coalesce(current_setting('dd.scope', true), '')
        WHEN '*' THEN true
        WHEN '' THEN false
        ELSE agency = ANY (current_setting('dd.scope', true)::bigint[])
    END
    $$;

-- A case: by its agency. An update may move a case out of scope (a transfer to another agency).
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_select ON cases FOR SELECT USING (dd_scope_sees(agency_id));
CREATE POLICY scope_insert ON cases FOR INSERT WITH CHECK (dd_scope_sees(agency_id));
CREATE POLICY scope_update ON cases FOR UPDATE USING (dd_scope_sees(agency_id)) WITH CHECK (true);
CREATE POLICY scope_delete ON cases FOR DELETE USING (dd_scope_sees(agency_id));

-- What belongs to a case: through the case, which the policy above already limits.
DO $$
DECLARE
    owned text;
BEGIN
    FOREACH owned IN ARRAY ARRAY['case_events', 'consultations', 'assists', 'fees', 'deliveries', 'reconsiderations', 'litigations', 'documents'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', owned);
        EXECUTE format('CREATE POLICY scope ON %I USING (dd_scope_all() OR EXISTS (SELECT 1 FROM cases c WHERE c.id = %I.case_id))', owned, owned);
    END LOOP;
END
$$;

-- An applicant: seen through a case in scope. A new applicant is inserted (with an id drawn
-- first) before their case exists, so inserting is not limited.
ALTER TABLE applicants ENABLE ROW LEVEL SECURITY;
CREATE FUNCTION dd_scope_sees_applicant(applicant bigint) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT dd_scope_all() OR EXISTS (SELECT 1 FROM cases c WHERE c.applicant_id = applicant) $$;
CREATE POLICY scope_select ON applicants FOR SELECT USING (dd_scope_sees_applicant(id));
CREATE POLICY scope_insert ON applicants FOR INSERT WITH CHECK (true);
CREATE POLICY scope_update ON applicants FOR UPDATE USING (dd_scope_sees_applicant(id));
CREATE POLICY scope_delete ON applicants FOR DELETE USING (dd_scope_sees_applicant(id));

-- Imported ledger rows (earlier years' cases, with applicants' names): by agency.
ALTER TABLE ledger_cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope ON ledger_cases USING (dd_scope_sees(agency_id));
