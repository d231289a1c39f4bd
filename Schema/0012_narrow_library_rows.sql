-- Search reads, for most of its hits, only an entry's facets and date (issue 6: facets over
-- 100,000 hits). With the default target a row keeps its compressed body inline (about 700
-- bytes, 11 rows a page); a target of 128 bytes moves body and index out to TOAST whenever a row
-- is toasted at all (over 2 kB), leaving about 170 bytes (48 rows a page): a facet count reads a
-- quarter of the pages. Rows written before this keep their layout until updated.
ALTER TABLE library_entries SET (toast_tuple_target = 128);
ALTER TABLE library_chunks SET (toast_tuple_target = 128);
