-- The ledger (台账, issue 5): cases that predate the system, imported from the offices' Excel
-- ledgers. They have no event history, so they are records for the annual report and the
-- ledger export, not cases that can be worked.
CREATE TABLE ledger_cases (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_number text NOT NULL UNIQUE,
    agency_id bigint NOT NULL REFERENCES agencies (id),
    applicant_kind text NOT NULL,
    applicant_name text NOT NULL,
    channel text NOT NULL,
    received_on date NOT NULL,
    subject text NOT NULL,
    disposition text,
    disposed_on date,
    review_result text,
    review_filed_on date,
    lawsuit_result text,
    lawsuit_filed_on date,
    lawsuit_after_review boolean NOT NULL DEFAULT false,
    imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_cases_report_by_receipt ON ledger_cases (received_on) INCLUDE (disposed_on, applicant_kind, disposition, agency_id);
CREATE INDEX ledger_cases_report_by_agency ON ledger_cases (agency_id, received_on) INCLUDE (disposed_on, applicant_kind, disposition);
