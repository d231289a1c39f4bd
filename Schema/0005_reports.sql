-- The annual report (issue 5, domain.md §7).

-- Tables 三 and 四 read only these columns: index-only scans keep a year's report fast on
-- millions of cases.
CREATE INDEX cases_report_by_receipt ON cases (received_on) INCLUDE (disposed_on, applicant_kind, disposition, agency_id);
CREATE INDEX cases_report_by_agency ON cases (agency_id, received_on) INCLUDE (disposed_on, applicant_kind, disposition);

-- A published year: its figures as they were when a supervisor locked it. agency_id NULL is
-- the whole district.
CREATE TABLE report_locks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year int NOT NULL,
    agency_id bigint REFERENCES agencies (id),
    figures jsonb NOT NULL,
    locked_by bigint NOT NULL REFERENCES users (id),
    locked_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX report_locks_scope ON report_locks (year, coalesce(agency_id, 0));

-- Events recorded after a lock that change a locked year's figures: still recorded, but flagged.
CREATE TABLE report_lock_flags (
    lock_id bigint NOT NULL REFERENCES report_locks (id),
    case_id bigint NOT NULL REFERENCES cases (id),
    seq int NOT NULL,
    flagged_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (lock_id, case_id, seq)
);
