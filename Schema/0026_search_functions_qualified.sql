-- A backup could not be restored (issue 16): pg_restore runs with an empty search_path, and the
-- generated index columns call dd_document, whose body called dd_pairs, dd_normalize and dd_fold
-- by their bare names ("function dd_pairs(text, boolean) does not exist"). The bodies now name
-- the schema. A SET search_path on the functions would have done it too, but a function with
-- one is never inlined, and these run for every row indexed. Same bodies otherwise, so the
-- stored columns stand.
CREATE OR REPLACE FUNCTION dd_normalize(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(translate(public.dd_fold(coalesce(t, '')),
        'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９',
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'))
$$;

CREATE OR REPLACE FUNCTION dd_pairs(t text, with_last boolean) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(
        CASE WHEN m.tok ~ '^[\u3400-\u9fff]+$' THEN
            CASE WHEN length(m.tok) = 1 THEN m.tok
                 ELSE (SELECT string_agg(substr(m.tok, i, 2), ' ' ORDER BY i) FROM generate_series(1, length(m.tok) - 1) AS i)
                      || CASE WHEN with_last THEN ' ' || right(m.tok, 1) ELSE '' END
            END
        ELSE m.tok END, ' ' ORDER BY m.n), '')
    FROM regexp_matches(public.dd_normalize(t), '[\u3400-\u9fff]+|[a-z0-9]+', 'g') WITH ORDINALITY AS r(tok, n),
         LATERAL (SELECT r.tok[1] AS tok, r.n) AS m
$$;

CREATE OR REPLACE FUNCTION dd_document(title text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple', public.dd_pairs(title, true)), 'A') || setweight(to_tsvector('simple', public.dd_pairs(body, true)), 'B')
$$;
