package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/export/tables"
	"github.com/papergraph/papergraph/graph"
	"github.com/papergraph/papergraph/internal/npmci"
)

// The shipped projection (docs/sql/duckdb/graph.sql) runs in DuckDB from
// the npm package @duckdb/node-api (docs/sql/test: package.json, its
// lock and run.mjs), installed with npm ci into the user cache directory.
// Without node and npm the tests skip, except under CI=true, where that
// is a failure.

var duckdbInstall = sync.OnceValues(func() (string, error) {
	return npmci.Install(filepath.Join("..", "..", "docs", "sql", "test"), "papergraph-sql-test", "run.mjs")
})

// duckdb returns the run.mjs of an installed DuckDB, skipping the test
// when node or npm is missing (failing under CI=true).
func duckdb(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not found; CI must install it", tool)
			}
			t.Skipf("%s not found", tool)
		}
	}
	dir, err := duckdbInstall()
	require.NoError(t, err)
	return filepath.Join(dir, "run.mjs")
}

// runSQL runs a SQL file with DuckDB and the variables given.
func runSQL(t *testing.T, file string, vars ...string) {
	t.Helper()
	abs, err := filepath.Abs(file)
	require.NoError(t, err)
	out, err := exec.Command("node", append([]string{duckdb(t), abs}, vars...)...).CombinedOutput()
	require.NoError(t, err, "duckdb %s: %s", file, out)
}

// queryDuckDB returns the rows of a query, one JSON object each.
func queryDuckDB(t *testing.T, query string) []map[string]any {
	t.Helper()
	out, err := exec.Command("node", duckdb(t), "-query", query).Output()
	require.NoError(t, err, "duckdb %s", query)
	var rows []map[string]any
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		var row map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &row))
		rows = append(rows, row)
	}
	return rows
}

var graphSQL = filepath.Join("..", "..", "docs", "sql", "duckdb", "graph.sql")

// descRE finds the GraphML description, which names the command that
// wrote the file: export is told build's.
var descRE = regexp.MustCompile(`<desc>papergraph [^:]*: ([^<]*)</desc>`)

// equivalent checks that extract -format parquet, the shipped DuckDB SQL
// and export give build's GraphML byte for byte, and returns it.
func equivalent(t *testing.T, inputs, buildFlags, vars []string) string {
	t.Helper()
	dir := t.TempDir()
	tables, proj, built, exported := filepath.Join(dir, "tables"), filepath.Join(dir, "proj"), filepath.Join(dir, "built"), filepath.Join(dir, "exported")
	require.NoError(t, os.Mkdir(proj, 0o755))
	code, _, stderr := runCmd(t, "", append([]string{"extract", "-quiet", "-format", "parquet", "-shard-papers", "4000", "-o", tables}, inputs...)...)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = runCmd(t, "", append(append([]string{"build", "-quiet", "-formats", "graphml", "-o", built}, buildFlags...), inputs...)...)
	require.Equal(t, 0, code, stderr)
	runSQL(t, graphSQL, append([]string{"tables=" + tables, "out=" + proj}, vars...)...)
	want, err := os.ReadFile(filepath.Join(built, "graph.graphml"))
	require.NoError(t, err)
	m := descRE.FindSubmatch(want)
	require.NotNil(t, m, "build's GraphML has a description")
	code, _, stderr = runCmd(t, "", "export", "-quiet", "-formats", "graphml", "-o", exported, "-description", string(m[1]),
		"-nodes", filepath.Join(proj, "nodes.parquet"), "-edges", filepath.Join(proj, "edges.parquet"))
	require.Equal(t, 0, code, stderr)
	got, err := os.ReadFile(filepath.Join(exported, "graph.graphml"))
	require.NoError(t, err)
	if string(want) != string(got) {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
		for i := 0; i < min(len(wl), len(gl)); i++ {
			if wl[i] != gl[i] {
				t.Fatalf("GraphML differs at line %d (%d and %d lines):\nbuild:  %s\nexport: %s", i+1, len(wl), len(gl), wl[i], gl[i])
			}
		}
		t.Fatalf("GraphML differs in length: build %d lines, export %d", len(wl), len(gl))
	}
	streamsAsInMemory(t, filepath.Join(proj, "nodes.parquet"), filepath.Join(proj, "edges.parquet"))
	return string(want)
}

// streamed are the formats export writes from tables as they are read.
var streamed = []string{"graphml", "gexf", "csv", "json", "cyjs"}

// streamsAsInMemory checks that export -stream writes the same bytes from
// tables read as they go as the writers do from the graph Assemble makes
// of them in memory without communities, centrality and positions.
func streamsAsInMemory(t *testing.T, nodes, edges string) {
	t.Helper()
	dir := t.TempDir()
	code, _, stderr := runCmd(t, "", "export", "-stream", "-quiet", "-formats", strings.Join(streamed, ","), "-description", "d",
		"-o", filepath.Join(dir, "stream"), "-nodes", nodes, "-edges", edges)
	require.Equal(t, 0, code, stderr)

	ns, leftOut, err := tables.ReadNodes(nodes)
	require.NoError(t, err)
	es, err := tables.ReadEdges(edges)
	require.NoError(t, err)
	g, err := graph.Assemble(context.Background(), ns, es, leftOut, graph.Options{NoCommunities: true, NoCentrality: true})
	require.NoError(t, err)
	fmts, err := export.ParseFormats(strings.Join(streamed, ","))
	require.NoError(t, err)
	eopt := export.Options{Version: version(), Description: "d", Shares: export.SharesGephi}
	files := export.Files(context.Background(), filepath.Join(dir, "memory"), g, fmts, eopt)
	require.NoError(t, export.WriteFiles(context.Background(), files, nil))
	require.Len(t, files, 8)
	for _, f := range files {
		want, err := os.ReadFile(f.Path)
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(dir, "stream", filepath.Base(f.Path)))
		require.NoError(t, err)
		if string(want) != string(got) {
			t.Errorf("%s: streamed (%d bytes) differs from in memory (%d bytes)", filepath.Base(f.Path), len(got), len(want))
		}
	}
}

// What a fixture's graph must hold for its equivalence to cover the
// projection's citations, outside works and merges.
const (
	hasCites    = `<data key="relation">cites</data>`
	hasExternal = `<data key="external">true</data>`
)

// paperNodes counts the paper nodes (outside works too) of a GraphML file.
func paperNodes(graphml string) int { return strings.Count(graphml, `<data key="kind">paper</data>`) }

// TestSQLEquivalenceFixtures: inputs with citations by identifier, works
// outside the batch cited by several papers, duplicate records of one
// paper in two inputs (merged), introduced artifacts named by other
// papers (folded, cited by artifact), and papers' system names and
// introduced artifacts spelled in other papers' titles and abstracts
// (namecites.jsonl, cited by name: in another case, claimed by two papers,
// inside a hyphenated compound, followed by "-Large", ".5" or a letter),
// and records of one paper with different keys (merges.csv: an arXiv
// record, a DOI record, one with both and one with the title only, joined
// as papergraph.Merge joins them; two arXiv papers that share a DOI, not
// joined; a DOI in two cases).
func TestSQLEquivalenceFixtures(t *testing.T) {
	duckdb(t)
	read := filepath.Join("..", "..", "extract", "read", "testdata")
	dup := filepath.Join(t.TempDir(), "again")
	require.NoError(t, os.Mkdir(dup, 0o755))
	for _, name := range []string{"openalex-works.json", "s2-papers.json"} {
		b, err := os.ReadFile(filepath.Join(read, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dup, name), b, 0o644))
	}
	folds := filepath.Join("testdata", "tables", "folds.jsonl")
	namecites := filepath.Join("testdata", "tables", "namecites.jsonl")
	merges := filepath.Join("testdata", "tables", "merges.csv")
	// The same records in the opposite order: the merge does not depend on it.
	b, err := os.ReadFile(merges)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	slices.Reverse(lines[1:])
	reversed := filepath.Join(t.TempDir(), "merges.csv")
	require.NoError(t, os.WriteFile(reversed, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	for _, tc := range []struct {
		name   string
		inputs []string
		flags  []string
		vars   []string
		covers []string // what build's graph must hold
		papers int      // paper nodes after merging, 0: not checked
	}{
		{"openalex, merged twice", []string{filepath.Join(read, "openalex-works.json"), filepath.Join(dup, "openalex-works.json")}, nil, nil, []string{hasCites, hasExternal}, 4},
		{"s2, merged twice", []string{filepath.Join(read, "s2-papers.json"), filepath.Join(dup, "s2-papers.json")}, nil, nil, []string{hasCites, hasExternal}, 4},
		{"openalex, min-cocite 1", []string{filepath.Join(read, "openalex-works.json")}, []string{"-min-cocite", "1"}, []string{"min_cocite=1"}, []string{hasCites, hasExternal}, 0},
		{"hugging face page", []string{filepath.Join("..", "..", "internal", "sample", "hf-trending-page.txt")}, nil, nil, nil, 0},
		{"folded artifacts", []string{folds}, nil, nil, []string{hasCites}, 0},
		{"folded artifacts, split", []string{folds}, []string{"-split-introduced"}, []string{"split=true"}, nil, 0},
		{"folded artifacts, exact", []string{folds}, []string{"-exact"}, []string{"exact=true"}, nil, 0},
		{"names in text", []string{namecites}, nil, nil, []string{hasCites}, 0},
		{"records of one paper under different keys", []string{merges}, nil, nil, []string{hasCites}, 5},
		{"records of one paper under different keys, reversed", []string{reversed}, nil, nil, []string{hasCites}, 5},
		{"same title, two arXiv ids; a record twice", []string{filepath.Join("testdata", "tables", "names.jsonl")}, nil, nil, []string{hasCites}, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := equivalent(t, tc.inputs, tc.flags, tc.vars)
			for _, c := range tc.covers {
				assert.Contains(t, g, c, "the fixture exercises it")
			}
			if tc.papers > 0 {
				assert.Equal(t, tc.papers, paperNodes(g), "paper nodes after merging")
			}
		})
	}
}

// TestSQLEquivalenceSynthetic runs the synthetic corpus of
// ../shared/peers/make_corpus.py (10,000 papers; 2,000 under the race
// detector) under several projection settings.
func TestSQLEquivalenceSynthetic(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	duckdb(t)
	script := filepath.Join(sharedDir(), "peers", "make_corpus.py")
	if _, err := os.Stat(script); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s: %v", script, err)
		}
		t.Skipf("no corpus generator: %v", err)
	}
	n := 10000
	if raceEnabled {
		n = 2000
	}
	corpus := filepath.Join(t.TempDir(), "corpus.jsonl")
	out, err := exec.Command("python3", script, fmt.Sprint(n), corpus).CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, tc := range []struct {
		name  string
		flags []string
		vars  []string
	}{
		{"defaults", nil, nil},
		{"top-k 3, max-df fraction, split", []string{"-top-k", "3", "-max-df", "0.005", "-split-introduced"}, []string{"top_k=3", "max_df=0.005", "split=true"}},
	} {
		t.Run(tc.name, func(t *testing.T) { equivalent(t, []string{corpus}, tc.flags, tc.vars) })
	}
}

// TestSQLEquivalenceArXiv runs the two arXiv months of
// ../shared/corpus: real abstracts, where papers name each other's
// systems (citations by name) and introduce artifacts others use.
func TestSQLEquivalenceArXiv(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	duckdb(t)
	for _, month := range []string{"arxiv-2026-07", "arxiv-2026-08"} {
		t.Run(month, func(t *testing.T) {
			in := filepath.Join(sharedDir(), "corpus", month, "papers.jsonl")
			if _, err := os.Stat(in); err != nil {
				if os.Getenv("CI") == "true" {
					t.Fatalf("%s: %v", in, err)
				}
				t.Skipf("no corpus: %v", err)
			}
			equivalent(t, []string{in}, nil, nil)
		})
	}
}

// TestParquetTypesInDuckDB reads the mention tables back with DuckDB:
// every column has its type.
func TestParquetTypesInDuckDB(t *testing.T) {
	duckdb(t)
	dir := filepath.Join(t.TempDir(), "tables")
	code, _, stderr := runCmd(t, "", "extract", "-quiet", "-format", "parquet", "-o", dir, filepath.Join("testdata", "tables", "folds.jsonl"))
	require.Equal(t, 0, code, stderr)
	want := map[string]string{
		"papers": "paper:VARCHAR record:VARCHAR id:VARCHAR title:VARCHAR year:INTEGER arxiv:VARCHAR doi:VARCHAR openalex:VARCHAR s2:VARCHAR url:VARCHAR authors:VARCHAR[] name:VARCHAR external:BOOLEAN promises_code:BOOLEAN filled:INTEGER input:VARCHAR line:INTEGER number:INTEGER " +
			"merge_arxiv:VARCHAR merge_doi:VARCHAR merge_openalex:VARCHAR merge_s2:VARCHAR merge_title:VARCHAR slug:VARCHAR richness:INTEGER priority:INTEGER chars:INTEGER words:VARCHAR author_keys:VARCHAR[]",
		"mentions": "paper:VARCHAR record:VARCHAR ord:INTEGER entity:VARCHAR kind:VARCHAR name:VARCHAR surface:VARCHAR start:INTEGER end:INTEGER rule:VARCHAR cue:VARCHAR introduced:BOOLEAN family:VARCHAR source:VARCHAR",
		"refs":     "paper:VARCHAR record:VARCHAR ord:INTEGER arxiv:VARCHAR doi:VARCHAR openalex:VARCHAR s2:VARCHAR named:VARCHAR artifact:VARCHAR title:VARCHAR surface:VARCHAR start:INTEGER end:INTEGER source:VARCHAR text:BOOLEAN",
		"names":    "paper:VARCHAR record:VARCHAR ord:INTEGER name:VARCHAR artifact:VARCHAR match:BOOLEAN fold:BOOLEAN key:VARCHAR anchor:INTEGER canchor:INTEGER",
		"texts":    "paper:VARCHAR record:VARCHAR source:VARCHAR text:VARCHAR",
		"words":    "paper:VARCHAR record:VARCHAR source:VARCHAR start:INTEGER cstart:INTEGER key:VARCHAR",
	}
	for table, cols := range want {
		rows := queryDuckDB(t, fmt.Sprintf("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('%s/%s-*.parquet'))", dir, table))
		var got []string
		for _, r := range rows {
			got = append(got, fmt.Sprintf("%v:%v", r["column_name"], r["column_type"]))
		}
		assert.Equal(t, cols, strings.Join(got, " "), table)
	}
	rows := queryDuckDB(t, fmt.Sprintf("SELECT count(*) AS n, count(DISTINCT paper) AS papers, sum(introduced::INT) AS introduced FROM read_parquet('%s/mentions-*.parquet')", dir))
	require.Len(t, rows, 1)
	assert.NotEqual(t, "0", fmt.Sprint(rows[0]["n"]), "mentions were written")
	assert.NotEqual(t, "0", fmt.Sprint(rows[0]["introduced"]), "introduced artifacts were written")
}

// TestSQLRunnerFreesStatements checks that run.mjs frees each statement's
// memory once it has run: DuckDB counts what a live statement's plan
// allocated (here the rows of a materialized CTE and an aggregate's
// strings) against memory_limit and cannot spill it, and a runner that
// kept its statements ran a 5M-paper projection out of a 1 GB limit.
func TestSQLRunnerFreesStatements(t *testing.T) {
	duckdb(t)
	file := filepath.Join(t.TempDir(), "held.sql")
	require.NoError(t, os.WriteFile(file, []byte(`
CREATE TEMP TABLE t AS SELECT i % 10000 AS g, arg_min('the title of record ' || i, i) FILTER (WHERE i % 3 > 0) AS s
FROM range(500000) r(i) GROUP BY ALL;
CREATE TEMP TABLE u AS WITH k AS (SELECT i % 100000 AS g, 'the key of record ' || i AS k FROM range(500000) r(i))
SELECT * FROM k WHERE g IN (SELECT g FROM k GROUP BY g HAVING count(*) > 1);
SELECT CASE WHEN held > 1000000 THEN error('statements that have run hold ' || held || ' bytes') END
FROM (SELECT coalesce(sum(memory_usage_bytes), 0) AS held FROM duckdb_memory() WHERE tag IN ('ALLOCATOR', 'COLUMN_DATA'));
`), 0o644))
	runSQL(t, file)
}
