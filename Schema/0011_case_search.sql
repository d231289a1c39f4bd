-- Search over cases (issue 6) and similar requests at intake: the same pair index as the
-- library, over each case's subject (所需信息, which never changes after registration). The
-- subject alone: indexing the whole request text as well tripled the time to load a million
-- cases (109 s → 273 s) for little gain, since the request text restates the subject.
ALTER TABLE cases ADD COLUMN search tsvector GENERATED ALWAYS AS (dd_document(subject, '')) STORED;
CREATE INDEX cases_search ON cases USING gin (search);

-- Any of a text's pairs: for "similar" lists, ranked, rather than "every word" searches.
CREATE FUNCTION dd_similar_query(t text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('simple', coalesce(nullif(array_to_string((string_to_array(dd_pairs(left(t, 300), false), ' '))[1:60], ' | '), ''), 'zzzznothingzzzz'))
$$;
