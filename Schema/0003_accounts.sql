-- Sign-in (issue 4): passwords, sessions kept in PostgreSQL, personal API tokens, and the
-- agencies a user works for besides their own.

ALTER TABLE users ADD COLUMN password_hash text;
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;

-- Further agencies whose cases a user works on (their own agency is users.agency_id).
CREATE TABLE user_agencies (
    user_id bigint NOT NULL REFERENCES users (id),
    agency_id bigint NOT NULL REFERENCES agencies (id),
    PRIMARY KEY (user_id, agency_id)
);

-- The cookie holds the session's secret; only its SHA-256 is stored.
CREATE TABLE sessions (
    token_hash bytea PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

-- Personal API tokens: shown once, stored as SHA-256.
CREATE TABLE api_tokens (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    name text NOT NULL CHECK (name <> ''),
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
