-- Long documents (issue 6): a tsvector keeps positions only up to 16,383, so a phrase deep in a
-- long text would be missed. An entry's own index covers its title and first 8,000 characters;
-- the rest is indexed in chunks of 8,000 characters (overlapping a little, so no phrase is cut).
ALTER TABLE library_entries DROP COLUMN search;
ALTER TABLE library_entries ADD COLUMN search tsvector GENERATED ALWAYS AS (dd_document(title, left(body, 8000))) STORED;
CREATE INDEX library_entries_search ON library_entries USING gin (search);

CREATE TABLE library_chunks (
    entry_id bigint NOT NULL REFERENCES library_entries (id) ON DELETE CASCADE,
    n int NOT NULL,
    body text NOT NULL,
    search tsvector GENERATED ALWAYS AS (dd_document('', body)) STORED,
    PRIMARY KEY (entry_id, n)
);
CREATE INDEX library_chunks_search ON library_chunks USING gin (search);
