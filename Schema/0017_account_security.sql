-- Accounts and sign-in hardened (issue 13): lockout after wrong passwords, a one-time code as
-- the second step for every role but officers, and random demo passwords per installation.

-- Consecutive failed sign-ins per user name as typed (trimmed, lower-cased), whether or not such
-- a user exists, so that a lockout says nothing about which names are real. Kept in PostgreSQL
-- so that every instance of the service sees the same count. A session that starts removes the
-- row; a row whose last failure is a day old is forgotten.
CREATE TABLE sign_in_failures (
    username text PRIMARY KEY CHECK (length(username) <= 64),
    failures int NOT NULL CHECK (failures > 0),
    locked_until timestamptz,
    last_failure_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_last ON sign_in_failures (last_failure_at);

-- The shared secret of the user's authenticator app (RFC 6238), and the last time step whose code
-- was accepted: a code is never accepted twice, nor an older one after a newer one.
ALTER TABLE users ADD COLUMN totp_secret text;
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Between a correct password and the one-time code: not a session, opens nothing but the code
-- page. The cookie holds the secret; only its SHA-256 is stored. A user who must use a code but
-- has none yet is offered `enrolment_secret` and confirms it with a first code.
CREATE TABLE pending_sign_ins (
    token_hash bytea PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    csrf_token text NOT NULL,
    next text NOT NULL,
    enrolment_secret text,
    expires_at timestamptz NOT NULL
);
CREATE INDEX pending_sign_ins_user ON pending_sign_ins (user_id);
CREATE INDEX pending_sign_ins_expires ON pending_sign_ins (expires_at);

-- The demo accounts' passwords, drawn at random when the demo is first loaded, so that
-- `disclosure demo accounts` can print them again. Only the owner reads it (no grants); a row
-- goes as soon as the password is found changed.
CREATE TABLE demo_credentials (
    user_id bigint PRIMARY KEY REFERENCES users (id),
    password text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON demo_credentials FROM PUBLIC;
