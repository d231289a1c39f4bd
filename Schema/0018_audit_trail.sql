-- The audit trail (issue 13; 等保2.0 三级, 安全审计): sign-in, failures, lockouts, refused
-- requests, changes to users and agencies, exports, every view of a full identity number and
-- every case event. Append-only and hash-chained: each row's hash covers the hash of the row
-- before it and the row's canonical text, so a changed, deleted or reordered row breaks the
-- chain where it stands, and `disclosure audit verify` names that row.

CREATE TABLE audit_log (
    -- Given by the chain trigger under the chain's lock: gap-free, so a missing number is a
    -- deleted row. The chain, not the number, fixes the order (the number is not hashed).
    id bigint PRIMARY KEY CHECK (id >= 1),
    -- Set by the chain trigger, never by the writer, so the application cannot back-date a row.
    at timestamptz NOT NULL,
    -- No foreign keys: the trail stands on its own (a failed sign-in names no user, and a row
    -- must never stop a change elsewhere nor be removed with it).
    actor_id bigint,
    actor_username text CHECK (length(actor_username) <= 100),
    -- A code of AuditKind (DisclosureCore); the closed list lives in Swift with its labels.
    kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,39}$'),
    -- What the row is about: a case number, a username, an agency's code, an export, a path.
    subject text CHECK (length(subject) <= 300),
    detail jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object' AND octet_length(detail::text) <= 16000),
    -- The client's address as the web server saw it, when there was a client.
    client text CHECK (length(client) <= 100),
    prev_hash bytea NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash bytea NOT NULL CHECK (octet_length(hash) = 32)
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_kind ON audit_log (kind, id);
CREATE INDEX audit_log_actor ON audit_log (actor_username, id);
CREATE INDEX audit_log_subject ON audit_log (subject, id);

-- The one definition of a row's canonical text, used by the chain trigger and by verify.
-- jsonb's text is canonical (keys in a fixed order, one spelling per value) and tells NULL
-- from ''. The instant is written in UTC so that the session's TimeZone cannot change it.
CREATE FUNCTION audit_row_text(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'at', to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'actorID', r.actor_id, 'actorUsername', r.actor_username, 'kind', r.kind,
        'subject', r.subject, 'detail', r.detail, 'client', r.client)::text
$$;

-- sha256(previous row's hash ‖ this row's canonical text in UTF-8).
CREATE FUNCTION audit_row_hash(r audit_log) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT sha256(r.prev_hash || convert_to(audit_row_text(r), 'UTF8'))
$$;

-- The first row's predecessor.
CREATE FUNCTION audit_genesis_hash() RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT decode(repeat('00', 32), 'hex')
$$;

-- Writers queue on one transaction-level advisory lock (held to commit), then read the last
-- row, so concurrent inserts still form one chain. In READ COMMITTED each statement sees the
-- rows committed before the lock was granted; a REPEATABLE READ writer with an older snapshot
-- would reuse an id and fail on the primary key rather than fork the chain.
-- SECURITY DEFINER: the application's role needs INSERT on audit_log, not the right to read it
-- here or to write it from the case-event trigger.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    last_id bigint;
    last_hash bytea;
BEGIN
    PERFORM pg_advisory_xact_lock(7305120240013);
    SELECT id, hash INTO last_id, last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
    NEW.id := coalesce(last_id, 0) + 1;
    NEW.at := clock_timestamp();
    NEW.prev_hash := coalesce(last_hash, audit_genesis_hash());
    NEW.hash := audit_row_hash(NEW);
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- Nobody edits the trail, not even the owner without first disabling these triggers (which
-- verify then catches in the chain).
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation', HINT = 'The audit trail is never changed; record a new entry instead.';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Every case event, however it is written (the store, a bulk replay, psql). Its payload is
-- not copied (it holds personal data and stays in case_events); its SHA-256 is, so the trail
-- also vouches for what the event said. Deferred to commit: the chain's lock is then held
-- only while the transaction commits, not while it updates the case and its records.
CREATE FUNCTION audit_case_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO audit_log (actor_id, actor_username, kind, subject, detail)
    VALUES (NEW.actor_id, (SELECT username FROM users WHERE id = NEW.actor_id), 'case_event',
            (SELECT case_number FROM cases WHERE id = NEW.case_id),
            jsonb_build_object('caseID', NEW.case_id::text, 'seq', NEW.seq::text, 'event', NEW.kind,
                               'on', to_char(NEW.occurred_on, 'YYYY-MM-DD'), 'role', NEW.actor_role,
                               'payloadSHA256', encode(sha256(convert_to(NEW.payload::text, 'UTF8')), 'hex')));
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER case_events_audit AFTER INSERT ON case_events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_case_event();
