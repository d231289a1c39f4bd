-- The case library and Chinese search (issue 6; architecture.md "Search").

-- Full-width letters and digits to half-width, lower case: what indexing and querying share.
CREATE FUNCTION dd_normalize(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(translate(coalesce(t, ''),
        'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９',
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'))
$$;

-- Runs of Chinese characters become overlapping pairs — in documents also the run's last
-- character alone, so that one-character queries find it — while Latin words and numbers stay
-- whole. No Chinese segmenter ships with Debian's PostgreSQL; pairs find exactly what LIKE would.
CREATE FUNCTION dd_pairs(t text, with_last boolean) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(
        CASE WHEN m.tok ~ '^[\u3400-\u9fff]+$' THEN
            CASE WHEN length(m.tok) = 1 THEN m.tok
                 ELSE (SELECT string_agg(substr(m.tok, i, 2), ' ' ORDER BY i) FROM generate_series(1, length(m.tok) - 1) AS i)
                      || CASE WHEN with_last THEN ' ' || right(m.tok, 1) ELSE '' END
            END
        ELSE m.tok END, ' ' ORDER BY m.n), '')
    FROM regexp_matches(dd_normalize(t), '[\u3400-\u9fff]+|[a-z0-9]+', 'g') WITH ORDINALITY AS r(tok, n),
         LATERAL (SELECT r.tok[1] AS tok, r.n) AS m
$$;

-- A document: the title weighted above the body.
CREATE FUNCTION dd_document(title text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple', dd_pairs(title, true)), 'A') || setweight(to_tsvector('simple', dd_pairs(body, true)), 'B')
$$;

-- A query: every word must match; a Chinese word of two characters or more is a phrase of its
-- pairs, one character or a Latin word a prefix.
CREATE FUNCTION dd_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('simple', coalesce(string_agg(
        CASE WHEN m.tok ~ '^[\u3400-\u9fff]+$' AND length(m.tok) > 1 THEN
            '(' || (SELECT string_agg(substr(m.tok, i, 2), ' <-> ' ORDER BY i) FROM generate_series(1, length(m.tok) - 1) AS i) || ')'
        ELSE m.tok || ':*' END, ' & ' ORDER BY m.n), ''))
    FROM regexp_matches(dd_normalize(q), '[\u3400-\u9fff]+|[a-z0-9]+', 'g') WITH ORDINALITY AS r(tok, n),
         LATERAL (SELECT r.tok[1] AS tok, r.n) AS m
$$;

-- Topics: an editable list (征地拆迁, 国土空间规划, 社会保障, …).
CREATE TABLE topics (
    name text PRIMARY KEY,
    position int NOT NULL DEFAULT 0
);
INSERT INTO topics (name, position) VALUES
    ('征地拆迁', 1), ('国土空间规划', 2), ('社会保障', 3), ('住房保障', 4), ('教育', 5), ('市场监管', 6), ('城市管理', 7),
    ('财政预算', 8), ('生态环境', 9), ('安全生产', 10), ('农业农村', 11), ('卫生健康', 12), ('其他', 99);

-- Library entries: typical cases, policy documents, standard texts, FAQ.
CREATE TABLE library_entries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('typical_case', 'policy', 'standard_text', 'faq')),
    title text NOT NULL CHECK (title <> ''),
    body text NOT NULL,
    topic text REFERENCES topics (name) ON UPDATE CASCADE,
    agency_id bigint REFERENCES agencies (id),
    year int,
    disposition text,
    legal_basis text,
    tags text[] NOT NULL DEFAULT '{}',
    source_case_id bigint REFERENCES cases (id),
    created_by bigint REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    search tsvector GENERATED ALWAYS AS (dd_document(title, body)) STORED
);
CREATE INDEX library_entries_search ON library_entries USING gin (search);
CREATE INDEX library_entries_created ON library_entries (created_at DESC);
