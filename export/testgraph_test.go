package export

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// smallGraph is the hand-built graph of the golden files: three batch
// papers, one external paper, one artifact of each kind, every relation,
// and a pair of papers joined by two relations (shares and cites).
func smallGraph(t testing.TB) *graph.Graph {
	t.Helper()
	b := graph.NewBuilder()
	nodes := []graph.Node{
		{ID: "paper:2401.00001", Kind: papergraph.KindPaper, Label: "GoldenNoise",
			Title: `Golden Noise: "Better" Seeds & <Faster> Sampling`, URL: "https://arxiv.org/abs/2401.00001",
			ArXiv: "2401.00001", Authors: []string{"Ada Lovelace", "Alan Turing"}, Year: 2024, Community: 0, CommunityLabel: "ImageNet"},
		{ID: "paper:2401.00002", Kind: papergraph.KindPaper, Label: "LSA", Title: "LSA: Label-Smoothed Adaptation 🚀",
			URL: "https://arxiv.org/abs/2401.00002", ArXiv: "2401.00002", DOI: "10.1000/xyz",
			Authors: []string{"Grace Hopper"}, Year: 2024, Community: 0, Introduces: []string{"LSA", "LSA-Bench <&>"}},
		{ID: "paper:2401.00003", Kind: papergraph.KindPaper, Label: "Mixture", Title: "نموذج Mixture of Experts",
			ArXiv: "2401.00003", Year: 2024, Community: 1, CommunityLabel: "Llama-2-7B, MMLU"},
		{ID: "paper:1706.03762", Kind: papergraph.KindPaper, Label: "Attention", Title: "Attention Is All You Need",
			ArXiv: "1706.03762", External: true, Community: -1},
		{ID: "dataset:imagenet", Kind: papergraph.KindDataset, Label: "ImageNet", Title: "ImageNet", Papers: 2, Community: 0},
		{ID: "repo:github.com/paulalbert31/lsa", Kind: papergraph.KindRepo, Label: "PaulAlbert31/LSA",
			Title: "github.com/PaulAlbert31/LSA", URL: "https://github.com/PaulAlbert31/LSA", Papers: 1, Community: 0},
		{ID: "model:llama-2-7b", Kind: papergraph.KindModel, Label: "Llama-2-7B", Family: "Llama-2", Papers: 2, Community: 1},
		{ID: "benchmark:mmlu", Kind: papergraph.KindBenchmark, Label: "MMLU", Papers: 1, Community: 1},
		{ID: "url:example.org/project", Kind: papergraph.KindURL, Label: "example.org/project",
			URL: "https://example.org/project", Papers: 1, Community: 1},
	}
	for _, n := range nodes {
		require.NoError(t, b.AddNode(n))
	}
	edges := []graph.Edge{
		{Source: "paper:2401.00001", Target: "dataset:imagenet", Relation: graph.Mentions, Weight: 1, Evidence: `gazetteer: "ImageNet" @12`},
		{Source: "paper:2401.00002", Target: "dataset:imagenet", Relation: graph.Mentions, Weight: 1, Evidence: `gazetteer: "ImageNet" @40`},
		{Source: "paper:2401.00002", Target: "repo:github.com/paulalbert31/lsa", Relation: graph.Mentions, Weight: 1, Evidence: "url: github.com/PaulAlbert31/LSA @88"},
		{Source: "paper:2401.00002", Target: "model:llama-2-7b", Relation: graph.Mentions, Weight: 1, Evidence: "pattern:model @3"},
		{Source: "paper:2401.00003", Target: "model:llama-2-7b", Relation: graph.Mentions, Weight: 1, Evidence: "pattern:model @7"},
		{Source: "paper:2401.00003", Target: "benchmark:mmlu", Relation: graph.Mentions, Weight: 1, Evidence: "gazetteer: \"MMLU\" @99"},
		{Source: "paper:2401.00003", Target: "url:example.org/project", Relation: graph.Mentions, Weight: 1, Evidence: "url @120"},
		{Source: "paper:2401.00002", Target: "paper:2401.00001", Relation: graph.Shares, Weight: 0.75, Shared: []string{"dataset:imagenet"}},
		{Source: "paper:2401.00003", Target: "paper:2401.00002", Relation: graph.Shares, Weight: 0.5, Shared: []string{"model:llama-2-7b"}},
		{Source: "paper:2401.00001", Target: "paper:2401.00002", Relation: graph.Cites, Weight: 1, Evidence: "name: LSA"},
		{Source: "paper:2401.00001", Target: "paper:1706.03762", Relation: graph.Cites, Weight: 1, Evidence: "referenced_works"},
	}
	for _, e := range edges {
		require.NoError(t, b.AddEdge(e))
	}
	g, err := b.Graph()
	require.NoError(t, err)
	return g
}

// layoutFor places the nodes of g on a circle-ish grid, as a layout engine
// would (points, y up).
func layoutFor(g *graph.Graph) *Layout {
	l := &Layout{Engine: "neato", Pos: map[string]Point{}}
	for i, n := range g.Nodes() {
		p := Point{X: float64(40+90*(i%3)) + 0.25, Y: float64(30+70*(i/3)) + 0.5}
		l.Pos[n.ID] = p
		l.Width = max(l.Width, p.X+40)
		l.Height = max(l.Height, p.Y+30)
	}
	return l
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file: run go test ./export -run %s -update", t.Name())
	assert.Equal(t, string(want), string(got), "output differs from %s (run with -update if intended)", path)
}

// need returns the path of an external tool, skipping the test when it is
// missing, except under CI=true where a missing tool fails the test.
func need(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI=true: %v", tool, err)
		}
		t.Skipf("%s not installed: %v", tool, err)
	}
	return p
}

// needPython returns /usr/bin/python3 when it imports all modules, with
// the same skip/fail policy as [need]. Each set of modules is checked once.
func needPython(t *testing.T, modules ...string) string {
	t.Helper()
	const py = "/usr/bin/python3"
	imports := "import " + strings.Join(modules, ", ")
	v, _ := pythonModules.LoadOrStore(imports, sync.OnceValue(func() error {
		out, err := exec.Command(py, "-c", imports).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%w\n%s", err, out)
		}
		return nil
	}))
	if err := v.(func() error)(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python: %s is required under CI=true: %v", imports, err)
		}
		t.Skipf("python: %s failed: %v", imports, err)
	}
	return py
}

var pythonModules sync.Map // import statement → func() error

// write runs a writer into a buffer.
func write(t testing.TB, f func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, f(&b))
	return b.Bytes()
}

// hostileTitles are titles scraped pages really contain, and some written
// to break writers: markup, quotes, CDATA ends, every forbidden control
// character, emoji, right-to-left text with bidi overrides, invalid UTF-8,
// non-characters, and injection attempts for each format.
var hostileTitles = []string{
	`He said "hi" & left <b>bold</b> ]]> done 'quoted'`,
	"ctrl\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x1a\x1b\x1f end",
	"tab\there\nnew line\rcarriage\r\nwindows",
	"🚀🔥 family 👨‍👩‍👧 flags 🇫🇷 zero\u200bwidth",
	"مرحبا بالعالم \u202eevil\u202c עברית",
	"bad\xff\xfe bytes \xc3 and \xe2\x82",
	"non\ufffechar\uffff and \ufffd kept",
	`</data><data key="label">pwned</data>`,
	`"/><node id="injected"/><x a="`,
	`x", "injected": "1`,
	"a,b;c\"d\ne,\"\"",
	"<![CDATA[ x ]]> <!-- c --> <?pi?> &amp; &#0; &#x1;",
	"   ",
	"\\ backslash \\\" \\n",
}

// hostileGraph has one paper per hostile title (as label, title, author,
// URL and edge evidence) and hostile characters in IDs, chained by
// mentions, shares and cites edges.
func hostileGraph(t testing.TB) *graph.Graph {
	t.Helper()
	b := graph.NewBuilder()
	art := graph.Node{ID: `dataset:a"b<c>&d ]]>`, Kind: papergraph.KindDataset, Label: "A&B", Papers: 1, Community: -1}
	require.NoError(t, b.AddNode(art))
	var ids []string
	for i, title := range hostileTitles {
		id := "paper:hostile-" + itoa(i) + "-" + []string{"plain", `q"uote`, "sp ace", "<lt>", "tab\t", "emoji🚀"}[i%6]
		ids = append(ids, id)
		require.NoError(t, b.AddNode(graph.Node{
			ID: id, Kind: papergraph.KindPaper, Label: title, Title: title + " (full)", URL: "javascript:alert(1)//" + title,
			Authors: []string{title, "B, " + title}, Year: 2000 + i, Community: i % 3, Family: title, Introduces: []string{title},
		}))
		require.NoError(t, b.AddEdge(graph.Edge{Source: id, Target: art.ID, Relation: graph.Mentions, Weight: 1, Evidence: title}))
		if i > 0 {
			require.NoError(t, b.AddEdge(graph.Edge{Source: ids[i-1], Target: id, Relation: graph.Shares, Weight: 0.5, Shared: []string{art.ID, title}}))
			require.NoError(t, b.AddEdge(graph.Edge{Source: id, Target: ids[i-1], Relation: graph.Cites, Weight: 1, Evidence: title}))
		}
	}
	g, err := b.Graph()
	require.NoError(t, err)
	return g
}

// randomGraph builds a finished graph of n papers and about n artifacts
// with a fixed seed: realistic shape, every relation, some parallel pairs.
func randomGraph(t testing.TB, n int, seed uint64) *graph.Graph {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed))
	b := graph.NewBuilder()
	kinds := papergraph.Kinds
	var papers, arts []string
	for i := 0; i < n; i++ {
		id := "paper:" + itoa(2400000+i)
		papers = append(papers, id)
		require.NoError(t, b.AddNode(graph.Node{ID: id, Kind: papergraph.KindPaper, Label: "P" + itoa(i),
			Title: "Paper number " + itoa(i), Year: 2020 + i%5, Community: i % 7, Authors: []string{"A" + itoa(i%13)}}))
		k := kinds[i%len(kinds)]
		aid := string(k) + ":artifact-" + itoa(i)
		arts = append(arts, aid)
		require.NoError(t, b.AddNode(graph.Node{ID: aid, Kind: k, Label: "artifact " + itoa(i), Papers: 1, Community: -1}))
	}
	type key struct{ s, t string }
	seen := map[key]map[graph.Relation]bool{}
	add := func(e graph.Edge) {
		if e.Relation == graph.Shares && e.Target < e.Source {
			e.Source, e.Target = e.Target, e.Source
		}
		k := key{e.Source, e.Target}
		if e.Source == e.Target || seen[k][e.Relation] {
			return
		}
		if seen[k] == nil {
			seen[k] = map[graph.Relation]bool{}
		}
		seen[k][e.Relation] = true
		require.NoError(t, b.AddEdge(e))
	}
	for i, p := range papers {
		for j := 0; j < 3; j++ {
			add(graph.Edge{Source: p, Target: arts[r.IntN(len(arts))], Relation: graph.Mentions, Weight: 1, Evidence: "rule"})
		}
		q := papers[r.IntN(len(papers))]
		add(graph.Edge{Source: p, Target: q, Relation: graph.Shares, Weight: float64(1+r.IntN(100)) / 100, Shared: []string{arts[i]}})
		add(graph.Edge{Source: p, Target: q, Relation: graph.Cites, Weight: 1})
	}
	g, err := b.Graph()
	require.NoError(t, err)
	return g
}

func emptyGraph(t testing.TB) *graph.Graph {
	b := graph.NewBuilder()
	g, err := b.Graph()
	require.NoError(t, err)
	return g
}
