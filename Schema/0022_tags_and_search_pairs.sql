-- Tags are searched (issue 15): an entry's tags were suggested as terms but not indexed, so a
-- suggestion could find nothing. They are indexed with the title's weight. A generated
-- column's expression cannot be changed in place: the column is added again, which rewrites
-- the table once (a million entries take minutes, under no statement timeout).
SET LOCAL statement_timeout = 0;
-- array_to_string is only stable (an element's text form may depend on settings); for text it
-- cannot, so this wrapper may say immutable, as a generated column requires.
CREATE FUNCTION dd_tags(tags text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_to_string(tags, ' ')
$$;
ALTER TABLE library_entries DROP COLUMN search;
ALTER TABLE library_entries ADD COLUMN search tsvector
    GENERATED ALWAYS AS (dd_document(title || ' ' || dd_tags(tags), left(body, 8000))) STORED;
CREATE INDEX library_entries_search ON library_entries USING gin (search);

-- The pairs of characters the library's text holds (issue 15): a query's pinyin or homophone
-- typo is written again only in pairs the index has (Respeller), so that a respelling is text
-- some entry holds. Every pair token of every entry's and chunk's index, noted as rows are
-- written; never removed (a pair left by a deleted entry only lets a respelling be tried that
-- then finds nothing). The id lets the service read only the pairs added since it last looked.
CREATE TABLE search_pairs (
    id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    pair text PRIMARY KEY
);

-- Once per statement over all its rows (a bulk load of a million entries notes each pair once
-- a statement, not once a row). One transaction at a time notes pairs (a transaction-level
-- advisory lock, held to its commit): two loads at once that each waited for a pair the other
-- was inserting deadlocked (bench search's two COPY lanes did), sorted or not.
CREATE FUNCTION dd_note_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('search_pairs'));
    INSERT INTO search_pairs (pair)
    SELECT DISTINCT t FROM written, unnest(tsvector_to_array(written.search)) AS t
    WHERE length(t) = 2 AND t ~ '^[\u3400-\u9fff]{2}$'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER library_entries_pairs AFTER INSERT ON library_entries
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION dd_note_pairs();
CREATE TRIGGER library_entries_pairs_updated AFTER UPDATE ON library_entries
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION dd_note_pairs();
CREATE TRIGGER library_chunks_pairs AFTER INSERT ON library_chunks
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION dd_note_pairs();
CREATE TRIGGER library_chunks_pairs_updated AFTER UPDATE ON library_chunks
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION dd_note_pairs();

-- The suggestion terms' pairs too (topics, synonyms, tags): a term no entry says may still be
-- found through its synonyms (chaiqian → 拆迁, whose entries say 征收).
CREATE FUNCTION dd_note_term_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('search_pairs'));
    INSERT INTO search_pairs (pair)
    SELECT DISTINCT t FROM written, unnest(string_to_array(dd_pairs(written.term, false), ' ')) AS t
    WHERE length(t) = 2 AND t ~ '^[\u3400-\u9fff]{2}$'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_terms_pairs AFTER INSERT ON search_terms
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION dd_note_term_pairs();

INSERT INTO search_pairs (pair)
SELECT DISTINCT t FROM (SELECT unnest(tsvector_to_array(search)) FROM library_entries
                        UNION ALL SELECT unnest(tsvector_to_array(search)) FROM library_chunks
                        UNION ALL SELECT unnest(string_to_array(dd_pairs(term, false), ' ')) FROM search_terms) AS s(t)
WHERE length(t) = 2 AND t ~ '^[\u3400-\u9fff]{2}$'
ON CONFLICT DO NOTHING;
