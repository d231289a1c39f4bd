-- Search over cases (issue 6) and similar requests at intake: the same pair index as the
-- library, over each case's subject and request text (which never change after registration).
ALTER TABLE cases ADD COLUMN search tsvector GENERATED ALWAYS AS (dd_document(subject, description)) STORED;
CREATE INDEX cases_search ON cases USING gin (search);

-- Any of a text's pairs: for "similar" lists, ranked, rather than "every word" searches.
CREATE FUNCTION dd_similar_query(t text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('simple', coalesce(nullif(array_to_string((string_to_array(dd_pairs(left(t, 300), false), ' '))[1:60], ' | '), ''), 'zzzznothingzzzz'))
$$;
