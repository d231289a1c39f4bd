-- Issue 17 ¶5: the information released with the reply (公开的政府信息), as files the officer
-- attaches to the case, so that an applicant who chose the platform downloads them with the
-- reply letter. PDF, JPEG or PNG as recognised by their bytes (ReleasedFile), at most 20 MB
-- each, kept in PostgreSQL so that a backup holds them with the cases.
CREATE TABLE released_files (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id bigint NOT NULL REFERENCES cases (id),
    file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 120),
    content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size integer NOT NULL CHECK (size BETWEEN 1 AND 20971520),
    content bytea NOT NULL CHECK (octet_length(content) = size),
    -- Of the content, in hex: what was released can be shown to be what is kept.
    sha256 text GENERATED ALWAYS AS (encode(sha256(content), 'hex')) STORED,
    uploaded_by bigint NOT NULL REFERENCES users (id),
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    -- A file put up by mistake is withdrawn while the case is open, never deleted: it stays
    -- as a record of what was attached, and no applicant sees it.
    withdrawn_at timestamptz,
    withdrawn_by bigint REFERENCES users (id),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
);
CREATE INDEX released_files_case ON released_files (case_id, id);

-- The one change allowed is the withdrawal, once; the content, its name and who put it up never
-- change, and nothing is deleted.
CREATE FUNCTION refuse_released_file_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL
       AND (NEW.id, NEW.case_id, NEW.file_name, NEW.content_type, NEW.size, NEW.uploaded_by, NEW.uploaded_at)
           IS NOT DISTINCT FROM (OLD.id, OLD.case_id, OLD.file_name, OLD.content_type, OLD.size, OLD.uploaded_by, OLD.uploaded_at)
       AND NEW.content = OLD.content THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'released file %: % is not allowed', OLD.id, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'A released file is only ever withdrawn, once.';
END
$$;
CREATE TRIGGER released_files_unchanged BEFORE UPDATE OR DELETE ON released_files
    FOR EACH ROW EXECUTE FUNCTION refuse_released_file_change();
CREATE TRIGGER released_files_no_truncate BEFORE TRUNCATE ON released_files
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

-- Through the case, as the rest of a case (0019); the portal acts in the scope of the agency
-- that holds the applicant's case.
ALTER TABLE released_files ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope ON released_files USING ((SELECT dd_scope_all()) OR EXISTS (SELECT 1 FROM cases c WHERE c.id = released_files.case_id));
REVOKE DELETE ON released_files FROM disclosure_service;
