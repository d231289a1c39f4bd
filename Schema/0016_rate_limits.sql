-- Fixed-window counters for lookups that could be repeated to guess personal data (issue 13):
-- the applicant's earlier cases by identity number, or name and phone. Kept in PostgreSQL so
-- every process of the service counts together.
CREATE TABLE rate_limits (
    purpose text NOT NULL,
    user_id bigint NOT NULL REFERENCES users (id),
    window_start timestamptz NOT NULL,
    used integer NOT NULL,
    PRIMARY KEY (purpose, user_id)
);
