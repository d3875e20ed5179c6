-- papergraph's projection for Spark SQL: docs/sql/duckdb/graph.sql
-- respelled statement by statement with the table in docs/sql/README.md
-- (same statements, same names, same order). The why of each step is in
-- the DuckDB file and docs/projection.md (the § numbers below); this file
-- is parsed by sqlglot in its dialect in the tests, not run: no Spark
-- runs where it is tested.
--
-- Input:  the tables of `papergraph extract -format parquet -o TABLES`.
-- Output: the tables nodes and edges of the current database, as
--         Parquet files in the directories OUT/nodes and OUT/edges (merge
--         each into one file, sorted, for `papergraph export`, as the
--         README shows).
--
-- Variables, all given to spark-sql (-d name=value, Spark 3.5 or later);
-- there are no defaults here, build's are shown:
--   tables, out  directories (required)
--   top_k=10 max_df=0 pair_budget=67108864 exact=false min_cocite=2
--   max_shared=8 split=false
--
-- The DuckDB macros (pg_fields, pg_cut, pg_short, pg_quote, pg_where,
-- pg_word, pg_paper_url, pg_artifact_url) are written out where they are
-- used: Spark SQL has no SQL functions of its own. String literals escape
-- backslashes (Spark reads '\\s' as \s).

-- Views that later ones read more than once are cached (CACHE TABLE);
-- rec must be, since its rid (monotonically_increasing_id) is computed
-- once there.

-- § Merge (see the DuckDB file for how records are linked and ranked).
CREATE OR REPLACE TEMP VIEW again AS
SELECT paper, record FROM parquet.`${tables}/papers-*.parquet` GROUP BY paper, record HAVING count(*) > 1;

CREATE OR REPLACE TEMP VIEW rec AS
WITH later AS (
  SELECT filename, file_row_number FROM (
    SELECT r._metadata.file_path AS filename, r._metadata.row_index AS file_row_number,
           row_number() OVER (PARTITION BY r.paper, r.record ORDER BY r.input, r.line, r.number, r._metadata.file_path, r._metadata.row_index) AS k
    FROM parquet.`${tables}/papers-*.parquet` r
    LEFT SEMI JOIN again a ON a.paper = r.paper AND a.record = r.record)
  WHERE k > 1)
SELECT r.paper, r.record, r.id, r.title, r.year, r.arxiv, r.doi, r.openalex, r.s2, r.url, r.authors, r.name, r.external,
       r.promises_code, r.input, r.line, r.number, r.merge_arxiv, r.merge_doi, r.merge_openalex, r.merge_s2, r.merge_title,
       r.slug, r.richness, r.priority, r.chars, r.author_keys, monotonically_increasing_id() AS rid
FROM (SELECT *, _metadata.file_path AS filename, _metadata.row_index AS file_row_number FROM parquet.`${tables}/papers-*.parquet`) r
LEFT ANTI JOIN later l ON l.filename = r.filename AND l.file_row_number = r.file_row_number;

CACHE TABLE rec;

CREATE OR REPLACE TEMP VIEW rrank AS
SELECT rid, CAST(row_number() OVER (ORDER BY richness DESC, priority DESC, record, paper) AS INT) AS rk FROM rec;

CREATE OR REPLACE TEMP VIEW mkey AS
WITH k AS (
  SELECT rid, 'arxiv ' || merge_arxiv AS k FROM rec WHERE merge_arxiv <> ''
  UNION ALL SELECT rid, 'doi ' || merge_doi FROM rec WHERE merge_doi <> ''
  UNION ALL SELECT rid, 'openalex ' || merge_openalex FROM rec WHERE merge_openalex <> ''
  UNION ALL SELECT rid, 's2 ' || merge_s2 FROM rec WHERE merge_s2 <> ''
  UNION ALL SELECT rid, 'title ' || merge_title FROM rec WHERE merge_title <> '')
SELECT * FROM k WHERE k IN (SELECT k FROM k GROUP BY k HAVING count(*) > 1);

-- Connected sets: the DuckDB file's first labels and its four rounds
-- (pg_merge_round), one CTE each, as one view (a Spark view cannot be
-- replaced by a query that reads it).
CREATE OR REPLACE TEMP VIEW comp AS
WITH c0 AS (SELECT DISTINCT rid, rid AS c FROM mkey),
k1 AS (SELECT m.k, min(c.c) AS c FROM mkey m JOIN c0 c USING (rid) GROUP BY m.k),
r1 AS (SELECT m.rid, min(kc.c) AS c FROM mkey m JOIN k1 kc USING (k) GROUP BY m.rid),
c1 AS (SELECT a.rid, b.c FROM r1 a JOIN r1 b ON b.rid = a.c),
k2 AS (SELECT m.k, min(c.c) AS c FROM mkey m JOIN c1 c USING (rid) GROUP BY m.k),
r2 AS (SELECT m.rid, min(kc.c) AS c FROM mkey m JOIN k2 kc USING (k) GROUP BY m.rid),
c2 AS (SELECT a.rid, b.c FROM r2 a JOIN r2 b ON b.rid = a.c),
k3 AS (SELECT m.k, min(c.c) AS c FROM mkey m JOIN c2 c USING (rid) GROUP BY m.k),
r3 AS (SELECT m.rid, min(kc.c) AS c FROM mkey m JOIN k3 kc USING (k) GROUP BY m.rid),
c3 AS (SELECT a.rid, b.c FROM r3 a JOIN r3 b ON b.rid = a.c),
k4 AS (SELECT m.k, min(c.c) AS c FROM mkey m JOIN c3 c USING (rid) GROUP BY m.k),
r4 AS (SELECT m.rid, min(kc.c) AS c FROM mkey m JOIN k4 kc USING (k) GROUP BY m.rid)
SELECT a.rid, b.c FROM r4 a JOIN r4 b ON b.rid = a.c;

CACHE TABLE comp;

SELECT CASE WHEN EXISTS (
  SELECT 1 FROM (
    SELECT a.rid, b.c FROM
      (SELECT m.rid, min(kc.c) AS c FROM mkey m JOIN (SELECT m.k, min(c.c) AS c FROM mkey m JOIN comp c USING (rid) GROUP BY m.k) kc USING (k) GROUP BY m.rid) a
    JOIN
      (SELECT m.rid, min(kc.c) AS c FROM mkey m JOIN (SELECT m.k, min(c.c) AS c FROM mkey m JOIN comp c USING (rid) GROUP BY m.k) kc USING (k) GROUP BY m.rid) b
    ON b.rid = a.c) n
  JOIN comp c USING (rid) WHERE n.c <> c.c)
  THEN raise_error('merge: a chain of records longer than graph.sql follows: add rounds') END;

CREATE OR REPLACE TEMP VIEW rg AS
WITH ok AS (
  SELECT c.c FROM comp c JOIN rec r USING (rid) GROUP BY c.c
  HAVING count(DISTINCT r.merge_arxiv) FILTER (WHERE r.merge_arxiv <> '') <= 1
     AND count(DISTINCT r.merge_doi) FILTER (WHERE r.merge_doi <> '') <= 1),
g AS (
  SELECT r.rid, coalesce('c' || ok.c, 'k' || r.paper) AS g
  FROM rec r LEFT JOIN comp c USING (rid) LEFT JOIN ok ON ok.c = c.c)
SELECT rid, g FROM g WHERE g IN (SELECT g FROM g GROUP BY g HAVING count(*) > 1);

CREATE OR REPLACE TEMP VIEW rp AS
WITH f AS (
  SELECT rg.g,
    min_by(r.arxiv, k.rk) FILTER (WHERE r.arxiv <> '') AS arxiv, min_by(r.doi, k.rk) FILTER (WHERE r.doi <> '') AS doi,
    min_by(r.slug, k.rk) FILTER (WHERE r.title <> '') AS slug, min_by(r.openalex, k.rk) FILTER (WHERE r.openalex <> '') AS openalex,
    min_by(r.s2, k.rk) FILTER (WHERE r.s2 <> '') AS s2, min_by(r.id, k.rk) FILTER (WHERE r.id <> '') AS id
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

CREATE OR REPLACE TEMP VIEW prec AS
WITH p AS (SELECT paper, count(*) AS records, min(rk) AS top FROM rp GROUP BY paper)
SELECT r.record, r.id, r.title, r.year, r.arxiv, r.doi, r.openalex, r.s2, r.url, r.authors, r.name, r.external,
       r.promises_code, r.input, r.line, r.number, r.merge_arxiv, r.merge_doi, r.merge_openalex, r.merge_s2, r.merge_title,
       r.slug, r.richness, r.priority, r.chars, r.author_keys, r.rid,
       r.paper AS rkey, p.paper, rp.rk, rp.rk = p.top AS top, p.records
FROM rec r JOIN rp USING (rid) JOIN p ON p.paper = rp.paper;

CACHE TABLE prec;

CREATE OR REPLACE TEMP VIEW pm AS
SELECT paper, rk, top, title, arxiv, doi, openalex, s2, url, year, external, chars, rkey, record, name, promises_code, authors, author_keys
FROM prec WHERE records > 1;

CREATE OR REPLACE TEMP VIEW pf AS
SELECT paper,
  coalesce(min_by(title, rk) FILTER (WHERE title <> ''), '') AS title,
  coalesce(min_by(arxiv, rk) FILTER (WHERE arxiv <> ''), '') AS arxiv,
  coalesce(min_by(doi, rk) FILTER (WHERE doi <> ''), '') AS doi,
  coalesce(min_by(openalex, rk) FILTER (WHERE openalex <> ''), '') AS openalex,
  coalesce(min_by(s2, rk) FILTER (WHERE s2 <> ''), '') AS s2,
  coalesce(min_by(url, rk) FILTER (WHERE url <> ''), '') AS url,
  coalesce(min_by(year, rk) FILTER (WHERE year <> 0), 0) AS year,
  bool_and(external) AS external,
  min((2147483647 - chars) * 4294967296 + rk) % 4294967296 AS best
FROM pm GROUP BY paper;

-- Authors (i counts from 1, as in the DuckDB file).
CREATE OR REPLACE TEMP VIEW pa AS
WITH a AS (
  SELECT m.paper, m.top, t.i0 + 1 AS i, t.name, m.author_keys[t.i0] AS key, CAST(m.rk AS BIGINT) * 4294967296 + t.i0 + 1 AS pos
  FROM pm m LATERAL VIEW posexplode(m.authors) t AS i0, name),
t AS (SELECT paper, key, max(i) FILTER (WHERE top) AS last1, min(pos) AS first_pos FROM a GROUP BY paper, key)
SELECT a.*, CASE WHEN t.last1 IS NOT NULL THEN a.top AND a.i = t.last1 ELSE a.pos = t.first_pos END AS target
FROM a JOIN t USING (paper, key);

CREATE OR REPLACE TEMP VIEW pau AS
WITH sp AS (
  SELECT paper, key, min_by(name, struct(-octet_length(name), NOT target, pos)) AS name
  FROM pa WHERE target OR NOT top GROUP BY paper, key)
SELECT e.paper, transform(array_sort(collect_list(struct(e.pos AS pos, CASE WHEN e.target THEN sp.name ELSE e.name END AS name))), x -> x.name) AS authors
FROM pa e JOIN sp USING (paper, key) WHERE e.top OR e.target GROUP BY e.paper;

CREATE OR REPLACE TEMP VIEW pb AS
SELECT f.paper, f.title, f.arxiv, f.doi, f.openalex, f.s2, f.url, f.year, f.external, b.rkey, b.record, b.name, b.promises_code
FROM pf f JOIN pm b ON b.rk = f.best;

CREATE OR REPLACE TEMP VIEW paper AS
SELECT paper, title, arxiv, doi, openalex, s2, url, year, external, rkey, record, name, promises_code, authors
FROM prec WHERE records = 1
UNION ALL
SELECT b.*, coalesce(au.authors, CAST(array() AS ARRAY<STRING>)) FROM pb b LEFT JOIN pau au USING (paper);

CACHE TABLE paper;

-- (Views still read by later views are not dropped in Spark: a temporary
-- view is a query, and dropping it breaks those that read it; the
-- DuckDB file's DROPs become UNCACHE, which frees what is cached.)
UNCACHE TABLE IF EXISTS rec;
UNCACHE TABLE IF EXISTS rrank;
UNCACHE TABLE IF EXISTS mkey;
UNCACHE TABLE IF EXISTS comp;
UNCACHE TABLE IF EXISTS rg;
UNCACHE TABLE IF EXISTS rp;
UNCACHE TABLE IF EXISTS pm;
UNCACHE TABLE IF EXISTS pf;
UNCACHE TABLE IF EXISTS pa;
UNCACHE TABLE IF EXISTS pau;
UNCACHE TABLE IF EXISTS pb;

CREATE OR REPLACE TEMP VIEW batch AS
SELECT paper, rkey, record, name, CAST(row_number() OVER (ORDER BY paper) AS INT) AS pid FROM paper WHERE NOT external;

CACHE TABLE batch;

CREATE OR REPLACE TEMP VIEW n AS SELECT count(*) AS n FROM batch;

CREATE OR REPLACE TEMP VIEW ment AS
WITH a AS (
  SELECT rkey, record FROM batch WHERE rkey IN (SELECT rkey FROM batch GROUP BY rkey HAVING count(*) > 1)
  UNION SELECT paper, record FROM again),
j AS (
  SELECT b.paper, m.record, m.ord, m.entity, m.kind, m.name, m.surface, m.start, m.`end`, m.rule, m.cue, m.introduced,
         m.family, m.source, m.paper AS rkey
  FROM parquet.`${tables}/mentions-*.parquet` m
  JOIN batch b ON m.paper = b.rkey AND m.record = b.record)
SELECT j.* FROM j LEFT ANTI JOIN a ON j.rkey = a.rkey AND j.record = a.record
UNION ALL
SELECT paper, record, ord, entity, kind, name, surface, start, `end`, rule, cue, introduced, family, source, rkey FROM (
  SELECT j.*, row_number() OVER (PARTITION BY j.rkey, j.ord ORDER BY j.paper) AS k
  FROM j LEFT SEMI JOIN a ON j.rkey = a.rkey AND j.record = a.record)
WHERE k = 1;

CACHE TABLE ment;

UNCACHE TABLE IF EXISTS again;

-- § Artifacts.
CREATE OR REPLACE TEMP VIEW ape AS
SELECT entity, paper, any_value(kind) AS kind, bool_or(introduced) AS introduced, min(ord) AS ord FROM ment GROUP BY entity, paper;

CREATE OR REPLACE TEMP VIEW aname AS
WITH c AS (SELECT entity, name, count(*) AS c FROM ment GROUP BY entity, name)
SELECT entity, min(name) AS name FROM c JOIN (SELECT entity, max(c) AS c FROM c GROUP BY entity) USING (entity, c) GROUP BY entity;

CREATE OR REPLACE TEMP VIEW afam AS
WITH c AS (SELECT entity, family, count(*) AS c FROM ment WHERE family <> '' GROUP BY entity, family)
SELECT entity, min(family) AS family FROM c JOIN (SELECT entity, max(c) AS c FROM c GROUP BY entity) USING (entity, c) GROUP BY entity;

CREATE OR REPLACE TEMP VIEW art AS
WITH b AS (
  SELECT entity, any_value(kind) AS kind, CAST(count(*) AS INT) AS df,
         CASE WHEN count(*) FILTER (WHERE introduced) = 1 THEN min(paper) FILTER (WHERE introduced) END AS introducer,
         min(paper) AS p0, min_by(ord, paper) AS o0
  FROM ape GROUP BY entity)
SELECT b.entity, b.kind, b.df, b.introducer, n.name, coalesce(f.family, '') AS family,
       row_number() OVER (ORDER BY b.p0, b.o0) AS seen
FROM b JOIN aname n USING (entity) LEFT JOIN afam f USING (entity);

CACHE TABLE art;

UNCACHE TABLE IF EXISTS ape;
UNCACHE TABLE IF EXISTS aname;
UNCACHE TABLE IF EXISTS afam;

-- § Citations by artifact.
CREATE OR REPLACE TEMP VIEW namecite AS
SELECT m.paper, a.introducer AS target, a.entity, a.seen, m.ord,
       'names ' || a.entity || ' introduced by it (' || m.rule || ': "'
         || replace(replace(replace(replace(replace(m.surface, '\\', '\\\\'), '"', '\\"'), char(10), '\\n'), char(13), '\\r'), char(9), '\\t')
         || '" @' || m.start || CASE WHEN m.source = '' OR m.source = 'abstract' THEN '' ELSE ' in ' || m.source END || ')' AS ev
FROM ment m JOIN art a USING (entity)
WHERE a.introducer IS NOT NULL AND m.paper <> a.introducer AND NOT m.introduced
  AND (octet_length(m.name) >= 6 OR EXISTS (
    SELECT 1 FROM ment o WHERE o.paper = a.introducer AND o.entity = a.entity AND o.introduced AND o.name = m.name));

CACHE TABLE namecite;

-- § Folding.
CREATE OR REPLACE TEMP VIEW art2 AS
SELECT a.*,
  (NOT ${split} AND a.introducer IS NOT NULL AND NOT EXISTS (
     SELECT 1 FROM ment m WHERE m.entity = a.entity AND m.paper <> a.introducer
       AND NOT EXISTS (SELECT 1 FROM namecite c WHERE c.paper = m.paper AND c.entity = m.entity AND c.ord = m.ord))) AS folded
FROM art a;

-- § Families.
CREATE OR REPLACE TEMP VIEW art3 AS
WITH f0 AS (SELECT *, CASE WHEN family <> '' AND NOT folded THEN kind || ':' || lower(trim(family)) END AS fam0 FROM art2)
SELECT f0.entity, f0.kind, f0.df, f0.introducer, f0.name, f0.family, f0.seen, f0.folded,
  coalesce(fam0, CASE WHEN NOT folded AND entity IN (SELECT fam0 FROM f0 WHERE fam0 IS NOT NULL) THEN entity END) AS fam
FROM f0;

CACHE TABLE art3;

-- § Citations by name.
CREATE OR REPLACE TEMP VIEW dict AS
WITH n AS (
  SELECT paper, ord, name, artifact, fold, key, anchor, canchor FROM (
    SELECT b.paper, n.ord, n.name, n.artifact, n.fold, n.key, n.anchor, n.canchor,
           row_number() OVER (PARTITION BY b.paper, n.name ORDER BY n.ord) AS k
    FROM parquet.`${tables}/names-*.parquet` n
    JOIN batch b ON n.paper = b.rkey AND n.record = b.record
    WHERE n.match AND (n.artifact = '' OR split_part(n.artifact, ':', 1) IN ('dataset', 'benchmark', 'model')))
  WHERE k = 1)
SELECT * FROM n WHERE lower(name) IN (SELECT lower(name) FROM n GROUP BY 1 HAVING count(DISTINCT paper) = 1);

-- (pg_word(c), written out: c <> '' AND NOT c rlike '^[\\x00-...]$'.)
CREATE OR REPLACE TEMP VIEW named AS
WITH c AS (
  SELECT DISTINCT b.paper, w.paper AS rkey, w.record, w.source, w.start - d.anchor AS start, w.cstart - d.canchor AS cstart,
         d.paper AS target, d.name, d.fold, d.artifact, d.ord
  FROM parquet.`${tables}/words-*.parquet` w
  JOIN batch b ON w.paper = b.rkey AND w.record = b.record
  JOIN dict d ON d.key = w.key AND d.paper <> b.paper AND w.start >= d.anchor),
t AS (
  SELECT c.*, substring(x.text, c.cstart + 1, char_length(c.name)) AS surface,
         substring(x.text, c.cstart - 1, 1) AS b2, substring(x.text, c.cstart, 1) AS b1,
         substring(x.text, c.cstart + 1 + char_length(c.name), 1) AS a1, substring(x.text, c.cstart + 2 + char_length(c.name), 1) AS a2
  FROM c JOIN (SELECT DISTINCT * FROM parquet.`${tables}/texts-*.parquet`) x
    ON x.paper = c.rkey AND x.record = c.record AND x.source = c.source),
m AS (
  SELECT * FROM t
  WHERE (surface = name OR fold AND lower(surface) = lower(name))
    AND (cstart = 0
         OR NOT (b1 <> '' AND NOT b1 rlike '^[\\x00-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]$')
            AND NOT (b1 = '-' AND cstart >= 2 AND b2 <> '' AND NOT b2 rlike '^[\\x00-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]$'))
    AND NOT (a1 <> '' AND NOT a1 rlike '^[\\x00-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]$')
    AND NOT (a1 = '.' AND a2 <> '' AND NOT a2 rlike '^[\\x00-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]$')
    AND NOT (a1 = '-' AND a2 rlike '^[0-9A-Z]$')
    AND NOT (source = 'abstract' AND artifact <> '' AND EXISTS (
      SELECT 1 FROM ment e WHERE e.paper = t.paper AND e.start = t.start AND e.source IN ('', 'abstract') AND e.entity = t.artifact))),
spelled AS (
  SELECT paper, entity, lower(name) AS low, min_by(name, ord) AS name FROM ment WHERE introduced GROUP BY paper, entity, lower(name)),
q AS (
  SELECT m.*, CASE WHEN m.artifact = '' THEN CASE WHEN lower(o.name) = lower(m.surface) THEN o.name ELSE m.surface END
                   ELSE coalesce(s.name, m.surface) END AS said
  FROM m JOIN batch o ON o.paper = m.target
  LEFT JOIN spelled s ON s.paper = m.target AND s.entity = m.artifact AND s.low = lower(m.surface))
SELECT paper, target,
  'names "' || replace(replace(replace(replace(replace(said, '\\', '\\\\'), '"', '\\"'), char(10), '\\n'), char(13), '\\r'), char(9), '\\t')
    || '" @' || start
    || CASE WHEN source = 'title' THEN ' in title' ELSE '' END
    || ' (' || CASE WHEN artifact = '' THEN 'system name of ' ELSE artifact || ' introduced by ' END || target || ')' AS ev,
  2000000000000000 + CASE WHEN source = 'abstract' THEN 100000000000000 ELSE 0 END + CAST(start AS BIGINT) * 1000
    + row_number() OVER (PARTITION BY paper, source, start ORDER BY lower(name), ord) AS o
FROM q;

CACHE TABLE named;

-- § Citations by identifier.
CREATE OR REPLACE TEMP VIEW ids AS
SELECT kind, id, min(paper) AS paper FROM (
  SELECT 0 AS kind, arxiv AS id, paper FROM paper WHERE arxiv <> ''
  UNION ALL SELECT 1, lower(doi), paper FROM paper WHERE doi <> ''
  UNION ALL SELECT 2, openalex, paper FROM paper WHERE openalex <> ''
  UNION ALL SELECT 3, s2, paper FROM paper WHERE s2 <> '')
GROUP BY kind, id;

CACHE TABLE ids;

-- (refids is 0-based here: refids[k] is the DuckDB file's refids[k + 1].)
CREATE OR REPLACE TEMP VIEW ref AS
WITH r0 AS (
  SELECT * FROM (
    SELECT p.paper, p.rk, p.top, r.ord, r.text, r.arxiv, r.doi, r.openalex, r.s2, r.title, r.surface, r.start, r.source,
           CASE WHEN r.arxiv <> '' THEN 'arxiv:' || r.arxiv WHEN r.doi <> '' THEN 'doi:' || lower(r.doi)
                WHEN r.openalex <> '' THEN 'openalex:' || r.openalex WHEN r.s2 <> '' THEN 's2:' || r.s2 END AS rkey,
           row_number() OVER (PARTITION BY p.paper, p.rk, r.ord ORDER BY r.record) AS k
    FROM parquet.`${tables}/refs-*.parquet` r
    JOIN prec p ON r.paper = p.rkey AND r.record = p.record
    JOIN batch b ON b.paper = p.paper
    WHERE (NOT r.text OR p.record = b.record AND p.rkey = b.rkey))
  WHERE k = 1),
r AS (
  SELECT paper, ord, refids, title, surface, start, source FROM (
    SELECT r0.paper, CAST(row_number() OVER (PARTITION BY r0.paper ORDER BY r0.text, r0.rk, r0.ord) AS INT) AS ord,
           array(r0.arxiv, lower(r0.doi), r0.openalex, r0.s2) AS refids, r0.title, r0.surface, r0.start, r0.source,
           r0.top, r0.text, row_number() OVER (PARTITION BY r0.paper, r0.rkey ORDER BY r0.text, r0.rk, r0.ord) AS k
    FROM r0 JOIN paper p USING (paper)
    WHERE r0.rkey IS NOT NULL AND NOT (r0.text AND (r0.arxiv <> '' AND r0.arxiv = p.arxiv OR r0.doi <> '' AND r0.doi = p.doi)))
  WHERE top AND NOT text OR k = 1),
hit AS (
  SELECT r.paper, r.ord, min(i.kind) AS kind FROM r CROSS JOIN (SELECT explode(sequence(0, 3)) AS k) k
  JOIN ids i ON i.kind = k.k AND i.id = r.refids[k.k]
  WHERE r.refids[k.k] <> '' GROUP BY r.paper, r.ord)
SELECT r.*, h.kind IS NOT NULL AS resolved,
  coalesce(h.kind, CASE WHEN r.refids[0] <> '' THEN 0 WHEN r.refids[1] <> '' THEN 1 WHEN r.refids[2] <> '' THEN 2 WHEN r.refids[3] <> '' THEN 3 END) AS kind
FROM r LEFT JOIN hit h USING (paper, ord);

CACHE TABLE ref;

UNCACHE TABLE IF EXISTS prec;

CREATE OR REPLACE TEMP VIEW refcand AS
SELECT r.paper, r.ord, r.resolved, r.kind, array('arxiv', 'doi', 'openalex', 's2')[r.kind] AS kname, r.refids[r.kind] AS id,
       r.title, r.surface, r.start, r.source, i.paper AS target
FROM ref r LEFT JOIN ids i ON r.resolved AND i.kind = r.kind AND i.id = r.refids[r.kind]
WHERE r.kind IS NOT NULL AND (r.resolved OR ${min_cocite} > 0);

-- § Outside works.
CREATE OR REPLACE TEMP VIEW ext AS
WITH w AS (
  SELECT kname, id, CAST(count(DISTINCT paper) AS INT) AS papers,
         CASE kname WHEN 'arxiv' THEN 'paper:' || id WHEN 'doi' THEN 'paper:doi:' || id ELSE 'paper:' || kname || ':' || id END AS node
  FROM refcand WHERE NOT resolved GROUP BY kname, id HAVING count(DISTINCT paper) >= ${min_cocite})
SELECT w.*, p.paper AS standin FROM w LEFT JOIN paper p ON p.paper = w.node;

-- § Citations.
CREATE OR REPLACE TEMP VIEW cite_ev AS
WITH c AS (
  SELECT r.paper, coalesce(r.target, e.standin, e.node) AS target,
         'ref ' || r.kname || ':' || r.id
           || CASE WHEN r.surface <> '' THEN ' "' || replace(replace(replace(replace(replace(r.surface, '\\', '\\\\'), '"', '\\"'), char(10), '\\n'), char(13), '\\r'), char(9), '\\t') || '" @' || r.start ELSE '' END
           || CASE WHEN r.source = '' OR r.source = 'abstract' THEN '' ELSE ' in ' || r.source END AS ev,
         CAST(r.ord AS BIGINT) * 1000000 AS o
  FROM refcand r LEFT JOIN ext e ON NOT r.resolved AND e.kname = r.kname AND e.id = r.id
  WHERE r.resolved OR e.node IS NOT NULL
  UNION ALL
  SELECT paper, target, ev, 1000000000000000 + seen * 1000000 + ord FROM namecite
  UNION ALL
  SELECT paper, target, ev, o FROM named)
SELECT paper, target, ev, min(o) AS o FROM c WHERE target <> paper GROUP BY paper, target, ev;

CREATE OR REPLACE TEMP VIEW cite AS
SELECT paper, target, array_join(transform(array_sort(collect_list(struct(o, ev))), s -> s.ev), '; ') AS evidence
FROM cite_ev GROUP BY paper, target;

CACHE TABLE cite;

UNCACHE TABLE IF EXISTS cite_ev;
UNCACHE TABLE IF EXISTS namecite;
UNCACHE TABLE IF EXISTS named;

-- § Projection features.
CREATE OR REPLACE TEMP VIEW feat0 AS
SELECT DISTINCT paper, f, fam FROM (
  SELECT m.paper, CASE WHEN a.folded THEN a.introducer ELSE a.entity END AS f, false AS fam
  FROM (SELECT DISTINCT paper, entity FROM ment) m JOIN art3 a USING (entity)
  WHERE NOT (a.folded AND a.introducer = m.paper)
  UNION ALL
  SELECT m.paper, 'family:' || a.fam, true
  FROM (SELECT DISTINCT paper, entity FROM ment) m JOIN art3 a USING (entity) WHERE a.fam IS NOT NULL
  UNION ALL
  SELECT paper, target, false FROM cite);

CACHE TABLE feat0;

CREATE OR REPLACE TEMP VIEW fdf AS
SELECT *, CAST(row_number() OVER (ORDER BY fam, f) AS INT) AS fid FROM (SELECT f, fam, CAST(count(*) AS INT) AS df FROM feat0 GROUP BY f, fam);

CACHE TABLE fdf;

-- § The cap.
CREATE OR REPLACE TEMP VIEW cap0 AS SELECT CASE
  WHEN ${exact} THEN 0
  WHEN ${max_df} = 0 THEN CAST(greatest(100, ceil(0.01 * (SELECT n FROM n))) AS BIGINT)
  WHEN ${max_df} > 0 AND ${max_df} < 1 THEN CAST(greatest(1, floor(${max_df} * (SELECT n FROM n))) AS BIGINT)
  WHEN ${max_df} >= 1 THEN CAST(${max_df} AS BIGINT)
  ELSE 0 END AS cap0;

CREATE OR REPLACE TEMP VIEW cap AS SELECT CASE
  WHEN (SELECT cap0 FROM cap0) > 0 AND ${max_df} = 0 AND ${pair_budget} > 0 THEN coalesce((
    SELECT min(df) - 1 FROM (
      SELECT df, sum(count(*) * df * (df - 1)) OVER (ORDER BY df) AS work FROM fdf
      WHERE df >= 2 AND df <= (SELECT cap0 FROM cap0) GROUP BY df)
    WHERE work > ${pair_budget}), (SELECT cap0 FROM cap0))
  ELSE (SELECT cap0 FROM cap0) END AS cap;

-- § Weights.
CREATE OR REPLACE TEMP VIEW kf AS
SELECT b.pid, d.fid, d.df, ln(1 + (SELECT n FROM n) / d.df) * CASE WHEN d.fam THEN 0.5 ELSE 1 END AS w
FROM feat0 x JOIN fdf d USING (f, fam) JOIN batch b USING (paper)
WHERE d.df >= 2 AND ((SELECT cap FROM cap) = 0 OR d.df <= (SELECT cap FROM cap));

CACHE TABLE kf;

UNCACHE TABLE IF EXISTS feat0;

-- § Shares.
CREATE OR REPLACE TEMP VIEW pair AS
SELECT x.pid AS p, y.pid AS q, sum(x.w) AS w FROM kf x JOIN kf y ON x.fid = y.fid AND x.pid < y.pid GROUP BY x.pid, y.pid;

CACHE TABLE pair;

CREATE OR REPLACE TEMP VIEW share AS
SELECT * FROM pair WHERE ${exact} OR ${top_k} <= 0
UNION ALL
SELECT DISTINCT least(a, b) AS p, greatest(a, b) AS q, w FROM (
  SELECT a, b, w, row_number() OVER (PARTITION BY a ORDER BY round(w, 9) DESC, b) AS r FROM (
    SELECT p AS a, q AS b, w FROM pair UNION ALL SELECT q, p, w FROM pair))
WHERE NOT (${exact} OR ${top_k} <= 0) AND r <= ${top_k};

CACHE TABLE share;

UNCACHE TABLE IF EXISTS pair;

-- § Shared.
CREATE OR REPLACE TEMP VIEW sf AS
SELECT s.p, s.q, x.fid FROM share s JOIN kf x ON x.pid = s.p JOIN kf y ON y.pid = s.q AND y.fid = x.fid
WHERE ${max_shared} <= 0
UNION ALL
SELECT p, q, fid FROM (
  SELECT s.p, s.q, x.fid, row_number() OVER (PARTITION BY s.p, s.q ORDER BY x.df, x.fid) AS r
  FROM share s JOIN kf x ON x.pid = s.p JOIN kf y ON y.pid = s.q AND y.fid = x.fid
  WHERE ${max_shared} > 0)
WHERE r <= ${max_shared};

-- (One view for all pairs: the DuckDB file fills shared a quarter of
-- the pairs at a time to bound its memory; Spark spills by itself.)
CREATE OR REPLACE TEMP VIEW shared AS
SELECT sf.p, sf.q, transform(array_sort(collect_list(struct(sf.fid, d.f))), e -> e.f) AS shared
FROM sf JOIN fdf d USING (fid) GROUP BY sf.p, sf.q;

CACHE TABLE shared;

UNCACHE TABLE IF EXISTS sf;
UNCACHE TABLE IF EXISTS kf;

-- § Mentions edges.
CREATE OR REPLACE TEMP VIEW mention_ev AS
SELECT m.paper, m.entity,
  m.rule || ': "' || replace(replace(replace(replace(replace(m.surface, '\\', '\\\\'), '"', '\\"'), char(10), '\\n'), char(13), '\\r'), char(9), '\\t')
    || '" @' || m.start || CASE WHEN m.source = '' OR m.source = 'abstract' THEN '' ELSE ' in ' || m.source END AS ev,
  min(m.ord) AS o
FROM ment m JOIN art3 a USING (entity) WHERE NOT a.folded GROUP BY 1, 2, 3;

CREATE OR REPLACE TEMP VIEW mention AS
SELECT paper, entity, array_join(transform(array_sort(collect_list(struct(o, ev))), s -> s.ev), '; ') AS evidence
FROM mention_ev GROUP BY paper, entity;

-- § Nodes. (pg_short, pg_paper_url and pg_artifact_url written out;
-- f is pg_fields of the title.)
CREATE OR REPLACE TEMP VIEW intro AS
SELECT introducer AS paper, array_sort(array_distinct(collect_list(name))) AS introduces,
       max_by(name, seen) FILTER (WHERE lower(name) = lower(pname)) AS named
FROM (SELECT a.*, b.name AS pname FROM art3 a JOIN batch b ON b.paper = a.introducer WHERE a.folded)
GROUP BY introducer;

CREATE OR REPLACE TEMP VIEW node AS
WITH pt AS (
  SELECT p.*, regexp_replace(regexp_replace(p.title, '^[\\s\\v\\x{85}\\p{Z}]+|[\\s\\v\\x{85}\\p{Z}]+$', ''), '[\\s\\v\\x{85}\\p{Z}]+', ' ') AS f
  FROM paper p),
pc AS (SELECT pt.*, left(f, 39) AS f39, regexp_extract(left(f, 39), '^(.*) ', 1) AS f39cut FROM pt),
ps AS (
  SELECT pc.*, CASE WHEN char_length(f) <= 40 THEN f
                    ELSE trim(TRAILING ' ,.;:-' FROM CASE WHEN octet_length(f39cut) > octet_length(f39) div 2 THEN f39cut ELSE f39 END) || '…' END AS short
  FROM pc),
et AS (
  SELECT kname, id, min_by(title, struct(-c, title)) AS title FROM (
    SELECT kname, id, regexp_replace(regexp_replace(title, '^[\\s\\v\\x{85}\\p{Z}]+|[\\s\\v\\x{85}\\p{Z}]+$', ''), '[\\s\\v\\x{85}\\p{Z}]+', ' ') AS title,
           count(*) AS c
    FROM refcand WHERE NOT resolved AND title <> '' GROUP BY 1, 2, 3)
  GROUP BY kname, id),
ef AS (SELECT et.*, left(title, 39) AS f39, regexp_extract(left(title, 39), '^(.*) ', 1) AS f39cut FROM et),
es AS (
  SELECT ef.*, CASE WHEN char_length(title) <= 40 THEN title
                    ELSE trim(TRAILING ' ,.;:-' FROM CASE WHEN octet_length(f39cut) > octet_length(f39) div 2 THEN f39cut ELSE f39 END) || '…' END AS short
  FROM ef)
SELECT p.paper AS id, 'paper' AS kind,
  coalesce(nullif(coalesce(i.named, CASE WHEN p.name <> '' THEN p.name ELSE p.short END), ''), p.paper) AS label,
  p.title,
  CASE WHEN p.arxiv <> '' THEN 'https://arxiv.org/abs/' || p.arxiv
       WHEN p.doi <> '' THEN 'https://doi.org/' || p.doi
       WHEN lower(trim(p.url)) rlike '^https?://' AND NOT trim(p.url) rlike '[\\x00-\\x20\\x7f]' THEN trim(p.url)
       ELSE '' END AS url,
  p.arxiv, p.doi, p.authors, CAST(p.year AS INT) AS year,
  '' AS family, coalesce(i.introduces, CAST(array() AS ARRAY<STRING>)) AS introduces, p.external,
  CAST(CASE WHEN p.external THEN (SELECT count(*) FROM cite c WHERE c.target = p.paper) ELSE 0 END AS INT) AS papers,
  p.promises_code AND NOT p.external AS promises_code
FROM ps p LEFT JOIN intro i USING (paper)
UNION ALL
SELECT e.node, 'paper', coalesce(nullif(t.short, ''), e.kname || ':' || e.id), coalesce(t.title, ''),
  CASE e.kname WHEN 'arxiv' THEN 'https://arxiv.org/abs/' WHEN 'doi' THEN 'https://doi.org/'
               WHEN 'openalex' THEN 'https://openalex.org/' ELSE 'https://www.semanticscholar.org/paper/' END || e.id,
  CASE WHEN e.kname = 'arxiv' THEN e.id ELSE '' END, CASE WHEN e.kname = 'doi' THEN e.id ELSE '' END,
  CAST(array() AS ARRAY<STRING>), 0, '', CAST(array() AS ARRAY<STRING>), true, e.papers, false
FROM ext e LEFT JOIN es t USING (kname, id)
WHERE e.standin IS NULL
UNION ALL
SELECT entity, kind, name, name,
  CASE WHEN split_part(split_part(name, '/', 1), ':', 1) rlike '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$'
        AND NOT name rlike '[\\x00-\\x20\\x7f"\'<>`\\\\{}|^]'
        AND (kind IN ('repo', 'url') OR contains(name, '/'))
       THEN 'https://' || name ELSE '' END,
  '', '', CAST(array() AS ARRAY<STRING>), 0, family, CAST(array() AS ARRAY<STRING>), false, df, false
FROM art3 WHERE NOT folded;

CREATE TABLE nodes USING parquet LOCATION '${out}/nodes' AS
SELECT n.*, coalesce((SELECT cap FROM cap) > 0 AND d.df > (SELECT cap FROM cap), false) AS left_out
FROM node n LEFT JOIN fdf d ON d.f = n.id AND NOT d.fam
ORDER BY n.id;

-- § Edges.
CREATE TABLE edges USING parquet LOCATION '${out}/edges' AS
SELECT paper AS source, entity AS target, 'mentions' AS relation, CAST(1.0 AS DOUBLE) AS weight, evidence, CAST(array() AS ARRAY<STRING>) AS shared FROM mention
UNION ALL
SELECT paper, target, 'cites', 1.0, evidence, CAST(array() AS ARRAY<STRING>) FROM cite
UNION ALL
SELECT a.paper, b.paper, 'shares', round(s.w, 4), '', coalesce(sh.shared, CAST(array() AS ARRAY<STRING>))
FROM share s JOIN batch a ON a.pid = s.p JOIN batch b ON b.pid = s.q LEFT JOIN shared sh USING (p, q)
ORDER BY source, target, relation;
