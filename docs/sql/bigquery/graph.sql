-- papergraph's projection as a BigQuery script: docs/sql/duckdb/graph.sql
-- respelled statement by statement with the table in docs/sql/README.md
-- (same statements, same names, same order). The why of each step is in
-- the DuckDB file and docs/projection.md (the § numbers below); this file
-- is parsed by sqlglot in its dialect in the tests, not run: no BigQuery
-- runs where it is tested.
--
-- Input:  the tables of `papergraph extract -format parquet -o TABLES`,
--         as external tables pg.papers, pg.mentions, pg.refs, pg.names,
--         pg.texts and pg.words over the Parquet shards in a bucket.
-- Output: the tables pg.nodes and pg.edges, for `bq extract` to Parquet.
--         A BigQuery table has no row order: merge each table's shards
--         into one file sorted as `papergraph export -stream` needs (nodes
--         by id; edges by source, target, relation), as the README shows.
--
-- Options: the DECLAREs below, with build's defaults (edit them, or
-- rename the dataset pg, before running the script).

DECLARE top_k INT64 DEFAULT 10;
DECLARE max_df FLOAT64 DEFAULT 0;
DECLARE pair_budget INT64 DEFAULT 67108864;
DECLARE exact BOOL DEFAULT FALSE;
DECLARE min_cocite INT64 DEFAULT 2;
DECLARE max_shared INT64 DEFAULT 8;
DECLARE split BOOL DEFAULT FALSE;
-- Set below, where the DuckDB file sets them.
DECLARE n INT64;
DECLARE cap0 INT64;
DECLARE cap INT64;

-- Text functions (§ Text), as the DuckDB macros.
CREATE TEMP FUNCTION pg_fields(s STRING) AS (
  REGEXP_REPLACE(REGEXP_REPLACE(s, r'^[\s\v\x{85}\p{Z}]+|[\s\v\x{85}\p{Z}]+$', ''), r'[\s\v\x{85}\p{Z}]+', ' '));
CREATE TEMP FUNCTION pg_cut(s STRING) AS (
  CASE WHEN BYTE_LENGTH(REGEXP_EXTRACT(s, r'^(.*) ')) > DIV(BYTE_LENGTH(s), 2) THEN REGEXP_EXTRACT(s, r'^(.*) ') ELSE s END);
CREATE TEMP FUNCTION pg_short(t STRING) AS (
  CASE WHEN CHAR_LENGTH(pg_fields(t)) <= 40 THEN pg_fields(t)
       ELSE RTRIM(pg_cut(LEFT(pg_fields(t), 39)), ' ,.;:-') || '…' END);
CREATE TEMP FUNCTION pg_quote(s STRING) AS (
  '"' || REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(s, '\\', '\\\\'), '"', '\\"'), '\n', '\\n'), '\r', '\\r'), '\t', '\\t') || '"');
CREATE TEMP FUNCTION pg_where(source STRING) AS (
  CASE WHEN source = '' OR source = 'abstract' THEN '' ELSE ' in ' || source END);
CREATE TEMP FUNCTION pg_word(c STRING) AS (
  c <> '' AND NOT REGEXP_CONTAINS(c, r'^[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]$'));
CREATE TEMP FUNCTION pg_paper_url(arxiv STRING, doi STRING, url STRING) AS (
  CASE WHEN arxiv <> '' THEN 'https://arxiv.org/abs/' || arxiv
       WHEN doi <> '' THEN 'https://doi.org/' || doi
       WHEN REGEXP_CONTAINS(LOWER(TRIM(url)), r'^https?://') AND NOT REGEXP_CONTAINS(TRIM(url), r'[\x00-\x20\x7f]') THEN TRIM(url)
       ELSE '' END);
CREATE TEMP FUNCTION pg_artifact_url(kind STRING, name STRING) AS (
  CASE WHEN REGEXP_CONTAINS(IFNULL(SPLIT(IFNULL(SPLIT(name, '/')[SAFE_OFFSET(0)], ''), ':')[SAFE_OFFSET(0)], ''), r'^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$')
        AND NOT REGEXP_CONTAINS(name, r'[\x00-\x20\x7f"\'<>`\\{}|^]')
        AND (kind IN ('repo', 'url') OR STRPOS(name, '/') > 0)
       THEN 'https://' || name ELSE '' END);

-- § Merge (see the DuckDB file for how records are linked and ranked).
CREATE OR REPLACE TEMP TABLE again AS
SELECT paper, record FROM pg.papers GROUP BY paper, record HAVING COUNT(*) > 1;

-- (No row index here: a record read twice keeps its first reading by
-- QUALIFY over the whole records.)
CREATE OR REPLACE TEMP TABLE rec AS
SELECT * EXCEPT (filename, words, filled), CAST(ROW_NUMBER() OVER () AS INT64) AS rid FROM (
  SELECT *, _FILE_NAME AS filename FROM pg.papers
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (PARTITION BY paper, record ORDER BY input, line, number, _FILE_NAME) = 1);

CREATE OR REPLACE TEMP TABLE rrank AS
SELECT rid, ROW_NUMBER() OVER (ORDER BY richness DESC, priority DESC, record, paper) AS rk FROM rec;

CREATE OR REPLACE TEMP TABLE mkey AS
WITH k AS (
  SELECT rid, 'arxiv ' || merge_arxiv AS k FROM rec WHERE merge_arxiv <> ''
  UNION ALL SELECT rid, 'doi ' || merge_doi FROM rec WHERE merge_doi <> ''
  UNION ALL SELECT rid, 'openalex ' || merge_openalex FROM rec WHERE merge_openalex <> ''
  UNION ALL SELECT rid, 's2 ' || merge_s2 FROM rec WHERE merge_s2 <> ''
  UNION ALL SELECT rid, 'title ' || merge_title FROM rec WHERE merge_title <> '')
SELECT * FROM k WHERE k IN (SELECT k FROM k GROUP BY k HAVING COUNT(*) > 1);

-- Connected sets: the DuckDB file's pg_merge_round, written out for each
-- of its four rounds and for the check.
CREATE OR REPLACE TEMP TABLE comp AS SELECT DISTINCT rid, rid AS c FROM mkey;
CREATE OR REPLACE TEMP TABLE comp AS
  WITH kc AS (SELECT m.k, MIN(c.c) AS c FROM mkey m JOIN comp c USING (rid) GROUP BY m.k),
  rc AS (SELECT m.rid, MIN(kc.c) AS c FROM mkey m JOIN kc USING (k) GROUP BY m.rid)
  SELECT a.rid, b.c FROM rc a JOIN rc b ON b.rid = a.c;
CREATE OR REPLACE TEMP TABLE comp AS
  WITH kc AS (SELECT m.k, MIN(c.c) AS c FROM mkey m JOIN comp c USING (rid) GROUP BY m.k),
  rc AS (SELECT m.rid, MIN(kc.c) AS c FROM mkey m JOIN kc USING (k) GROUP BY m.rid)
  SELECT a.rid, b.c FROM rc a JOIN rc b ON b.rid = a.c;
CREATE OR REPLACE TEMP TABLE comp AS
  WITH kc AS (SELECT m.k, MIN(c.c) AS c FROM mkey m JOIN comp c USING (rid) GROUP BY m.k),
  rc AS (SELECT m.rid, MIN(kc.c) AS c FROM mkey m JOIN kc USING (k) GROUP BY m.rid)
  SELECT a.rid, b.c FROM rc a JOIN rc b ON b.rid = a.c;
CREATE OR REPLACE TEMP TABLE comp AS
  WITH kc AS (SELECT m.k, MIN(c.c) AS c FROM mkey m JOIN comp c USING (rid) GROUP BY m.k),
  rc AS (SELECT m.rid, MIN(kc.c) AS c FROM mkey m JOIN kc USING (k) GROUP BY m.rid)
  SELECT a.rid, b.c FROM rc a JOIN rc b ON b.rid = a.c;
SELECT IF(EXISTS (
  WITH kc AS (SELECT m.k, MIN(c.c) AS c FROM mkey m JOIN comp c USING (rid) GROUP BY m.k),
  rc AS (SELECT m.rid, MIN(kc.c) AS c FROM mkey m JOIN kc USING (k) GROUP BY m.rid)
  SELECT 1 FROM rc a JOIN rc b ON b.rid = a.c JOIN comp c ON c.rid = a.rid WHERE b.c <> c.c),
  ERROR('merge: a chain of records longer than graph.sql follows: add rounds'), NULL);

CREATE OR REPLACE TEMP TABLE rg AS
WITH ok AS (
  SELECT c.c FROM comp c JOIN rec r USING (rid) GROUP BY c.c
  HAVING COUNT(DISTINCT IF(r.merge_arxiv <> '', r.merge_arxiv, NULL)) <= 1
     AND COUNT(DISTINCT IF(r.merge_doi <> '', r.merge_doi, NULL)) <= 1),
g AS (
  SELECT r.rid, COALESCE('c' || CAST(ok.c AS STRING), 'k' || r.paper) AS g
  FROM rec r LEFT JOIN comp c USING (rid) LEFT JOIN ok ON ok.c = c.c)
SELECT rid, g FROM g WHERE g IN (SELECT g FROM g GROUP BY g HAVING COUNT(*) > 1);

CREATE OR REPLACE TEMP TABLE rp AS
WITH f AS (
  SELECT rg.g,
    ARRAY_AGG(IF(r.arxiv <> '', r.arxiv, NULL) IGNORE NULLS ORDER BY k.rk LIMIT 1)[SAFE_OFFSET(0)] AS arxiv,
    ARRAY_AGG(IF(r.doi <> '', r.doi, NULL) IGNORE NULLS ORDER BY k.rk LIMIT 1)[SAFE_OFFSET(0)] AS doi,
    ARRAY_AGG(IF(r.title <> '', r.slug, NULL) IGNORE NULLS ORDER BY k.rk LIMIT 1)[SAFE_OFFSET(0)] AS slug,
    ARRAY_AGG(IF(r.openalex <> '', r.openalex, NULL) IGNORE NULLS ORDER BY k.rk LIMIT 1)[SAFE_OFFSET(0)] AS openalex,
    ARRAY_AGG(IF(r.s2 <> '', r.s2, NULL) IGNORE NULLS ORDER BY k.rk LIMIT 1)[SAFE_OFFSET(0)] AS s2,
    ARRAY_AGG(IF(r.id <> '', r.id, NULL) IGNORE NULLS ORDER BY k.rk LIMIT 1)[SAFE_OFFSET(0)] AS id
  FROM rg JOIN rec r USING (rid) JOIN rrank k USING (rid) GROUP BY rg.g),
m AS (
  SELECT rg.rid,
    CASE WHEN f.arxiv IS NOT NULL THEN 'paper:' || f.arxiv
         WHEN f.doi IS NOT NULL THEN 'paper:doi:' || f.doi
         WHEN f.slug <> '' THEN 'paper:' || f.slug
         WHEN f.openalex IS NOT NULL THEN 'paper:openalex:' || f.openalex
         WHEN f.s2 IS NOT NULL THEN 'paper:s2:' || f.s2
         ELSE 'paper:' || LOWER(COALESCE(f.id, '')) END AS paper
  FROM rg JOIN f USING (g))
SELECT r.rid, k.rk, COALESCE(m.paper, r.paper) AS paper
FROM rec r JOIN rrank k USING (rid) LEFT JOIN m USING (rid);

CREATE OR REPLACE TEMP TABLE prec AS
WITH p AS (SELECT paper, COUNT(*) AS records, MIN(rk) AS top FROM rp GROUP BY paper)
SELECT r.* EXCEPT (paper), r.paper AS rkey, p.paper, rp.rk, rp.rk = p.top AS top, p.records
FROM rec r JOIN rp USING (rid) JOIN p ON p.paper = rp.paper;

CREATE OR REPLACE TEMP TABLE pm AS
SELECT paper, rk, top, title, arxiv, doi, openalex, s2, url, year, external, chars, rkey, record, name, promises_code, authors, author_keys
FROM prec WHERE records > 1;

CREATE OR REPLACE TEMP TABLE pf AS
SELECT paper,
  IFNULL(ARRAY_AGG(IF(title <> '', title, NULL) IGNORE NULLS ORDER BY rk LIMIT 1)[SAFE_OFFSET(0)], '') AS title,
  IFNULL(ARRAY_AGG(IF(arxiv <> '', arxiv, NULL) IGNORE NULLS ORDER BY rk LIMIT 1)[SAFE_OFFSET(0)], '') AS arxiv,
  IFNULL(ARRAY_AGG(IF(doi <> '', doi, NULL) IGNORE NULLS ORDER BY rk LIMIT 1)[SAFE_OFFSET(0)], '') AS doi,
  IFNULL(ARRAY_AGG(IF(openalex <> '', openalex, NULL) IGNORE NULLS ORDER BY rk LIMIT 1)[SAFE_OFFSET(0)], '') AS openalex,
  IFNULL(ARRAY_AGG(IF(s2 <> '', s2, NULL) IGNORE NULLS ORDER BY rk LIMIT 1)[SAFE_OFFSET(0)], '') AS s2,
  IFNULL(ARRAY_AGG(IF(url <> '', url, NULL) IGNORE NULLS ORDER BY rk LIMIT 1)[SAFE_OFFSET(0)], '') AS url,
  IFNULL(ARRAY_AGG(IF(year <> 0, year, NULL) IGNORE NULLS ORDER BY rk LIMIT 1)[SAFE_OFFSET(0)], 0) AS year,
  LOGICAL_AND(external) AS external,
  MOD(MIN((2147483647 - chars) * 4294967296 + rk), 4294967296) AS best
FROM pm GROUP BY paper;

-- Authors (i counts from 1, as in the DuckDB file).
CREATE OR REPLACE TEMP TABLE pa AS
WITH a AS (
  SELECT m.paper, m.top, i0 + 1 AS i, author AS name, m.author_keys[OFFSET(i0)] AS key, m.rk * 4294967296 + i0 + 1 AS pos
  FROM pm m CROSS JOIN UNNEST(m.authors) AS author WITH OFFSET i0),
t AS (SELECT paper, key, MAX(IF(top, i, NULL)) AS last1, MIN(pos) AS first_pos FROM a GROUP BY paper, key)
SELECT a.*, CASE WHEN t.last1 IS NOT NULL THEN a.top AND a.i = t.last1 ELSE a.pos = t.first_pos END AS target
FROM a JOIN t USING (paper, key);

CREATE OR REPLACE TEMP TABLE pau AS
WITH sp AS (
  SELECT paper, key, ARRAY_AGG(name ORDER BY BYTE_LENGTH(name) DESC, target DESC, pos LIMIT 1)[OFFSET(0)] AS name
  FROM pa WHERE target OR NOT top GROUP BY paper, key)
SELECT e.paper, ARRAY_AGG(CASE WHEN e.target THEN sp.name ELSE e.name END ORDER BY e.pos) AS authors
FROM pa e JOIN sp USING (paper, key) WHERE e.top OR e.target GROUP BY e.paper;

CREATE OR REPLACE TEMP TABLE pb AS
SELECT f.paper, f.title, f.arxiv, f.doi, f.openalex, f.s2, f.url, f.year, f.external, b.rkey, b.record, b.name, b.promises_code
FROM pf f JOIN pm b ON b.rk = f.best;

CREATE OR REPLACE TEMP TABLE paper AS
SELECT paper, title, arxiv, doi, openalex, s2, url, year, external, rkey, record, name, promises_code, authors
FROM prec WHERE records = 1
UNION ALL
SELECT b.*, IFNULL(au.authors, ARRAY<STRING>[]) FROM pb b LEFT JOIN pau au USING (paper);

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
SELECT paper, rkey, record, name, ROW_NUMBER() OVER (ORDER BY paper) AS pid FROM paper WHERE NOT external;
SET n = (SELECT COUNT(*) FROM batch);

CREATE OR REPLACE TEMP TABLE ment AS
WITH a AS (
  SELECT rkey, record FROM batch WHERE rkey IN (SELECT rkey FROM batch GROUP BY rkey HAVING COUNT(*) > 1)
  UNION DISTINCT SELECT paper, record FROM again)
SELECT m.* REPLACE (b.paper AS paper) FROM pg.mentions m
JOIN batch b ON m.paper = b.rkey AND m.record = b.record
WHERE NOT EXISTS (SELECT 1 FROM a WHERE m.paper = a.rkey AND m.record = a.record)
UNION ALL
SELECT m.* REPLACE (b.paper AS paper) FROM pg.mentions m
JOIN batch b ON m.paper = b.rkey AND m.record = b.record
WHERE EXISTS (SELECT 1 FROM a WHERE m.paper = a.rkey AND m.record = a.record)
QUALIFY ROW_NUMBER() OVER (PARTITION BY m.paper, m.ord) = 1;

DROP TABLE again;

-- § Artifacts.
CREATE OR REPLACE TEMP TABLE ape AS
SELECT entity, paper, ANY_VALUE(kind) AS kind, LOGICAL_OR(introduced) AS introduced, MIN(ord) AS ord FROM ment GROUP BY entity, paper;

CREATE OR REPLACE TEMP TABLE aname AS
WITH c AS (SELECT entity, name, COUNT(*) AS c FROM ment GROUP BY entity, name)
SELECT entity, MIN(name) AS name FROM c JOIN (SELECT entity, MAX(c) AS c FROM c GROUP BY entity) USING (entity, c) GROUP BY entity;

CREATE OR REPLACE TEMP TABLE afam AS
WITH c AS (SELECT entity, family, COUNT(*) AS c FROM ment WHERE family <> '' GROUP BY entity, family)
SELECT entity, MIN(family) AS family FROM c JOIN (SELECT entity, MAX(c) AS c FROM c GROUP BY entity) USING (entity, c) GROUP BY entity;

CREATE OR REPLACE TEMP TABLE art AS
WITH b AS (
  SELECT entity, ANY_VALUE(kind) AS kind, COUNT(*) AS df,
         CASE WHEN COUNTIF(introduced) = 1 THEN MIN(IF(introduced, paper, NULL)) END AS introducer,
         MIN(paper) AS p0, ARRAY_AGG(ord ORDER BY paper LIMIT 1)[OFFSET(0)] AS o0
  FROM ape GROUP BY entity)
SELECT b.entity, b.kind, b.df, b.introducer, n.name, IFNULL(f.family, '') AS family,
       ROW_NUMBER() OVER (ORDER BY b.p0, b.o0) AS seen
FROM b JOIN aname n USING (entity) LEFT JOIN afam f USING (entity);

DROP TABLE ape;
DROP TABLE aname;
DROP TABLE afam;

-- § Citations by artifact.
CREATE OR REPLACE TEMP TABLE namecite AS
SELECT m.paper, a.introducer AS target, a.entity, a.seen, m.ord,
       'names ' || a.entity || ' introduced by it (' || m.rule || ': ' || pg_quote(m.surface) || ' @' || CAST(m.start AS STRING) || pg_where(m.source) || ')' AS ev
FROM ment m JOIN art a USING (entity)
WHERE a.introducer IS NOT NULL AND m.paper <> a.introducer AND NOT m.introduced
  AND (BYTE_LENGTH(m.name) >= 6 OR EXISTS (
    SELECT 1 FROM ment o WHERE o.paper = a.introducer AND o.entity = a.entity AND o.introduced AND o.name = m.name));

-- § Folding.
CREATE OR REPLACE TEMP TABLE art2 AS
SELECT a.*,
  (NOT split AND a.introducer IS NOT NULL AND NOT EXISTS (
     SELECT 1 FROM ment m WHERE m.entity = a.entity AND m.paper <> a.introducer
       AND NOT EXISTS (SELECT 1 FROM namecite c WHERE c.paper = m.paper AND c.entity = m.entity AND c.ord = m.ord))) AS folded
FROM art a;

-- § Families.
CREATE OR REPLACE TEMP TABLE art3 AS
WITH f0 AS (SELECT *, CASE WHEN family <> '' AND NOT folded THEN kind || ':' || LOWER(TRIM(family)) END AS fam0 FROM art2)
SELECT f0.* EXCEPT (fam0),
  COALESCE(fam0, CASE WHEN NOT folded AND entity IN (SELECT fam0 FROM f0 WHERE fam0 IS NOT NULL) THEN entity END) AS fam
FROM f0;

-- § Citations by name.
CREATE OR REPLACE TEMP TABLE dict AS
WITH n AS (
  SELECT b.paper, n.ord, n.name, n.artifact, n.fold, n.key, n.anchor, n.canchor
  FROM pg.names n
  JOIN batch b ON n.paper = b.rkey AND n.record = b.record
  WHERE n.match AND (n.artifact = '' OR SPLIT(n.artifact, ':')[OFFSET(0)] IN ('dataset', 'benchmark', 'model'))
  QUALIFY ROW_NUMBER() OVER (PARTITION BY b.paper, n.name ORDER BY n.ord) = 1)
SELECT * FROM n WHERE LOWER(name) IN (SELECT LOWER(name) FROM n GROUP BY 1 HAVING COUNT(DISTINCT paper) = 1);

CREATE OR REPLACE TEMP TABLE named AS
WITH c AS (
  SELECT DISTINCT b.paper, w.paper AS rkey, w.record, w.source, w.start - d.anchor AS start, w.cstart - d.canchor AS cstart,
         d.paper AS target, d.name, d.fold, d.artifact, d.ord
  FROM pg.words w
  JOIN batch b ON w.paper = b.rkey AND w.record = b.record
  JOIN dict d ON d.key = w.key AND d.paper <> b.paper AND w.start >= d.anchor),
t AS (
  SELECT c.*, SUBSTR(x.text, c.cstart + 1, CHAR_LENGTH(c.name)) AS surface,
         SUBSTR(x.text, c.cstart - 1, 1) AS b2, SUBSTR(x.text, c.cstart, 1) AS b1,
         SUBSTR(x.text, c.cstart + 1 + CHAR_LENGTH(c.name), 1) AS a1, SUBSTR(x.text, c.cstart + 2 + CHAR_LENGTH(c.name), 1) AS a2
  FROM c JOIN (SELECT DISTINCT * FROM pg.texts) x
    ON x.paper = c.rkey AND x.record = c.record AND x.source = c.source),
m AS (
  SELECT * FROM t
  WHERE (surface = name OR fold AND LOWER(surface) = LOWER(name))
    AND (cstart = 0 OR NOT pg_word(b1) AND NOT (b1 = '-' AND cstart >= 2 AND pg_word(b2)))
    AND NOT pg_word(a1) AND NOT (a1 = '.' AND pg_word(a2)) AND NOT (a1 = '-' AND REGEXP_CONTAINS(a2, r'^[0-9A-Z]$'))
    AND NOT (source = 'abstract' AND artifact <> '' AND EXISTS (
      SELECT 1 FROM ment e WHERE e.paper = t.paper AND e.start = t.start AND e.source IN ('', 'abstract') AND e.entity = t.artifact))),
spelled AS (
  SELECT paper, entity, LOWER(name) AS low, ARRAY_AGG(name ORDER BY ord LIMIT 1)[OFFSET(0)] AS name
  FROM ment WHERE introduced GROUP BY paper, entity, LOWER(name))
SELECT m.paper, m.target,
  'names ' || pg_quote(CASE WHEN m.artifact = '' THEN CASE WHEN LOWER(o.name) = LOWER(m.surface) THEN o.name ELSE m.surface END
                            ELSE IFNULL(s.name, m.surface) END) || ' @' || CAST(m.start AS STRING)
    || CASE WHEN m.source = 'title' THEN ' in title' ELSE '' END
    || ' (' || CASE WHEN m.artifact = '' THEN 'system name of ' ELSE m.artifact || ' introduced by ' END || m.target || ')' AS ev,
  2000000000000000 + CASE WHEN m.source = 'abstract' THEN 100000000000000 ELSE 0 END + m.start * 1000
    + ROW_NUMBER() OVER (PARTITION BY m.paper, m.source, m.start ORDER BY LOWER(m.name), m.ord) AS o
FROM m JOIN batch o ON o.paper = m.target
LEFT JOIN spelled s ON s.paper = m.target AND s.entity = m.artifact AND s.low = LOWER(m.surface);

-- § Citations by identifier.
CREATE OR REPLACE TEMP TABLE ids AS
SELECT kind, id, MIN(paper) AS paper FROM (
  SELECT 0 AS kind, arxiv AS id, paper FROM paper WHERE arxiv <> ''
  UNION ALL SELECT 1, LOWER(doi), paper FROM paper WHERE doi <> ''
  UNION ALL SELECT 2, openalex, paper FROM paper WHERE openalex <> ''
  UNION ALL SELECT 3, s2, paper FROM paper WHERE s2 <> '')
GROUP BY kind, id;

-- (refids is 0-based here: refids[OFFSET(k)] is the DuckDB file's refids[k + 1].)
CREATE OR REPLACE TEMP TABLE ref AS
WITH r0 AS (
  SELECT p.paper, p.rk, p.top, r.ord, r.text, r.arxiv, r.doi, r.openalex, r.s2, r.title, r.surface, r.start, r.source,
         CASE WHEN r.arxiv <> '' THEN 'arxiv:' || r.arxiv WHEN r.doi <> '' THEN 'doi:' || LOWER(r.doi)
              WHEN r.openalex <> '' THEN 'openalex:' || r.openalex WHEN r.s2 <> '' THEN 's2:' || r.s2 END AS rkey
  FROM pg.refs r
  JOIN prec p ON r.paper = p.rkey AND r.record = p.record
  JOIN batch b ON b.paper = p.paper
  WHERE (NOT r.text OR p.record = b.record AND p.rkey = b.rkey)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY p.paper, p.rk, r.ord) = 1),
r AS (
  SELECT r0.paper, ROW_NUMBER() OVER (PARTITION BY r0.paper ORDER BY r0.text, r0.rk, r0.ord) AS ord,
         [r0.arxiv, LOWER(r0.doi), r0.openalex, r0.s2] AS refids, r0.title, r0.surface, r0.start, r0.source
  FROM r0 JOIN paper p USING (paper)
  WHERE r0.rkey IS NOT NULL AND NOT (r0.text AND (r0.arxiv <> '' AND r0.arxiv = p.arxiv OR r0.doi <> '' AND r0.doi = p.doi))
  QUALIFY r0.top AND NOT r0.text OR ROW_NUMBER() OVER (PARTITION BY r0.paper, r0.rkey ORDER BY r0.text, r0.rk, r0.ord) = 1),
hit AS (
  SELECT r.paper, r.ord, MIN(i.kind) AS kind FROM r CROSS JOIN UNNEST(GENERATE_ARRAY(0, 3)) AS k
  JOIN ids i ON i.kind = k AND i.id = r.refids[OFFSET(k)]
  WHERE r.refids[OFFSET(k)] <> '' GROUP BY r.paper, r.ord)
SELECT r.*, h.kind IS NOT NULL AS resolved,
  COALESCE(h.kind, CASE WHEN r.refids[OFFSET(0)] <> '' THEN 0 WHEN r.refids[OFFSET(1)] <> '' THEN 1
                        WHEN r.refids[OFFSET(2)] <> '' THEN 2 WHEN r.refids[OFFSET(3)] <> '' THEN 3 END) AS kind
FROM r LEFT JOIN hit h USING (paper, ord);

DROP TABLE prec;

CREATE OR REPLACE TEMP TABLE refcand AS
SELECT r.paper, r.ord, r.resolved, r.kind, ['arxiv', 'doi', 'openalex', 's2'][OFFSET(r.kind)] AS kname, r.refids[OFFSET(r.kind)] AS id,
       r.title, r.surface, r.start, r.source, i.paper AS target
FROM ref r LEFT JOIN ids i ON r.resolved AND i.kind = r.kind AND i.id = r.refids[OFFSET(r.kind)]
WHERE r.kind IS NOT NULL AND (r.resolved OR min_cocite > 0);

-- § Outside works.
CREATE OR REPLACE TEMP TABLE ext AS
WITH w AS (
  SELECT kname, id, COUNT(DISTINCT paper) AS papers,
         CASE kname WHEN 'arxiv' THEN 'paper:' || id WHEN 'doi' THEN 'paper:doi:' || id ELSE 'paper:' || kname || ':' || id END AS node
  FROM refcand WHERE NOT resolved GROUP BY kname, id HAVING COUNT(DISTINCT paper) >= min_cocite)
SELECT w.*, p.paper AS standin FROM w LEFT JOIN paper p ON p.paper = w.node;

-- § Citations.
CREATE OR REPLACE TEMP TABLE cite_ev AS
WITH c AS (
  SELECT r.paper, COALESCE(r.target, e.standin, e.node) AS target,
         'ref ' || r.kname || ':' || r.id || CASE WHEN r.surface <> '' THEN ' ' || pg_quote(r.surface) || ' @' || CAST(r.start AS STRING) ELSE '' END || pg_where(r.source) AS ev,
         r.ord * 1000000 AS o
  FROM refcand r LEFT JOIN ext e ON NOT r.resolved AND e.kname = r.kname AND e.id = r.id
  WHERE r.resolved OR e.node IS NOT NULL
  UNION ALL
  SELECT paper, target, ev, 1000000000000000 + seen * 1000000 + ord FROM namecite
  UNION ALL
  SELECT paper, target, ev, o FROM named)
SELECT paper, target, ev, MIN(o) AS o FROM c WHERE target <> paper GROUP BY paper, target, ev;

CREATE OR REPLACE TEMP TABLE cite AS
SELECT paper, target, STRING_AGG(ev, '; ' ORDER BY o) AS evidence FROM cite_ev GROUP BY paper, target;

DROP TABLE cite_ev;
DROP TABLE namecite;
DROP TABLE named;

-- § Projection features.
CREATE OR REPLACE TEMP TABLE feat0 AS
SELECT DISTINCT paper, f, fam FROM (
  SELECT m.paper, CASE WHEN a.folded THEN a.introducer ELSE a.entity END AS f, FALSE AS fam
  FROM (SELECT DISTINCT paper, entity FROM ment) m JOIN art3 a USING (entity)
  WHERE NOT (a.folded AND a.introducer = m.paper)
  UNION ALL
  SELECT m.paper, 'family:' || a.fam, TRUE
  FROM (SELECT DISTINCT paper, entity FROM ment) m JOIN art3 a USING (entity) WHERE a.fam IS NOT NULL
  UNION ALL
  SELECT paper, target, FALSE FROM cite);

CREATE OR REPLACE TEMP TABLE fdf AS
SELECT *, ROW_NUMBER() OVER (ORDER BY fam, f) AS fid FROM (SELECT f, fam, COUNT(*) AS df FROM feat0 GROUP BY f, fam);

-- § The cap.
SET cap0 = CASE
  WHEN exact THEN 0
  WHEN max_df = 0 THEN CAST(GREATEST(100, CEIL(0.01 * n)) AS INT64)
  WHEN max_df > 0 AND max_df < 1 THEN CAST(GREATEST(1, FLOOR(max_df * n)) AS INT64)
  WHEN max_df >= 1 THEN CAST(max_df AS INT64)
  ELSE 0 END;
SET cap = CASE
  WHEN cap0 > 0 AND max_df = 0 AND pair_budget > 0 THEN IFNULL((
    SELECT MIN(df) - 1 FROM (
      SELECT df, SUM(COUNT(*) * df * (df - 1)) OVER (ORDER BY df) AS work FROM fdf
      WHERE df >= 2 AND df <= cap0 GROUP BY df)
    WHERE work > pair_budget), cap0)
  ELSE cap0 END;

-- § Weights.
CREATE OR REPLACE TEMP TABLE kf AS
SELECT b.pid, d.fid, d.df, LN(1 + n / d.df) * CASE WHEN d.fam THEN 0.5 ELSE 1 END AS w
FROM feat0 x JOIN fdf d USING (f, fam) JOIN batch b USING (paper)
WHERE d.df >= 2 AND (cap = 0 OR d.df <= cap);

DROP TABLE feat0;

-- § Shares.
CREATE OR REPLACE TEMP TABLE pair AS
SELECT x.pid AS p, y.pid AS q, SUM(x.w) AS w FROM kf x JOIN kf y ON x.fid = y.fid AND x.pid < y.pid GROUP BY x.pid, y.pid;

CREATE OR REPLACE TEMP TABLE share AS
SELECT * FROM pair WHERE exact OR top_k <= 0
UNION ALL
SELECT DISTINCT LEAST(a, b) AS p, GREATEST(a, b) AS q, w FROM (
  SELECT * FROM (SELECT p AS a, q AS b, w FROM pair UNION ALL SELECT q, p, w FROM pair)
  WHERE NOT (exact OR top_k <= 0)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY a ORDER BY ROUND(w, 9) DESC, b) <= top_k);

DROP TABLE pair;

-- § Shared.
CREATE OR REPLACE TEMP TABLE sf AS
SELECT s.p, s.q, x.fid FROM share s JOIN kf x ON x.pid = s.p JOIN kf y ON y.pid = s.q AND y.fid = x.fid
WHERE max_shared <= 0
UNION ALL
SELECT s.p, s.q, x.fid FROM share s JOIN kf x ON x.pid = s.p JOIN kf y ON y.pid = s.q AND y.fid = x.fid
WHERE max_shared > 0
QUALIFY ROW_NUMBER() OVER (PARTITION BY s.p, s.q ORDER BY x.df, x.fid) <= max_shared;

-- (One table for all pairs: the DuckDB file fills shared a quarter of
-- the pairs at a time to bound its memory.)
CREATE OR REPLACE TEMP TABLE shared AS
SELECT sf.p, sf.q, ARRAY_AGG(d.f ORDER BY sf.fid) AS shared
FROM sf JOIN fdf d USING (fid) GROUP BY sf.p, sf.q;

DROP TABLE sf;
DROP TABLE kf;

-- § Mentions edges.
CREATE OR REPLACE TEMP TABLE mention_ev AS
SELECT m.paper, m.entity, m.rule || ': ' || pg_quote(m.surface) || ' @' || CAST(m.start AS STRING) || pg_where(m.source) AS ev, MIN(m.ord) AS o
FROM ment m JOIN art3 a USING (entity) WHERE NOT a.folded GROUP BY 1, 2, 3;

CREATE OR REPLACE TEMP TABLE mention AS
SELECT paper, entity, STRING_AGG(ev, '; ' ORDER BY o) AS evidence FROM mention_ev GROUP BY paper, entity;

-- § Nodes.
CREATE OR REPLACE TEMP TABLE intro AS
SELECT introducer AS paper, ARRAY_AGG(DISTINCT name ORDER BY name) AS introduces,
       ARRAY_AGG(IF(LOWER(name) = LOWER(pname), name, NULL) IGNORE NULLS ORDER BY seen DESC LIMIT 1)[SAFE_OFFSET(0)] AS named
FROM (SELECT a.*, b.name AS pname FROM art3 a JOIN batch b ON b.paper = a.introducer WHERE a.folded)
GROUP BY introducer;

CREATE OR REPLACE TEMP TABLE node AS
SELECT p.paper AS id, 'paper' AS kind,
  IFNULL(NULLIF(IFNULL(i.named, CASE WHEN p.name <> '' THEN p.name ELSE pg_short(p.title) END), ''), p.paper) AS label,
  p.title, pg_paper_url(p.arxiv, p.doi, p.url) AS url, p.arxiv, p.doi, p.authors, p.year,
  '' AS family, IFNULL(i.introduces, ARRAY<STRING>[]) AS introduces, p.external,
  CASE WHEN p.external THEN (SELECT COUNT(*) FROM cite c WHERE c.target = p.paper) ELSE 0 END AS papers,
  p.promises_code AND NOT p.external AS promises_code
FROM paper p LEFT JOIN intro i USING (paper)
UNION ALL
SELECT e.node, 'paper', IFNULL(NULLIF(pg_short(t.title), ''), e.kname || ':' || e.id), IFNULL(t.title, ''),
  CASE e.kname WHEN 'arxiv' THEN 'https://arxiv.org/abs/' WHEN 'doi' THEN 'https://doi.org/'
               WHEN 'openalex' THEN 'https://openalex.org/' ELSE 'https://www.semanticscholar.org/paper/' END || e.id,
  CASE WHEN e.kname = 'arxiv' THEN e.id ELSE '' END, CASE WHEN e.kname = 'doi' THEN e.id ELSE '' END,
  ARRAY<STRING>[], 0, '', ARRAY<STRING>[], TRUE, e.papers, FALSE
FROM ext e LEFT JOIN (
  SELECT kname, id, ARRAY_AGG(title ORDER BY c DESC, title LIMIT 1)[OFFSET(0)] AS title FROM (
    SELECT kname, id, pg_fields(title) AS title, COUNT(*) AS c FROM refcand WHERE NOT resolved AND title <> '' GROUP BY 1, 2, 3)
  GROUP BY kname, id) t USING (kname, id)
WHERE e.standin IS NULL
UNION ALL
SELECT entity, kind, name, name, pg_artifact_url(kind, name), '', '', ARRAY<STRING>[], 0, family, ARRAY<STRING>[], FALSE, df, FALSE
FROM art3 WHERE NOT folded;

CREATE OR REPLACE TABLE pg.nodes AS
SELECT n.*, IFNULL(cap > 0 AND d.df > cap, FALSE) AS left_out
FROM node n LEFT JOIN fdf d ON d.f = n.id AND NOT d.fam;

-- § Edges.
CREATE OR REPLACE TABLE pg.edges AS
SELECT paper AS source, entity AS target, 'mentions' AS relation, CAST(1.0 AS FLOAT64) AS weight, evidence, ARRAY<STRING>[] AS shared FROM mention
UNION ALL
SELECT paper, target, 'cites', 1.0, evidence, ARRAY<STRING>[] FROM cite
UNION ALL
SELECT a.paper, b.paper, 'shares', ROUND(s.w, 4), '', IFNULL(sh.shared, ARRAY<STRING>[])
FROM share s JOIN batch a ON a.pid = s.p JOIN batch b ON b.pid = s.q LEFT JOIN shared sh USING (p, q);
