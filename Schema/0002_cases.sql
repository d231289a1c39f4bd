-- The case lifecycle (domain.md §2–§6, architecture.md "An event log plus a projection").

-- Agencies form a tree: the district government, its office, departments and street offices.
CREATE TABLE agencies (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_-]+$'),
    name text NOT NULL UNIQUE,
    short_name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('government', 'office', 'department', 'street')),
    parent_id bigint REFERENCES agencies (id),
    -- Administrative Reconsideration Law 2023, Art. 24: named in every reply's remedies.
    reconsideration_body text NOT NULL,
    -- {short} {name} {year} {seq} {seq:N} (zero-padded to N digits).
    case_number_format text NOT NULL DEFAULT '{short}依申〔{year}〕第{seq:4}号',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agencies_parent ON agencies (parent_id);

CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]+$'),
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('officer', 'supervisor', 'administrator', 'auditor')),
    agency_id bigint NOT NULL REFERENCES agencies (id),
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_agency ON users (agency_id);

-- Personal data: masked for everyone who does not handle the case (domain.md §9).
CREATE TABLE applicants (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('natural_person', 'commercial', 'research', 'nonprofit', 'legal_services', 'other_org')),
    name text NOT NULL CHECK (name <> ''),
    id_type text,
    id_number text,
    phone text,
    email text,
    address text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applicants_identity ON applicants (id_number) WHERE id_number IS NOT NULL;
CREATE INDEX applicants_name ON applicants (name);

-- One counter per agency and year; the row lock serialises concurrent intakes.
CREATE TABLE case_number_counters (
    agency_id bigint NOT NULL REFERENCES agencies (id),
    year int NOT NULL,
    last_number int NOT NULL,
    PRIMARY KEY (agency_id, year)
);

-- The projection: the current snapshot of every case, rebuilt from case_events by `disclosure verify`.
CREATE TABLE cases (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_number text NOT NULL UNIQUE,
    agency_id bigint NOT NULL REFERENCES agencies (id),
    officer_id bigint REFERENCES users (id),
    applicant_id bigint NOT NULL REFERENCES applicants (id),
    applicant_kind text NOT NULL,
    channel text NOT NULL,
    state text NOT NULL,
    subject text NOT NULL,
    description text NOT NULL,
    arrived_on date NOT NULL,
    received_on date NOT NULL,
    -- null while the clock stands still
    reply_due date,
    -- the earliest date still owed (reply, payment, consultation answer, …)
    next_due date,
    disposition text,
    disposed_on date,
    replied_late boolean NOT NULL DEFAULT false,
    version int NOT NULL CHECK (version >= 1),
    snapshot jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER cases_touch BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE INDEX cases_agency_state ON cases (agency_id, state);
CREATE INDEX cases_officer_open ON cases (officer_id, next_due) WHERE state NOT IN ('replied', 'closed');
CREATE INDEX cases_next_due_open ON cases (next_due) WHERE state NOT IN ('replied', 'closed');
CREATE INDEX cases_received ON cases (received_on);
CREATE INDEX cases_disposed ON cases (disposed_on) WHERE disposed_on IS NOT NULL;
CREATE INDEX cases_applicant ON cases (applicant_id);
CREATE INDEX cases_subject_trgm ON cases USING gin (subject gin_trgm_ops);

-- The history: append-only; corrections are new events (domain.md §3).
CREATE TABLE case_events (
    case_id bigint NOT NULL REFERENCES cases (id),
    seq int NOT NULL CHECK (seq >= 1),
    kind text NOT NULL,
    occurred_on date NOT NULL,
    actor_id bigint NOT NULL REFERENCES users (id),
    actor_role text NOT NULL,
    payload jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, seq)
);
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

-- Records derived from the events, one table each for the lists and the report (table 四).
-- Rewritten with the snapshot in the same transaction; `n` numbers them within the case.
CREATE TABLE consultations (
    case_id bigint NOT NULL REFERENCES cases (id),
    n int NOT NULL,
    party text NOT NULL,
    name text NOT NULL,
    started_on date NOT NULL,
    due_on date,
    closed_on date,
    outcome text,
    lapsed boolean NOT NULL DEFAULT false,
    PRIMARY KEY (case_id, n)
);
CREATE TABLE assists (
    case_id bigint NOT NULL REFERENCES cases (id),
    n int NOT NULL,
    department text NOT NULL,
    asked_on date NOT NULL,
    due_on date NOT NULL,
    returned_on date,
    PRIMARY KEY (case_id, n)
);
CREATE TABLE fees (
    case_id bigint PRIMARY KEY REFERENCES cases (id),
    amount int NOT NULL CHECK (amount > 0),
    explanation text NOT NULL,
    notice_on date NOT NULL,
    due_on date NOT NULL,
    paid_on date
);
CREATE TABLE deliveries (
    case_id bigint NOT NULL REFERENCES cases (id),
    n int NOT NULL,
    method text NOT NULL,
    delivered_on date NOT NULL,
    reference text,
    PRIMARY KEY (case_id, n)
);
CREATE TABLE reconsiderations (
    case_id bigint NOT NULL REFERENCES cases (id),
    reference text NOT NULL,
    body text NOT NULL,
    filed_on date NOT NULL,
    result text NOT NULL CHECK (result IN ('upheld', 'corrected', 'other', 'pending')),
    PRIMARY KEY (case_id, reference)
);
CREATE TABLE litigations (
    case_id bigint NOT NULL REFERENCES cases (id),
    reference text NOT NULL,
    court text NOT NULL,
    filed_on date NOT NULL,
    after_review boolean NOT NULL,
    result text NOT NULL CHECK (result IN ('upheld', 'corrected', 'other', 'pending')),
    PRIMARY KEY (case_id, reference)
);

-- Working-day calendar years imported by an administrator; they override the built-in ones.
CREATE TABLE calendar_years (
    year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    notice text NOT NULL,
    holidays jsonb NOT NULL,
    makeup_workdays date[] NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);
