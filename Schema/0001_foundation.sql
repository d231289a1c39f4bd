-- Foundation: what every later migration may rely on.

-- Trigram matching for the small table of search suggestion terms (architecture.md, Search).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Every table that records when something was typed in uses this to keep updated_at honest.
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

-- History tables are append-only: corrections are new rows, never edits (domain.md §3).
CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'Record a correcting event instead of changing history.';
END
$$;
