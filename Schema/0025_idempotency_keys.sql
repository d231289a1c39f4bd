-- Issue 16: a write retried with the same key is applied once. A write that committed could be
-- answered 503 (the read of the case after the commit failed), and the retry registered the
-- case twice. The key is the client's, per user (the Idempotency-Key header, or the key a web
-- form carries); the request's hash tells a retry from the same key reused for another request;
-- the case the write touched answers the retry. Keys are kept a day.
CREATE TABLE idempotency_keys (
    user_id bigint NOT NULL REFERENCES users (id),
    key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash bytea NOT NULL,
    case_id bigint REFERENCES cases (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (user_id, created_at);
