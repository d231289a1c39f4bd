-- Letters (文书, domain.md §8): drafts generated from a case, edited, then finalised with a
-- number of the form 〔年份〕第N号 per agency, kind and year. A final letter is what was sent:
-- it is never changed.

-- One counter per agency, kind and year; the row lock serialises concurrent finalisations.
CREATE TABLE letter_number_counters (
    agency_id bigint NOT NULL REFERENCES agencies (id),
    kind text NOT NULL,
    year int NOT NULL,
    last_number int NOT NULL,
    PRIMARY KEY (agency_id, kind, year)
);

CREATE TABLE documents (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id bigint NOT NULL REFERENCES cases (id),
    -- The agency that issues the letter (the case's when it was generated): its short name
    -- and counter number the letter, and it signs it.
    agency_id bigint NOT NULL REFERENCES agencies (id),
    kind text NOT NULL CHECK (kind IN ('receipt', 'correction', 'extension', 'consult_third_party', 'consult_co_producer',
                                       'consultation_notice', 'reasons', 'fee', 'assist', 'reply')),
    -- null while a draft
    number text,
    title text NOT NULL CHECK (title <> ''),
    recipient text NOT NULL,
    -- one paragraph per line
    body text NOT NULL,
    signer text NOT NULL,
    letter_date date NOT NULL,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    created_by bigint NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    finalised_at timestamptz,
    finalised_by bigint REFERENCES users (id),
    -- A final letter has its number and who finalised it when; a draft has none of these.
    CHECK ((status = 'draft' AND number IS NULL AND finalised_at IS NULL AND finalised_by IS NULL)
        OR (status = 'final' AND number IS NOT NULL AND finalised_at IS NOT NULL AND finalised_by IS NOT NULL))
);
CREATE INDEX documents_case ON documents (case_id, created_at);
CREATE UNIQUE INDEX documents_number ON documents (agency_id, kind, number) WHERE number IS NOT NULL;
CREATE TRIGGER documents_touch BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- A finalised letter is never changed or deleted: it is what the applicant (or the party)
-- received. Drafts may be edited and deleted; finalising is the draft's last UPDATE.
CREATE FUNCTION refuse_final_document_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'final' THEN
        RAISE EXCEPTION 'document % (%) is final: % is not allowed', OLD.id, OLD.number, TG_OP
            USING ERRCODE = 'restrict_violation',
                  HINT = 'Generate a new letter instead of changing a finalised one.';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER documents_final_unchanged BEFORE UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION refuse_final_document_change();
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
