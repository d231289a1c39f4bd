-- Issue 17: notifications. What is to be sent is written in the same transaction as what it
-- tells of (an outbox), and a worker of the service delivers it afterwards, so that an event
-- is never recorded without its notice nor a notice sent for an event that rolled back; a
-- mail server that is down delays mail and nothing else.
CREATE TABLE outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel text NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 254),
    subject text NOT NULL CHECK (length(subject) <= 500),
    body text NOT NULL CHECK (length(body) <= 20000),
    purpose text NOT NULL CHECK (purpose IN ('submitted', 'received', 'correction', 'extension', 'fee', 'reply', 'digest')),
    case_id bigint REFERENCES cases (id),
    submission_id bigint REFERENCES portal_submissions (id),
    user_id bigint REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Not before this: the next try after a failure, or the end of a worker's lease.
    not_before timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0,
    sent_at timestamptz,
    -- Given up: the server refused it for good (the address does not exist), or too many tries.
    failed_at timestamptz,
    last_error text CHECK (length(last_error) <= 1000)
);
CREATE INDEX outbox_waiting ON outbox (not_before, id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_case ON outbox (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX outbox_submission ON outbox (submission_id) WHERE submission_id IS NOT NULL;

-- Notices shown to a user in the application (the daily reminder, a new online submission, a
-- notification that could not be delivered), until they mark them read.
CREATE TABLE user_notices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    link text CHECK (link ~ '^/[a-z0-9/?=&._-]*$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz
);
CREATE INDEX user_notices_unread ON user_notices (user_id, created_at) WHERE read_at IS NULL;

-- One morning reminder per day, however many processes of the service run.
CREATE TABLE digest_runs (
    day date PRIMARY KEY,
    ran_at timestamptz NOT NULL DEFAULT now()
);

-- Where an officer's reminder is e-mailed, if anywhere.
ALTER TABLE users ADD COLUMN email text CHECK (email ~ '^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$' AND length(email) <= 254);

-- The outbox holds applicants' addresses and phone numbers: the service sees a row through its
-- case's scope, or with every agency's scope (the delivering worker says why). Anyone may add.
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_select ON outbox FOR SELECT USING (
    (SELECT dd_scope_all()) OR EXISTS (SELECT 1 FROM cases c WHERE c.id = outbox.case_id));
CREATE POLICY scope_update ON outbox FOR UPDATE USING ((SELECT dd_scope_all()));
CREATE POLICY anyone_inserts ON outbox FOR INSERT WITH CHECK (true);
REVOKE DELETE ON outbox FROM disclosure_service;
