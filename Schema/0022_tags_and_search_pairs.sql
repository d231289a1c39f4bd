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
-- some entry holds. Never removed (a pair left by a deleted entry only lets a respelling be tried
-- that then finds nothing). The id lets the service read only the pairs added since it last looked.
CREATE TABLE search_pairs (
    id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    pair text PRIMARY KEY
);

-- Noted off the write path: a statement trigger noting every COPY's pairs made loading 100,000
-- generated entries take 478 s instead of about 210 s (4.3 million distinct pairs, and two loads
-- at once deadlocked on each other's new pairs until serialised). LibraryStore.add notes its
-- entry's pairs itself; bulk loads catch up afterwards from `noted_upto` (LibraryStore.notePairs),
-- one at a time (the row is locked while they run).
CREATE TABLE search_pairs_progress (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    noted_upto bigint NOT NULL
);

-- The pairs of the entries with ids in (after, upto], and of their chunks.
CREATE FUNCTION dd_note_pairs(after bigint, upto bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO search_pairs (pair)
    SELECT DISTINCT t FROM (SELECT search FROM library_entries WHERE id > after AND id <= upto
                            UNION ALL SELECT search FROM library_chunks WHERE entry_id > after AND entry_id <= upto) AS s,
                           unnest(tsvector_to_array(s.search)) AS t
    WHERE length(t) = 2 AND t ~ '^[\u3400-\u9fff]{2}$'
    ORDER BY 1
    ON CONFLICT DO NOTHING
$$;

-- The suggestion terms' pairs too (topics, synonyms, tags): a term no entry says may still be
-- found through its synonyms (chaiqian → 拆迁, whose entries say 征收). Few rows, rebuilt rarely.
CREATE FUNCTION dd_note_term_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_pairs (pair)
    SELECT DISTINCT t FROM written, unnest(string_to_array(dd_pairs(written.term, false), ' ')) AS t
    WHERE length(t) = 2 AND t ~ '^[\u3400-\u9fff]{2}$'
    ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_terms_pairs AFTER INSERT ON search_terms
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION dd_note_term_pairs();

INSERT INTO search_pairs (pair)
SELECT DISTINCT t FROM (SELECT unnest(string_to_array(dd_pairs(term, false), ' ')) FROM search_terms) AS s(t)
WHERE length(t) = 2 AND t ~ '^[\u3400-\u9fff]{2}$'
ON CONFLICT DO NOTHING;
SELECT dd_note_pairs(0, (SELECT coalesce(max(id), 0) FROM library_entries));
INSERT INTO search_pairs_progress (noted_upto) SELECT coalesce(max(id), 0) FROM library_entries;
