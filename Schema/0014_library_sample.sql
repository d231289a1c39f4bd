-- A search with very many hits (issue 6: a term in a fifth of a million documents) counts its
-- facets in a sample of one entry in 16: this index lets PostgreSQL intersect the sample with
-- the text index before reading any row (24 ms against 150 ms for every hit).
CREATE INDEX library_entries_sample ON library_entries ((id % 16));
