-- papergraph's projection for DuckDB: mention tables in, node and edge
-- tables out. Every step is defined in docs/projection.md, section by
-- section (the § numbers below); graph.Build computes the same graph.
--
-- Input:  the tables of `papergraph extract -format parquet -o TABLES`.
-- Output: OUT/nodes.parquet and OUT/edges.parquet, for
--         `papergraph export -nodes OUT/nodes.parquet -edges OUT/edges.parquet`.
--
-- Variables, set before this file runs (SET VARIABLE name = value):
--   tables       directory of the mention tables (required)
--   out          directory for nodes.parquet and edges.parquet (required)
--   top_k        strongest shares links kept per paper (default 10)
--   max_df       document-frequency cap: 0 automatic (default), a value in
--                (0, 1) a fraction of the batch, >= 1 a count, < 0 none
--   pair_budget  with the automatic cap, the most ordered paper pairs the
--                kept artifacts may make (default 67108864 = 2^26; 0 none)
--   exact        true: every shares link, no cap, no top-k (default false)
--   min_cocite   batch papers that must cite an outside work for it to be
--                a node (default 2; 0 none)
--   max_shared   IDs listed per shares edge (default 8; 0 all)
--   split        true: introduced artifacts are not folded (default false)
--
-- For example, with the DuckDB shell:
--
--   duckdb -c "SET VARIABLE tables='tables'; SET VARIABLE out='graph'; SET memory_limit='1GB'; .read docs/sql/duckdb/graph.sql"

SET VARIABLE top_k = coalesce(getvariable('top_k'), 10);
SET VARIABLE max_df = coalesce(getvariable('max_df'), 0);
SET VARIABLE pair_budget = coalesce(getvariable('pair_budget'), 67108864);
SET VARIABLE exact = coalesce(getvariable('exact'), false);
SET VARIABLE min_cocite = coalesce(getvariable('min_cocite'), 2);
SET VARIABLE max_shared = coalesce(getvariable('max_shared'), 8);
SET VARIABLE split = coalesce(getvariable('split'), false);

-- Text helpers, as papergraph's Go code spells them (§ Text).
-- pg_fields: white space trimmed, runs of it one space (strings.Fields).
CREATE OR REPLACE TEMP MACRO pg_fields(s) AS
  regexp_replace(regexp_replace(s, '^[\s\v\x{85}\p{Z}]+|[\s\v\x{85}\p{Z}]+$', '', 'g'), '[\s\v\x{85}\p{Z}]+', ' ', 'g');
-- pg_cut: a 39-character prefix cut at its last space when that is past
-- its middle (in bytes).
CREATE OR REPLACE TEMP MACRO pg_cut(s) AS
  CASE WHEN strlen(regexp_extract(s, '^(.*) ', 1)) > strlen(s) // 2 THEN regexp_extract(s, '^(.*) ', 1) ELSE s END;
-- pg_short: a title shortened to at most 40 characters, with an ellipsis.
CREATE OR REPLACE TEMP MACRO pg_short(t) AS
  CASE WHEN length(pg_fields(t)) <= 40 THEN pg_fields(t)
       ELSE rtrim(pg_cut(left(pg_fields(t), 39)), ' ,.;:-') || '…' END;
-- pg_quote: a string in double quotes, as Go's strconv.Quote writes
-- printable text.
CREATE OR REPLACE TEMP MACRO pg_quote(s) AS
  '"' || replace(replace(replace(replace(replace(s, '\', '\\'), '"', '\"'), chr(10), '\n'), chr(13), '\r'), chr(9), '\t') || '"';
-- pg_where: " in FIELD" for evidence from a structured field.
CREATE OR REPLACE TEMP MACRO pg_where(source) AS
  CASE WHEN source = '' OR source = 'abstract' THEN '' ELSE ' in ' || source END;
-- pg_word: c is one character of a word (a letter or digit of ASCII,
-- '_' or any character past ASCII), as the name search reads words.
CREATE OR REPLACE TEMP MACRO pg_word(c) AS
  c <> '' AND NOT regexp_matches(c, '^[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]$');
CREATE OR REPLACE TEMP MACRO pg_paper_url(arxiv, doi, url) AS
  CASE WHEN arxiv <> '' THEN 'https://arxiv.org/abs/' || arxiv
       WHEN doi <> '' THEN 'https://doi.org/' || doi
       WHEN regexp_matches(lower(trim(url)), '^https?://') AND NOT regexp_matches(trim(url), '[\x00-\x20\x7f]') THEN trim(url)
       ELSE '' END;
CREATE OR REPLACE TEMP MACRO pg_artifact_url(kind, name) AS
  CASE WHEN regexp_matches(split_part(split_part(name, '/', 1), ':', 1), '^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$')
        AND NOT regexp_matches(name, '[\x00-\x20\x7f"''<>`\\{}|^]')
        AND (kind IN ('repo', 'url') OR contains(name, '/'))
       THEN 'https://' || name ELSE '' END;

-- § Merge: records of one paper are one paper. Records are linked by an
-- equal arXiv id, DOI, OpenAlex or Semantic Scholar id or normalised
-- title (merge_* columns, as papergraph.Merge compares them); each
-- connected set of records whose arXiv ids and DOIs agree is one paper,
-- as are records with one key. A set that holds two arXiv ids or two DOIs
-- falls back to the records' keys (Merge splits it greedily).
--
-- A record's rank rk orders all records as Merge ranks a paper's: the
-- richest first, then by the identifiers they carry, then by record digest
-- (Merge: by content). So "the first record of a paper that has a field"
-- is arg_min(field, rk) over its records that have it, with no ORDER BY
-- inside the aggregate (DuckDB buffers an ordered aggregate's rows per
-- group, and a merge-heavy input outgrew a 1 GB limit that way).
-- A record read twice (the same paper and record digest) counts once,
-- its first reading in input order. (Only the records read twice are
-- ranked: a window over all records sorts all their columns. rid only
-- tells records apart.)
CREATE OR REPLACE TEMP TABLE again AS
SELECT paper, record FROM read_parquet(getvariable('tables') || '/papers-*.parquet') GROUP BY ALL HAVING count(*) > 1;

CREATE OR REPLACE TEMP TABLE rec AS
WITH later AS (
  SELECT r.filename, r.file_row_number
  FROM read_parquet(getvariable('tables') || '/papers-*.parquet', filename = true, file_row_number = true) r
  SEMI JOIN again USING (paper, record)
  QUALIFY row_number() OVER (PARTITION BY r.paper, r.record ORDER BY r.input, r.line, r.number, r.filename, r.file_row_number) > 1)
SELECT r.* EXCLUDE (filename, file_row_number, words, filled), row_number() OVER ()::INTEGER AS rid
FROM read_parquet(getvariable('tables') || '/papers-*.parquet', filename = true, file_row_number = true) r
ANTI JOIN later USING (filename, file_row_number);

-- (Ranked apart, on the columns the rank reads: a window over whole
-- records sorts all their columns.)
CREATE OR REPLACE TEMP TABLE rrank AS
SELECT rid, row_number() OVER (ORDER BY richness DESC, priority DESC, record, paper)::INTEGER AS rk FROM rec;

CREATE OR REPLACE TEMP TABLE mkey AS
WITH k AS (
  SELECT rid, 'arxiv ' || merge_arxiv AS k FROM rec WHERE merge_arxiv <> ''
  UNION ALL SELECT rid, 'doi ' || merge_doi FROM rec WHERE merge_doi <> ''
  UNION ALL SELECT rid, 'openalex ' || merge_openalex FROM rec WHERE merge_openalex <> ''
  UNION ALL SELECT rid, 's2 ' || merge_s2 FROM rec WHERE merge_s2 <> ''
  UNION ALL SELECT rid, 'title ' || merge_title FROM rec WHERE merge_title <> '')
SELECT * FROM k WHERE k IN (SELECT k FROM k GROUP BY k HAVING count(*) > 1);

-- Connected sets: each record takes the smallest record number among
-- those its keys reach, then its label's label; four rounds join chains
-- of up to 2^4 links, and the check after them says when that was not
-- enough.
CREATE OR REPLACE TEMP TABLE comp AS SELECT DISTINCT rid, rid AS c FROM mkey;
CREATE OR REPLACE TEMP MACRO pg_merge_round() AS TABLE
  WITH kc AS (SELECT m.k, min(c.c) AS c FROM mkey m JOIN comp c USING (rid) GROUP BY m.k),
  rc AS (SELECT m.rid, min(kc.c) AS c FROM mkey m JOIN kc USING (k) GROUP BY m.rid)
  SELECT a.rid, b.c FROM rc a JOIN rc b ON b.rid = a.c;
CREATE OR REPLACE TEMP TABLE comp AS FROM pg_merge_round();
CREATE OR REPLACE TEMP TABLE comp AS FROM pg_merge_round();
CREATE OR REPLACE TEMP TABLE comp AS FROM pg_merge_round();
CREATE OR REPLACE TEMP TABLE comp AS FROM pg_merge_round();
SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_merge_round() n JOIN comp c USING (rid) WHERE n.c <> c.c)
  THEN error('merge: a chain of records longer than graph.sql follows: add rounds') END;

-- The merged paper's key, as Paper.Key gives it from the merged fields:
-- each field is that of the group's smallest rk that has it. Only groups
-- of more than one record are aggregated (a record alone keeps its key),
-- so distinct papers cost a count per group, not six arg_min.
CREATE OR REPLACE TEMP TABLE rg AS
WITH ok AS (
  SELECT c.c FROM comp c JOIN rec r USING (rid) GROUP BY c.c
  HAVING count(DISTINCT r.merge_arxiv) FILTER (WHERE r.merge_arxiv <> '') <= 1
     AND count(DISTINCT r.merge_doi) FILTER (WHERE r.merge_doi <> '') <= 1),
g AS (
  SELECT r.rid, coalesce('c' || ok.c, 'k' || r.paper) AS g
  FROM rec r LEFT JOIN comp c USING (rid) LEFT JOIN ok ON ok.c = c.c)
SELECT rid, g FROM g WHERE g IN (SELECT g FROM g GROUP BY g HAVING count(*) > 1);

CREATE OR REPLACE TEMP TABLE rp AS
WITH f AS (
  SELECT rg.g,
    arg_min(r.arxiv, k.rk) FILTER (WHERE r.arxiv <> '') AS arxiv, arg_min(r.doi, k.rk) FILTER (WHERE r.doi <> '') AS doi,
    arg_min(r.slug, k.rk) FILTER (WHERE r.title <> '') AS slug, arg_min(r.openalex, k.rk) FILTER (WHERE r.openalex <> '') AS openalex,
    arg_min(r.s2, k.rk) FILTER (WHERE r.s2 <> '') AS s2, arg_min(r.id, k.rk) FILTER (WHERE r.id <> '') AS id
  FROM rg JOIN rec r USING (rid) JOIN rrank k USING (rid) GROUP BY rg.g),
m AS (
  SELECT rg.rid,
    CASE WHEN f.arxiv IS NOT NULL THEN 'paper:' || f.arxiv
         WHEN f.doi IS NOT NULL THEN 'paper:doi:' || f.doi
         WHEN f.slug <> '' THEN 'paper:' || f.slug
         WHEN f.openalex IS NOT NULL THEN 'paper:openalex:' || f.openalex
         WHEN f.s2 IS NOT NULL THEN 'paper:s2:' || f.s2
         ELSE 'paper:' || lower(coalesce(f.id, '')) END AS paper
  FROM rg JOIN f USING (g))
SELECT r.rid, k.rk, coalesce(m.paper, r.paper) AS paper
FROM rec r JOIN rrank k USING (rid) LEFT JOIN m USING (rid);

-- A paper's records, its first (top) and how many there are. Each field
-- is the first record's that has it; the entities are those of the
-- longest abstract (ties to the better record); the authors are the
-- union (one author per key, the longest spelling); the paper is
-- external only if every record is.
CREATE OR REPLACE TEMP TABLE prec AS
WITH p AS (SELECT paper, count(*) AS records, min(rk) AS top FROM rp GROUP BY paper)
SELECT r.* EXCLUDE (paper), r.paper AS rkey, p.paper, rp.rk, rp.rk = p.top AS top, p.records
FROM rec r JOIN rp USING (rid) JOIN p ON p.paper = rp.paper;

-- (Staged in tables, each a group-by or a join: as one statement the
-- merge outgrew a 1 GB limit on 2M records of 1.2M papers.)
CREATE OR REPLACE TEMP TABLE pm AS
SELECT paper, rk, top, title, arxiv, doi, openalex, s2, url, year, external, chars, rkey, record, name, promises_code, authors, author_keys
FROM prec WHERE records > 1;

CREATE OR REPLACE TEMP TABLE pf AS
-- (The record with the longest abstract, ties to the smaller rk, has
-- the smallest (2^31 - 1 - chars) * 2^32 + rk.)
SELECT paper,
  coalesce(arg_min(title, rk) FILTER (WHERE title <> ''), '') AS title,
  coalesce(arg_min(arxiv, rk) FILTER (WHERE arxiv <> ''), '') AS arxiv,
  coalesce(arg_min(doi, rk) FILTER (WHERE doi <> ''), '') AS doi,
  coalesce(arg_min(openalex, rk) FILTER (WHERE openalex <> ''), '') AS openalex,
  coalesce(arg_min(s2, rk) FILTER (WHERE s2 <> ''), '') AS s2,
  coalesce(arg_min(url, rk) FILTER (WHERE url <> ''), '') AS url,
  coalesce(arg_min(year, rk) FILTER (WHERE year <> 0), 0) AS year,
  bool_and(external) AS external,
  min((2147483647 - chars) * 4294967296 + rk) % 4294967296 AS best
FROM pm GROUP BY paper;

-- Authors: each entry at its position pos (record rank, then index); a
-- key's target entry is its last in the first record or else its first,
-- and takes the longest spelling among the target and the other
-- records' entries (ties to the target, then the first position).
CREATE OR REPLACE TEMP TABLE pa AS
WITH a AS (
  SELECT m.paper, m.top, i, m.authors[i] AS name, m.author_keys[i] AS key, m.rk::BIGINT * 4294967296 + i AS pos
  FROM pm m, range(1, len(m.authors) + 1) AS t(i)),
t AS (SELECT paper, key, max(i) FILTER (WHERE top) AS last1, min(pos) AS first_pos FROM a GROUP BY ALL)
SELECT a.*, CASE WHEN t.last1 IS NOT NULL THEN a.top AND a.i = t.last1 ELSE a.pos = t.first_pos END AS target
FROM a JOIN t USING (paper, key);

CREATE OR REPLACE TEMP TABLE pau AS
WITH sp AS (
  SELECT paper, key, arg_min(name, (-strlen(name), NOT target, pos)) AS name
  FROM pa WHERE target OR NOT top GROUP BY ALL)
-- (list without ORDER BY, sorted after: an ordered aggregate would
-- hold every paper's rows in memory.)
SELECT e.paper, list_transform(list_sort(list({'pos': e.pos, 'name': CASE WHEN e.target THEN sp.name ELSE e.name END})), x -> x.name) AS authors
FROM pa e JOIN sp USING (paper, key) WHERE e.top OR e.target GROUP BY e.paper;

CREATE OR REPLACE TEMP TABLE pb AS
SELECT f.paper, f.title, f.arxiv, f.doi, f.openalex, f.s2, f.url, f.year, f.external, b.rkey, b.record, b.name, b.promises_code
FROM pf f JOIN pm b ON b.rk = f.best;

CREATE OR REPLACE TEMP TABLE paper AS
SELECT paper, title, arxiv, doi, openalex, s2, url, year, external, rkey, record, name, promises_code, authors
FROM prec WHERE records = 1
UNION ALL
SELECT b.*, coalesce(au.authors, []::VARCHAR[]) FROM pb b LEFT JOIN pau au USING (paper);

-- (Tables no longer read are dropped, so that what DuckDB spills stays
-- within its temp_directory's limit.)
DROP TABLE rec;
DROP TABLE rrank;
DROP TABLE mkey;
DROP TABLE comp;
DROP TABLE rg;
DROP TABLE rp;
DROP TABLE pm;
DROP TABLE pf;
DROP TABLE pa;
DROP TABLE pau;
DROP TABLE pb;

CREATE OR REPLACE TEMP TABLE batch AS
SELECT paper, rkey, record, name, row_number() OVER (ORDER BY paper)::INTEGER AS pid FROM paper WHERE NOT external;
SET VARIABLE n = (SELECT count(*) FROM batch);

-- A paper's mentions are those of its record (batch.record), each once.
-- (Only the mentions of a record read twice, or of a key that two
-- papers' records share, are ranked to be kept once: a window over all
-- the mentions sorts all their columns.)
CREATE OR REPLACE TEMP TABLE ment AS
WITH a AS (
  SELECT rkey, record FROM batch WHERE rkey IN (SELECT rkey FROM batch GROUP BY rkey HAVING count(*) > 1)
  UNION SELECT paper, record FROM again)
SELECT m.* REPLACE (b.paper AS paper) FROM read_parquet(getvariable('tables') || '/mentions-*.parquet') m
JOIN batch b ON m.paper = b.rkey AND m.record = b.record
ANTI JOIN a ON m.paper = a.rkey AND m.record = a.record
UNION ALL
SELECT m.* REPLACE (b.paper AS paper) FROM read_parquet(getvariable('tables') || '/mentions-*.parquet') m
JOIN batch b ON m.paper = b.rkey AND m.record = b.record
SEMI JOIN a ON m.paper = a.rkey AND m.record = a.record
QUALIFY row_number() OVER (PARTITION BY m.paper, m.ord) = 1;

DROP TABLE again;

-- § Artifacts: name and family by most mentions (ties to the smallest),
-- document frequency, the introducing paper, the order first seen.
-- (In group-bys only, staged: count(DISTINCT ...), an ordered aggregate
-- or a window per artifact, and their joins in one statement, outgrew a
-- 1 GB limit on 1.2M papers.)
CREATE OR REPLACE TEMP TABLE ape AS
SELECT entity, paper, any_value(kind) AS kind, bool_or(introduced) AS introduced, min(ord) AS ord FROM ment GROUP BY entity, paper;

CREATE OR REPLACE TEMP TABLE aname AS
WITH c AS (SELECT entity, name, count(*) AS c FROM ment GROUP BY ALL)
SELECT entity, min(name) AS name FROM c JOIN (SELECT entity, max(c) AS c FROM c GROUP BY entity) USING (entity, c) GROUP BY entity;

CREATE OR REPLACE TEMP TABLE afam AS
WITH c AS (SELECT entity, family, count(*) AS c FROM ment WHERE family <> '' GROUP BY ALL)
SELECT entity, min(family) AS family FROM c JOIN (SELECT entity, max(c) AS c FROM c GROUP BY entity) USING (entity, c) GROUP BY entity;

CREATE OR REPLACE TEMP TABLE art AS
WITH b AS (
  SELECT entity, any_value(kind) AS kind, count(*)::INTEGER AS df,
         CASE WHEN count(*) FILTER (WHERE introduced) = 1 THEN min(paper) FILTER (WHERE introduced) END AS introducer,
         min(paper) AS p0, arg_min(ord, paper) AS o0
  FROM ape GROUP BY entity)
SELECT b.entity, b.kind, b.df, b.introducer, n.name, coalesce(f.family, '') AS family,
       row_number() OVER (ORDER BY b.p0, b.o0) AS seen
FROM b JOIN aname n USING (entity) LEFT JOIN afam f USING (entity);

DROP TABLE ape;
DROP TABLE aname;
DROP TABLE afam;

-- § Citations by artifact: another paper's mention of an artifact one
-- paper introduces, when the name is long enough or spelled as the
-- introducer spells it.
CREATE OR REPLACE TEMP TABLE namecite AS
SELECT m.paper, a.introducer AS target, a.entity, a.seen, m.ord,
       'names ' || a.entity || ' introduced by it (' || m.rule || ': ' || pg_quote(m.surface) || ' @' || m.start || pg_where(m.source) || ')' AS ev
FROM ment m JOIN art a USING (entity)
WHERE a.introducer IS NOT NULL AND m.paper <> a.introducer AND NOT m.introduced
  AND (strlen(m.name) >= 6 OR EXISTS (
    SELECT 1 FROM ment o WHERE o.paper = a.introducer AND o.entity = a.entity AND o.introduced AND o.name = m.name));

-- § Folding: an artifact one paper introduces, every other mention of
-- which makes a citation.
CREATE OR REPLACE TEMP TABLE art2 AS
SELECT a.*,
  (NOT getvariable('split') AND a.introducer IS NOT NULL AND NOT EXISTS (
     SELECT 1 FROM ment m WHERE m.entity = a.entity AND m.paper <> a.introducer
       AND NOT EXISTS (SELECT 1 FROM namecite c WHERE c.paper = m.paper AND c.entity = m.entity AND c.ord = m.ord))) AS folded
FROM art a;

-- § Families: an unfolded artifact's family, or itself when its key is
-- another artifact's family.
CREATE OR REPLACE TEMP TABLE art3 AS
WITH f0 AS (SELECT *, CASE WHEN family <> '' AND NOT folded THEN kind || ':' || lower(trim(family)) END AS fam0 FROM art2)
SELECT f0.* EXCLUDE (fam0),
  coalesce(fam0, CASE WHEN NOT folded AND entity IN (SELECT fam0 FROM f0 WHERE fam0 IS NOT NULL) THEN entity END) AS fam
FROM f0;

-- § Citations by name: a batch paper's title or abstract that spells
-- another batch paper's distinctive name (its system name, or a dataset,
-- benchmark or model it introduces; a name two papers claim is nobody's)
-- cites that paper. A name is looked up by its anchor word (names.key,
-- the words table lists every word that can be one) and checked in the
-- text: as written, or in any case for a name marked fold; starting a
-- word not inside a hyphenated compound; not followed by a word
-- character, "-" and a digit or capital, or "." and a word character. An
-- artifact name where the citing paper's own mention of that artifact
-- starts in its abstract is not counted again.
CREATE OR REPLACE TEMP TABLE dict AS
WITH n AS (
  SELECT b.paper, n.ord, n.name, n.artifact, n.fold, n.key, n.anchor, n.canchor
  FROM read_parquet(getvariable('tables') || '/names-*.parquet') n
  JOIN batch b ON n.paper = b.rkey AND n.record = b.record
  WHERE n.match AND (n.artifact = '' OR split_part(n.artifact, ':', 1) IN ('dataset', 'benchmark', 'model'))
  QUALIFY row_number() OVER (PARTITION BY b.paper, n.name ORDER BY n.ord) = 1)
SELECT * FROM n WHERE lower(name) IN (SELECT lower(name) FROM n GROUP BY 1 HAVING count(DISTINCT paper) = 1);

CREATE OR REPLACE TEMP TABLE named AS
WITH c AS (
  SELECT DISTINCT b.paper, w.paper AS rkey, w.record, w.source, w.start - d.anchor AS start, w.cstart - d.canchor AS cstart,
         d.paper AS target, d.name, d.fold, d.artifact, d.ord
  FROM read_parquet(getvariable('tables') || '/words-*.parquet') w
  JOIN batch b ON w.paper = b.rkey AND w.record = b.record
  JOIN dict d ON d.key = w.key AND d.paper <> b.paper AND w.start >= d.anchor),
t AS (
  SELECT c.*, substr(x.text, c.cstart + 1, length(c.name)) AS surface,
         substr(x.text, c.cstart - 1, 1) AS b2, substr(x.text, c.cstart, 1) AS b1,
         substr(x.text, c.cstart + 1 + length(c.name), 1) AS a1, substr(x.text, c.cstart + 2 + length(c.name), 1) AS a2
  FROM c JOIN (SELECT DISTINCT * FROM read_parquet(getvariable('tables') || '/texts-*.parquet')) x
    ON x.paper = c.rkey AND x.record = c.record AND x.source = c.source),
m AS (
  SELECT * FROM t
  WHERE (surface = name OR fold AND lower(surface) = lower(name))
    AND (cstart = 0 OR NOT pg_word(b1) AND NOT (b1 = '-' AND cstart >= 2 AND pg_word(b2)))
    AND NOT pg_word(a1) AND NOT (a1 = '.' AND pg_word(a2)) AND NOT (a1 = '-' AND regexp_matches(a2, '^[0-9A-Z]$'))
    AND NOT (source = 'abstract' AND artifact <> '' AND EXISTS (
      SELECT 1 FROM ment e WHERE e.paper = t.paper AND e.start = t.start AND e.source IN ('', 'abstract') AND e.entity = t.artifact))),
spelled AS (
  SELECT paper, entity, lower(name) AS low, first(name ORDER BY ord) AS name FROM ment WHERE introduced GROUP BY ALL)
SELECT m.paper, m.target,
  'names ' || pg_quote(CASE WHEN m.artifact = '' THEN CASE WHEN lower(o.name) = lower(m.surface) THEN o.name ELSE m.surface END
                            ELSE coalesce(s.name, m.surface) END) || ' @' || m.start
    || CASE WHEN m.source = 'title' THEN ' in title' ELSE '' END
    || ' (' || CASE WHEN m.artifact = '' THEN 'system name of ' ELSE m.artifact || ' introduced by ' END || m.target || ')' AS ev,
  2000000000000000 + CASE WHEN m.source = 'abstract' THEN 100000000000000 ELSE 0 END + m.start::BIGINT * 1000
    + row_number() OVER (PARTITION BY m.paper, m.source, m.start ORDER BY lower(m.name), m.ord) AS o
FROM m JOIN batch o ON o.paper = m.target
LEFT JOIN spelled s ON s.paper = m.target AND s.entity = m.artifact AND s.low = lower(m.surface);

-- § Citations by identifier: a ref resolves to the first of its arXiv id,
-- DOI, OpenAlex and Semantic Scholar id that a paper of the input has
-- (the smallest paper key when several do); an unresolved one names an
-- outside work by its first identifier.
CREATE OR REPLACE TEMP TABLE ids AS
SELECT kind, id, min(paper) AS paper FROM (
  SELECT 0 AS kind, arxiv AS id, paper FROM paper WHERE arxiv <> ''
  UNION ALL SELECT 1, lower(doi), paper FROM paper WHERE doi <> ''
  UNION ALL SELECT 2, openalex, paper FROM paper WHERE openalex <> ''
  UNION ALL SELECT 3, s2, paper FROM paper WHERE s2 <> '')
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE ref AS
WITH r0 AS (
  -- A merged paper's refs: those its records came with, all of the best
  -- record's, then the others' works not yet listed; then those extraction found in the
  -- text of the record whose entities it has, but a work already listed
  -- or the paper itself. Refs without an identifier make no citation.
  SELECT p.paper, p.rk, p.top, r.ord, r.text, r.arxiv, r.doi, r.openalex, r.s2, r.title, r.surface, r.start, r.source,
         CASE WHEN r.arxiv <> '' THEN 'arxiv:' || r.arxiv WHEN r.doi <> '' THEN 'doi:' || lower(r.doi)
              WHEN r.openalex <> '' THEN 'openalex:' || r.openalex WHEN r.s2 <> '' THEN 's2:' || r.s2 END AS rkey
  FROM read_parquet(getvariable('tables') || '/refs-*.parquet') r
  JOIN prec p ON r.paper = p.rkey AND r.record = p.record
  JOIN batch b ON b.paper = p.paper
  WHERE (NOT r.text OR p.record = b.record AND p.rkey = b.rkey)
  QUALIFY row_number() OVER (PARTITION BY p.paper, p.rk, r.ord) = 1),
r AS (
  SELECT r0.paper, row_number() OVER (PARTITION BY r0.paper ORDER BY r0.text, r0.rk, r0.ord)::INTEGER AS ord,
         [r0.arxiv, lower(r0.doi), r0.openalex, r0.s2] AS refids, r0.title, r0.surface, r0.start, r0.source
  FROM r0 JOIN paper p USING (paper)
  WHERE r0.rkey IS NOT NULL AND NOT (r0.text AND (r0.arxiv <> '' AND r0.arxiv = p.arxiv OR r0.doi <> '' AND r0.doi = p.doi))
  QUALIFY r0.top AND NOT r0.text OR row_number() OVER (PARTITION BY r0.paper, r0.rkey ORDER BY r0.text, r0.rk, r0.ord) = 1),
hit AS (
  SELECT r.paper, r.ord, min(i.kind) AS kind FROM r, range(4) AS k(k)
  JOIN ids i ON i.kind = k.k AND i.id = r.refids[k.k + 1]
  WHERE r.refids[k.k + 1] <> '' GROUP BY ALL)
SELECT r.*, h.kind IS NOT NULL AS resolved,
  coalesce(h.kind, CASE WHEN r.refids[1] <> '' THEN 0 WHEN r.refids[2] <> '' THEN 1 WHEN r.refids[3] <> '' THEN 2 WHEN r.refids[4] <> '' THEN 3 END) AS kind
FROM r LEFT JOIN hit h USING (paper, ord);

DROP TABLE prec;

CREATE OR REPLACE TEMP TABLE refcand AS
SELECT r.paper, r.ord, r.resolved, r.kind, ['arxiv', 'doi', 'openalex', 's2'][r.kind + 1] AS kname, r.refids[r.kind + 1] AS id,
       r.title, r.surface, r.start, r.source, i.paper AS target
FROM ref r LEFT JOIN ids i ON r.resolved AND i.kind = r.kind AND i.id = r.refids[r.kind + 1]
WHERE r.kind IS NOT NULL AND (r.resolved OR getvariable('min_cocite') > 0);

-- § Outside works: cited by min_cocite batch papers or more.
CREATE OR REPLACE TEMP TABLE ext AS
WITH w AS (
  SELECT kname, id, count(DISTINCT paper)::INTEGER AS papers,
         CASE kname WHEN 'arxiv' THEN 'paper:' || id WHEN 'doi' THEN 'paper:doi:' || id ELSE 'paper:' || kname || ':' || id END AS node
  FROM refcand WHERE NOT resolved GROUP BY ALL HAVING count(DISTINCT paper) >= getvariable('min_cocite'))
SELECT w.*, p.paper AS standin FROM w LEFT JOIN paper p ON p.paper = w.node;

-- § Citations: by identifier (in ref order), then by artifact, then by
-- name (in text order, title first); one edge
-- per citing paper and target, never a paper to itself, its evidence
-- each distinct piece in that order.
CREATE OR REPLACE TEMP TABLE cite_ev AS
WITH c AS (
  SELECT r.paper, coalesce(r.target, e.standin, e.node) AS target,
         'ref ' || r.kname || ':' || r.id || CASE WHEN r.surface <> '' THEN ' ' || pg_quote(r.surface) || ' @' || r.start ELSE '' END || pg_where(r.source) AS ev,
         r.ord::BIGINT * 1000000 AS o
  FROM refcand r LEFT JOIN ext e ON NOT r.resolved AND e.kname = r.kname AND e.id = r.id
  WHERE r.resolved OR e.node IS NOT NULL
  UNION ALL
  SELECT paper, target, ev, 1000000000000000 + seen * 1000000 + ord FROM namecite
  UNION ALL
  SELECT paper, target, ev, o FROM named)
SELECT paper, target, ev, min(o) AS o FROM c WHERE target <> paper GROUP BY ALL;

-- Evidence is joined in order. Most edges have one piece: those take it
-- as it is, and only the others go through an ordered aggregate, which
-- DuckDB holds in memory (at a million papers, for every edge, more than
-- a 1 GB limit).
CREATE OR REPLACE TEMP TABLE cite AS
WITH g AS (SELECT paper, target, count(*) AS k, min(ev) AS ev FROM cite_ev GROUP BY ALL)
SELECT paper, target, ev AS evidence FROM g WHERE k = 1
UNION ALL
SELECT e.paper, e.target, string_agg(e.ev, '; ' ORDER BY e.o) FROM cite_ev e
JOIN g ON g.paper = e.paper AND g.target = e.target AND g.k > 1 GROUP BY ALL;

DROP TABLE cite_ev;
DROP TABLE namecite;
DROP TABLE named;

-- § Projection features: per batch paper, the artifacts it names (a
-- folded one stands for its introducer, which names none of its own),
-- their families and the works it cites.
CREATE OR REPLACE TEMP TABLE feat0 AS
SELECT DISTINCT paper, f, fam FROM (
  SELECT m.paper, CASE WHEN a.folded THEN a.introducer ELSE a.entity END AS f, false AS fam
  FROM (SELECT DISTINCT paper, entity FROM ment) m JOIN art3 a USING (entity)
  WHERE NOT (a.folded AND a.introducer = m.paper)
  UNION ALL
  SELECT m.paper, 'family:' || a.fam, true
  FROM (SELECT DISTINCT paper, entity FROM ment) m JOIN art3 a USING (entity) WHERE a.fam IS NOT NULL
  UNION ALL
  SELECT paper, target, false FROM cite);

CREATE OR REPLACE TEMP TABLE fdf AS
SELECT *, row_number() OVER (ORDER BY fam, f)::INTEGER AS fid FROM (SELECT f, fam, count(*)::INTEGER AS df FROM feat0 GROUP BY f, fam);

-- § The cap: max_df resolved for the batch, lowered to fit pair_budget.
SET VARIABLE cap0 = CASE
  WHEN getvariable('exact') THEN 0
  WHEN getvariable('max_df') = 0 THEN greatest(100, ceil(0.01 * getvariable('n')))::BIGINT
  WHEN getvariable('max_df') > 0 AND getvariable('max_df') < 1 THEN greatest(1, floor(getvariable('max_df') * getvariable('n')))::BIGINT
  WHEN getvariable('max_df') >= 1 THEN getvariable('max_df')::BIGINT
  ELSE 0 END;
SET VARIABLE cap = CASE
  WHEN getvariable('cap0') > 0 AND getvariable('max_df') = 0 AND getvariable('pair_budget') > 0 THEN coalesce((
    SELECT min(df) - 1 FROM (
      SELECT df, sum(count(*) * df * (df - 1)) OVER (ORDER BY df) AS work FROM fdf
      WHERE df >= 2 AND df <= getvariable('cap0') GROUP BY df)
    WHERE work > getvariable('pair_budget')), getvariable('cap0'))
  ELSE getvariable('cap0') END;

-- § Weights: ln(1 + N/df), half for a family.
CREATE OR REPLACE TEMP TABLE kf AS
SELECT b.pid, d.fid, d.df, ln(1 + getvariable('n') / d.df) * CASE WHEN d.fam THEN 0.5 ELSE 1 END AS w
FROM feat0 x JOIN fdf d USING (f, fam) JOIN batch b USING (paper)
WHERE d.df >= 2 AND (getvariable('cap') = 0 OR d.df <= getvariable('cap'));

DROP TABLE feat0;

-- § Shares: the weight of a pair is the sum over what it shares; each
-- paper keeps its top_k pairs by weight rounded to 9 places, ties to the
-- smaller paper key (pid is the rank in key order); a pair is kept when
-- either paper keeps it.
CREATE OR REPLACE TEMP TABLE pair AS
SELECT x.pid AS p, y.pid AS q, sum(x.w) AS w FROM kf x JOIN kf y ON x.fid = y.fid AND x.pid < y.pid GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE share AS
SELECT * FROM pair WHERE getvariable('exact') OR getvariable('top_k') <= 0
UNION ALL
-- (A pair has one w, so the pairs either paper keeps are the distinct
-- (p, q, w) of the kept rows: no join back to pair.)
SELECT DISTINCT least(a, b) AS p, greatest(a, b) AS q, w FROM (
  SELECT p AS a, q AS b, w FROM pair UNION ALL SELECT q, p, w FROM pair)
WHERE NOT (getvariable('exact') OR getvariable('top_k') <= 0)
QUALIFY row_number() OVER (PARTITION BY a ORDER BY round(w, 9) DESC, b) <= getvariable('top_k');

DROP TABLE pair;

-- § Shared: the IDs a pair shares, the max_shared rarest (ties in ID
-- order, families after nodes), listed in that order.
-- (Staged: the features each kept pair shares, the rarest max_shared of
-- them, then their IDs in fid order, for a quarter of the pairs at a
-- time.)
CREATE OR REPLACE TEMP TABLE sf AS
SELECT s.p, s.q, x.fid FROM share s JOIN kf x ON x.pid = s.p JOIN kf y ON y.pid = s.q AND y.fid = x.fid
WHERE getvariable('max_shared') <= 0
UNION ALL
SELECT s.p, s.q, x.fid FROM share s JOIN kf x ON x.pid = s.p JOIN kf y ON y.pid = s.q AND y.fid = x.fid
WHERE getvariable('max_shared') > 0
QUALIFY row_number() OVER (PARTITION BY s.p, s.q ORDER BY x.df, x.fid) <= getvariable('max_shared');

CREATE OR REPLACE TEMP TABLE shared (p INTEGER, q INTEGER, shared VARCHAR[]);
-- (A window, not GROUP BY: DuckDB does not spill list() states, and a
-- list per pair of 5M papers outgrew a 1 GB limit; a window's partitions
-- spill.)
CREATE OR REPLACE TEMP MACRO pg_shared(part) AS TABLE
  SELECT sf.p, sf.q, list_transform(list_sort(list({'fid': sf.fid, 'f': d.f}) OVER (PARTITION BY sf.p, sf.q)), e -> e.f) AS shared
  FROM sf JOIN fdf d USING (fid) WHERE sf.p % 4 = part
  QUALIFY row_number() OVER (PARTITION BY sf.p, sf.q) = 1;
INSERT INTO shared FROM pg_shared(0);
INSERT INTO shared FROM pg_shared(1);
INSERT INTO shared FROM pg_shared(2);
INSERT INTO shared FROM pg_shared(3);

DROP TABLE sf;
DROP TABLE kf;

-- § Mentions edges: one per paper and unfolded artifact, the evidence of
-- each distinct mention in entity order (one piece as it is, as for cites).
CREATE OR REPLACE TEMP TABLE mention_ev AS
SELECT m.paper, m.entity, m.rule || ': ' || pg_quote(m.surface) || ' @' || m.start || pg_where(m.source) AS ev, min(m.ord) AS o
FROM ment m JOIN art3 a USING (entity) WHERE NOT a.folded GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE mention AS
WITH g AS (SELECT paper, entity, count(*) AS k, min(ev) AS ev FROM mention_ev GROUP BY ALL)
SELECT paper, entity, ev AS evidence FROM g WHERE k = 1
UNION ALL
SELECT e.paper, e.entity, string_agg(e.ev, '; ' ORDER BY e.o) FROM mention_ev e
JOIN g ON g.paper = e.paper AND g.entity = e.entity AND g.k > 1 GROUP BY ALL;

-- § Nodes.
CREATE OR REPLACE TEMP TABLE intro AS
SELECT introducer AS paper, list_sort(list_distinct(list(name))) AS introduces,
       last(name ORDER BY seen) FILTER (WHERE lower(name) = lower(pname)) AS named
FROM (SELECT a.*, b.name AS pname FROM art3 a JOIN batch b ON b.paper = a.introducer WHERE a.folded)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE node AS
SELECT p.paper AS id, 'paper' AS kind,
  coalesce(nullif(coalesce(i.named, CASE WHEN p.name <> '' THEN p.name ELSE pg_short(p.title) END), ''), p.paper) AS label,
  p.title, pg_paper_url(p.arxiv, p.doi, p.url) AS url, p.arxiv, p.doi, p.authors, p.year::INTEGER AS year,
  '' AS family, coalesce(i.introduces, []::VARCHAR[]) AS introduces, p.external,
  CASE WHEN p.external THEN (SELECT count(*) FROM cite c WHERE c.target = p.paper) ELSE 0 END::INTEGER AS papers,
  p.promises_code AND NOT p.external AS promises_code
FROM paper p LEFT JOIN intro i USING (paper)
UNION ALL
SELECT e.node, 'paper', coalesce(nullif(pg_short(t.title), ''), e.kname || ':' || e.id), coalesce(t.title, ''),
  CASE e.kname WHEN 'arxiv' THEN 'https://arxiv.org/abs/' WHEN 'doi' THEN 'https://doi.org/'
               WHEN 'openalex' THEN 'https://openalex.org/' ELSE 'https://www.semanticscholar.org/paper/' END || e.id,
  CASE WHEN e.kname = 'arxiv' THEN e.id ELSE '' END, CASE WHEN e.kname = 'doi' THEN e.id ELSE '' END,
  []::VARCHAR[], 0, '', []::VARCHAR[], true, e.papers, false
FROM ext e LEFT JOIN (
  SELECT kname, id, first(title ORDER BY c DESC, title) AS title FROM (
    SELECT kname, id, pg_fields(title) AS title, count(*) AS c FROM refcand WHERE NOT resolved AND title <> '' GROUP BY ALL)
  GROUP BY ALL) t USING (kname, id)
WHERE e.standin IS NULL
UNION ALL
SELECT entity, kind, name, name, pg_artifact_url(kind, name), '', '', []::VARCHAR[], 0, family, []::VARCHAR[], false, df, false
FROM art3 WHERE NOT folded;

COPY (
  SELECT n.*, coalesce(getvariable('cap') > 0 AND d.df > getvariable('cap'), false) AS left_out
  FROM node n LEFT JOIN fdf d ON d.f = n.id AND NOT d.fam
  ORDER BY n.id
) TO (getvariable('out') || '/nodes.parquet') (FORMAT parquet, COMPRESSION zstd);

-- § Edges.
COPY (
  SELECT paper AS source, entity AS target, 'mentions' AS relation, 1.0::DOUBLE AS weight, evidence, []::VARCHAR[] AS shared FROM mention
  UNION ALL
  SELECT paper, target, 'cites', 1.0, evidence, []::VARCHAR[] FROM cite
  UNION ALL
  SELECT a.paper, b.paper, 'shares', round(s.w, 4), '', coalesce(sh.shared, []::VARCHAR[])
  FROM share s JOIN batch a ON a.pid = s.p JOIN batch b ON b.pid = s.q LEFT JOIN shared sh USING (p, q)
  ORDER BY source, target, relation
) TO (getvariable('out') || '/edges.parquet') (FORMAT parquet, COMPRESSION zstd);
