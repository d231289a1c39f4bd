-- Issue 17: applications submitted in the public portal (网上申请). A submission is not a case:
-- it becomes one only when an officer of the agency confirms it, and the day of confirmation is
-- the day of receipt (Art. 31 ¶2). Until then the applicant sees "待确认" and the agency's queue
-- shows how long it has waited.
CREATE TABLE portal_submissions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- 回执编号: the day of submission and six characters that cannot be misread (ReceiptCode).
    receipt_code text NOT NULL UNIQUE CHECK (receipt_code ~ '^[0-9]{8}-[2-9A-HJKMNP-Z]{6}$'),
    -- bcrypt of the tracking password shown once with the code.
    password_hash text NOT NULL CHECK (password_hash LIKE '$2%'),
    agency_id bigint NOT NULL REFERENCES agencies (id),
    -- The PortalApplication as submitted, the applicant's personal data inside.
    application jsonb NOT NULL,
    subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    applicant_name text NOT NULL CHECK (length(applicant_name) BETWEEN 1 AND 100),
    submitted_at timestamptz NOT NULL DEFAULT now(),
    submitted_on date NOT NULL,
    -- Where it came from, for the per-address limits and the Art. 35 evidence.
    client_address text NOT NULL CHECK (length(client_address) BETWEEN 1 AND 64),
    -- Set once, when an officer confirms it; the case's own history records the rest.
    case_id bigint UNIQUE REFERENCES cases (id),
    confirmed_on date,
    confirmed_by bigint REFERENCES users (id),
    CHECK ((case_id IS NULL) = (confirmed_on IS NULL) AND (case_id IS NULL) = (confirmed_by IS NULL))
);
CREATE INDEX portal_submissions_unconfirmed ON portal_submissions (agency_id, submitted_at) WHERE case_id IS NULL;
CREATE INDEX portal_submissions_by_address ON portal_submissions (client_address, submitted_at);

-- Files attached to a submission: PDF, JPEG or PNG as recognised by their bytes (AttachmentKind),
-- at most 5 MB each, kept in PostgreSQL so that a backup holds them with the cases.
CREATE TABLE portal_attachments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    submission_id bigint NOT NULL REFERENCES portal_submissions (id),
    file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size integer NOT NULL CHECK (size BETWEEN 1 AND 5242880),
    content bytea NOT NULL CHECK (octet_length(content) = size)
);
CREATE INDEX portal_attachments_submission ON portal_attachments (submission_id);

-- The question asked before a submission is accepted (PortalChallenge), answered once.
CREATE TABLE portal_challenges (
    token text PRIMARY KEY CHECK (length(token) BETWEEN 16 AND 64),
    answer integer NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX portal_challenges_expiry ON portal_challenges (expires_at);

-- Fixed-window counters of what one address (or one receipt code) may do: submissions,
-- tracking attempts, wrong passwords. Anyone may use the portal, so they are keyed by text.
CREATE TABLE portal_limits (
    purpose text NOT NULL,
    subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 64),
    window_start timestamptz NOT NULL,
    used integer NOT NULL,
    PRIMARY KEY (purpose, subject)
);

-- The agency's officers see their agency's submissions (the scope, as for cases); the portal
-- sees one submission, whose receipt code it names in `dd.portal_code` after the applicant gave
-- the code (the password is checked against the hash it reads). Anyone may submit.
ALTER TABLE portal_submissions ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_select ON portal_submissions FOR SELECT USING (
    (SELECT dd_scope_all()) OR agency_id = (SELECT dd_scope_first()) OR agency_id = ANY ((SELECT dd_scope_agencies())::bigint[])
    OR receipt_code = current_setting('dd.portal_code', true));
CREATE POLICY anyone_inserts ON portal_submissions FOR INSERT WITH CHECK (case_id IS NULL);
CREATE POLICY scope_update ON portal_submissions FOR UPDATE USING (
    (SELECT dd_scope_all()) OR agency_id = (SELECT dd_scope_first()) OR agency_id = ANY ((SELECT dd_scope_agencies())::bigint[]));

ALTER TABLE portal_attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY through_submission ON portal_attachments FOR SELECT USING (
    EXISTS (SELECT 1 FROM portal_submissions s WHERE s.id = portal_attachments.submission_id));
CREATE POLICY anyone_inserts ON portal_attachments FOR INSERT WITH CHECK (true);

-- A submission and its files are evidence of what was asked: never changed or removed by the
-- service, apart from the confirmation set once on the submission.
REVOKE DELETE ON portal_submissions, portal_attachments FROM disclosure_service;
REVOKE UPDATE ON portal_attachments FROM disclosure_service;

-- What the portal tells an applicant choosing where to apply: what the agency holds, and where
-- its proactively published information is (政府信息公开专栏). Kept by administrators.
ALTER TABLE agencies ADD COLUMN portal_guide text NOT NULL DEFAULT '' CHECK (length(portal_guide) <= 1000);
ALTER TABLE agencies ADD COLUMN published_url text CHECK (published_url ~ '^https?://' AND length(published_url) <= 500);
