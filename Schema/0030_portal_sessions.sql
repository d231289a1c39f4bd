-- Issue 17 ¶4: after giving the receipt code and password, an applicant may withdraw the
-- application or answer a correction notice. The tracking page keeps them signed in to that one
-- submission for a short while: the token's SHA-256 is kept, never the token itself.
CREATE TABLE portal_sessions (
    token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    submission_id bigint NOT NULL REFERENCES portal_submissions (id),
    -- The code is no secret alone; kept here so that the session can name it to read its submission.
    receipt_code text NOT NULL,
    csrf text NOT NULL CHECK (length(csrf) BETWEEN 16 AND 64),
    expires_at timestamptz NOT NULL
);
CREATE INDEX portal_sessions_expiry ON portal_sessions (expires_at);

-- Withdrawn before the agency confirmed it: no case is made of it (after confirmation, a
-- withdrawal is the case's withdraw event).
ALTER TABLE portal_submissions ADD COLUMN withdrawn_at timestamptz;
CREATE INDEX portal_submissions_open ON portal_submissions (agency_id, submitted_at) WHERE case_id IS NULL AND withdrawn_at IS NULL;
DROP INDEX portal_submissions_unconfirmed;
-- The portal may mark its own submission withdrawn (named by its code, as it reads it).
CREATE POLICY portal_withdraws ON portal_submissions FOR UPDATE USING (receipt_code = current_setting('dd.portal_code', true));
