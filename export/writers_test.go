package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writerFunc is the signature every data writer shares.
type writerFunc func(io.Writer, *graph.Graph, Options) error

// dataWriters lists every data writer with the golden file suffix it
// writes (Neo4j CSV is the CSV writers with opt.CSV = CSVNeo4j).
var dataWriters = []struct {
	name string
	fn   writerFunc
}{
	{"graphml", GraphML},
	{"gexf", GEXF},
	{"cytoscape.json", CytoscapeJSON},
	{"nodelink.json", NodeLinkJSON},
	{"graphology.json", GraphologyJSON},
	{"vosviewer.json", VOSviewerJSON},
	{"nodes.csv", NodesCSV},
	{"edges.csv", EdgesCSV},
	{"neo4j-nodes.csv", neo4j(NodesCSV)},
	{"neo4j-edges.csv", neo4j(EdgesCSV)},
}

func neo4j(f writerFunc) writerFunc {
	return func(w io.Writer, g *graph.Graph, opt Options) error {
		opt.CSV = CSVNeo4j
		return f(w, g, opt)
	}
}

func TestGolden(t *testing.T) {
	g := smallGraph(t)
	opt := Options{Layout: layoutFor(g), Version: "v0.1.0", Description: "papergraph build -formats all testdata/small"}
	for _, w := range dataWriters {
		t.Run(w.name, func(t *testing.T) {
			golden(t, "small."+w.name, write(t, func(b *bytes.Buffer) error { return w.fn(b, g, opt) }))
		})
	}
}

func TestGoldenNoLayout(t *testing.T) {
	g := smallGraph(t)
	for _, w := range []string{"graphml", "gexf", "cytoscape.json", "nodes.csv"} {
		for _, d := range dataWriters {
			if d.name == w {
				t.Run(w, func(t *testing.T) {
					out := write(t, func(b *bytes.Buffer) error { return d.fn(b, g, Options{}) })
					golden(t, "small-nolayout."+w, out)
					for _, s := range []string{`key="x"`, "viz:position", `"position"`, ",x,y"} {
						assert.NotContains(t, string(out), s, "no layout: positions are omitted")
					}
				})
			}
		}
	}
}

// TestDeterministic writes each format twice, from two graphs built from
// the same nodes and edges added in different orders, and compares bytes.
func TestDeterministic(t *testing.T) {
	a := randomGraph(t, 200, 3)
	hand := graph.NewBuilder()
	nodes, edges := a.Nodes(), a.Edges()
	for i := len(nodes) - 1; i >= 0; i-- {
		n := nodes[i]
		n.Degree, n.Strength = 0, 0
		require.NoError(t, hand.AddNode(n))
	}
	for i := len(edges) - 1; i >= 0; i-- {
		require.NoError(t, hand.AddEdge(edges[i]))
	}
	b, err := hand.Graph()
	require.NoError(t, err)
	la, lb := layoutFor(a), layoutFor(a)
	for _, w := range dataWriters {
		t.Run(w.name, func(t *testing.T) {
			first := write(t, func(buf *bytes.Buffer) error { return w.fn(buf, a, Options{Layout: la}) })
			again := write(t, func(buf *bytes.Buffer) error { return w.fn(buf, a, Options{Layout: la}) })
			other := write(t, func(buf *bytes.Buffer) error { return w.fn(buf, b, Options{Layout: lb}) })
			assert.Equal(t, string(first), string(again), "same graph twice")
			assert.Equal(t, string(first), string(other), "same graph built in another order")
		})
	}
}

// failingWriter accepts n bytes, then fails.
type failingWriter struct {
	n     int
	calls int
}

var errDiskFull = errors.New("disk full")

func (f *failingWriter) Write(p []byte) (int, error) {
	f.calls++
	if len(p) <= f.n {
		f.n -= len(p)
		return len(p), nil
	}
	n := f.n
	f.n = 0
	return n, errDiskFull
}

func TestWriteErrorsReturned(t *testing.T) {
	g := randomGraph(t, 500, 1)
	opt := Options{Layout: layoutFor(g)}
	for _, w := range dataWriters {
		for _, after := range []int{0, 100, 40 << 10} {
			t.Run(w.name+"/after-"+itoa(after), func(t *testing.T) {
				fw := &failingWriter{n: after}
				err := w.fn(fw, g, opt)
				require.ErrorIs(t, err, errDiskFull)
				assert.True(t, strings.HasPrefix(err.Error(), "export: "), "error %q names its origin", err)
				assert.LessOrEqual(t, fw.calls, 2, "the writer stops at the first failed write")
			})
		}
	}
}

func TestRefusedGraphs(t *testing.T) {
	small := smallGraph(t)
	nanb := graph.NewBuilder()
	require.NoError(t, nanb.AddNode(graph.Node{ID: "a"}))
	require.NoError(t, nanb.AddNode(graph.Node{ID: "b"}))
	require.NoError(t, nanb.AddEdge(graph.Edge{Source: "a", Target: "b", Relation: graph.Cites, Weight: math.NaN()}))
	nan, err := nanb.Graph()
	require.NoError(t, err)
	negativeb := graph.NewBuilder()
	require.NoError(t, negativeb.AddNode(graph.Node{ID: "a"}))
	require.NoError(t, negativeb.AddNode(graph.Node{ID: "b"}))
	require.NoError(t, negativeb.AddEdge(graph.Edge{Source: "a", Target: "b", Relation: graph.Cites, Weight: -2}))
	negative, err := negativeb.Graph()
	require.NoError(t, err)
	clashb := graph.NewBuilder()
	require.NoError(t, clashb.AddNode(graph.Node{ID: "a\x01"}))
	require.NoError(t, clashb.AddNode(graph.Node{ID: "a\x02"}))
	clash, err := clashb.Graph()
	require.NoError(t, err)
	partial := layoutFor(small)
	delete(partial.Pos, "dataset:imagenet")
	infinite := layoutFor(small)
	infinite.Pos["dataset:imagenet"] = Point{X: math.Inf(1)}

	cases := []struct {
		name    string
		g       *graph.Graph
		opt     Options
		want    error
		formats []string // empty: every format
	}{
		{"nan weight", nan, Options{}, ErrNotFinite, nil},
		{"negative strength has no size", negative, Options{}, ErrNotFinite, nil},
		{"missing position", small, Options{Layout: partial}, ErrNoPosition, nil},
		{"infinite position", small, Options{Layout: infinite}, ErrNotFinite, nil},
		{"ids equal in xml", clash, Options{}, ErrIDClash, []string{"graphml", "gexf"}},
		{"unknown csv dialect", small, Options{CSV: CSVDialect(9)}, ErrDialect, []string{"nodes.csv", "edges.csv"}},
	}
	for _, c := range cases {
		for _, w := range dataWriters {
			if len(c.formats) > 0 && !contains(c.formats, w.name) {
				continue
			}
			t.Run(c.name+"/"+w.name, func(t *testing.T) {
				var b bytes.Buffer
				err := w.fn(&b, c.g, c.opt)
				require.ErrorIs(t, err, c.want)
				assert.True(t, strings.HasPrefix(err.Error(), "export: "), "error %q names its origin", err)
				assert.Zero(t, b.Len(), "a refused graph writes nothing")
			})
		}
	}
}

func TestCytoscapeIDClash(t *testing.T) {
	b := graph.NewBuilder()
	require.NoError(t, b.AddNode(graph.Node{ID: "e0"}))
	require.NoError(t, b.AddNode(graph.Node{ID: "x"}))
	require.NoError(t, b.AddEdge(graph.Edge{Source: "x", Target: "e0", Relation: graph.Cites, Weight: 1}))
	g, err := b.Graph()
	require.NoError(t, err)
	err = CytoscapeJSON(io.Discard, g, Options{})
	require.ErrorIs(t, err, ErrIDClash)
	require.NoError(t, NodeLinkJSON(io.Discard, g, Options{}), "node-link ids are separate")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestGEXFMeta(t *testing.T) {
	g := smallGraph(t)
	cases := []struct {
		name string
		opt  Options
		want []string
		not  []string
	}{
		{"zero", Options{}, []string{"<meta>", "<creator>papergraph</creator>"}, []string{"lastmodifieddate", "<description>"}},
		{"version and description", Options{Version: "v1.2.3", Description: "built from <in> & out"},
			[]string{"<creator>papergraph v1.2.3</creator>", "<description>built from &lt;in&gt; &amp; out</description>"}, []string{"lastmodifieddate"}},
		{"date when asked", Options{LastModified: time.Date(2025, 8, 1, 23, 59, 0, 0, time.UTC)},
			[]string{`<meta lastmodifieddate="2025-08-01">`}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := string(write(t, func(b *bytes.Buffer) error { return GEXF(b, g, c.opt) }))
			for _, s := range c.want {
				assert.Contains(t, out, s)
			}
			for _, s := range c.not {
				assert.NotContains(t, out, s)
			}
		})
	}
}

// TestJSONForms parses each JSON form and checks its shape against the
// graph: what Cytoscape.js, D3 and graphology look for.
func TestJSONForms(t *testing.T) {
	g := smallGraph(t)
	l := layoutFor(g)
	opt := Options{Layout: l}
	nodes, edges := g.Nodes(), g.Edges()

	t.Run("cytoscape", func(t *testing.T) {
		var doc struct {
			Elements struct {
				Nodes []struct {
					Data     map[string]any     `json:"data"`
					Position map[string]float64 `json:"position"`
				} `json:"nodes"`
				Edges []struct {
					Data map[string]any `json:"data"`
				} `json:"edges"`
			} `json:"elements"`
		}
		require.NoError(t, json.Unmarshal(write(t, func(b *bytes.Buffer) error { return CytoscapeJSON(b, g, opt) }), &doc))
		require.Len(t, doc.Elements.Nodes, len(nodes))
		require.Len(t, doc.Elements.Edges, len(edges))
		for i, n := range nodes {
			got := doc.Elements.Nodes[i]
			assert.Equal(t, n.ID, got.Data["id"])
			assert.Equal(t, Color(n).Hex(), got.Data["color"])
			p := l.Pos[n.ID]
			assert.Equal(t, map[string]float64{"x": p.X, "y": l.Height - p.Y}, got.Position, "y grows downwards")
		}
		for i, e := range edges {
			d := doc.Elements.Edges[i].Data
			assert.Equal(t, []any{edgeID(i), e.Source, e.Target, string(e.Relation), e.Weight, e.Relation != graph.Shares},
				[]any{d["id"], d["source"], d["target"], d["relation"], d["weight"], d["directed"]})
		}
	})
	t.Run("node-link", func(t *testing.T) {
		var doc struct {
			Directed   bool             `json:"directed"`
			Multigraph bool             `json:"multigraph"`
			Nodes      []map[string]any `json:"nodes"`
			Links      []map[string]any `json:"links"`
		}
		require.NoError(t, json.Unmarshal(write(t, func(b *bytes.Buffer) error { return NodeLinkJSON(b, g, opt) }), &doc))
		assert.True(t, doc.Directed)
		assert.True(t, doc.Multigraph, "papers 1 and 2 share an artifact and one cites the other")
		require.Len(t, doc.Nodes, len(nodes))
		require.Len(t, doc.Links, len(edges))
		for i, n := range nodes {
			assert.Equal(t, n.ID, doc.Nodes[i]["id"])
			assert.Equal(t, l.Pos[n.ID].X, doc.Nodes[i]["x"])
		}
		for i, e := range edges {
			assert.Equal(t, []any{e.Source, e.Target, string(e.Relation)}, []any{doc.Links[i]["source"], doc.Links[i]["target"], doc.Links[i]["key"]})
		}
	})
	t.Run("graphology", func(t *testing.T) {
		var doc struct {
			Options map[string]any `json:"options"`
			Nodes   []struct {
				Key        string         `json:"key"`
				Attributes map[string]any `json:"attributes"`
			} `json:"nodes"`
			Edges []struct {
				Key        string         `json:"key"`
				Source     string         `json:"source"`
				Target     string         `json:"target"`
				Undirected bool           `json:"undirected"`
				Attributes map[string]any `json:"attributes"`
			} `json:"edges"`
		}
		require.NoError(t, json.Unmarshal(write(t, func(b *bytes.Buffer) error { return GraphologyJSON(b, g, opt) }), &doc))
		assert.Equal(t, map[string]any{"type": "mixed", "multi": true, "allowSelfLoops": true}, doc.Options)
		require.Len(t, doc.Nodes, len(nodes))
		for i, n := range nodes {
			a := doc.Nodes[i].Attributes
			assert.Equal(t, n.ID, doc.Nodes[i].Key)
			for _, k := range []string{"label", "x", "y", "size", "color"} {
				assert.Contains(t, a, k, "sigma.js reads %s", k)
			}
			assert.Equal(t, l.Pos[n.ID].Y, a["y"], "graphology keeps y upwards")
		}
		require.Len(t, doc.Edges, len(edges))
		for i, e := range edges {
			assert.Equal(t, e.Relation == graph.Shares, doc.Edges[i].Undirected, "edge %d", i)
			assert.Equal(t, string(e.Relation), doc.Edges[i].Attributes["relation"])
		}
	})
}

// TestCSVDialects reads the CSV back and checks the headers each importer
// needs and a row per node and edge.
func TestCSVDialects(t *testing.T) {
	g := smallGraph(t)
	opt := Options{Layout: layoutFor(g)}
	read := func(f writerFunc, o Options) [][]string {
		r := csv.NewReader(bytes.NewReader(write(t, func(b *bytes.Buffer) error { return f(b, g, o) })))
		rows, err := r.ReadAll()
		require.NoError(t, err)
		return rows
	}
	cases := []struct {
		name       string
		f          writerFunc
		dialect    CSVDialect
		rows       int
		header     []string // must be the first columns
		has        []string // must appear
		firstCells []string
	}{
		{"gephi nodes", NodesCSV, CSVGephi, len(g.Nodes()), []string{"Id", "Label"}, []string{"kind", "x", "y", "size", "color"}, nil},
		{"gephi edges", EdgesCSV, CSVGephi, len(g.Edges()), []string{"Source", "Target", "Type", "Kind", "Id", "Weight"}, []string{"relation", "evidence"}, nil},
		{"neo4j nodes", NodesCSV, CSVNeo4j, len(g.Nodes()), []string{"id:ID", ":LABEL"}, []string{"year:int", "authors:string[]", "external:boolean", "x:double"}, nil},
		{"neo4j edges", EdgesCSV, CSVNeo4j, len(g.Edges()), []string{":START_ID", ":END_ID", ":TYPE"}, []string{"weight:double"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := opt
			o.CSV = c.dialect
			rows := read(c.f, o)
			require.Len(t, rows, c.rows+1)
			assert.Equal(t, c.header, rows[0][:len(c.header)])
			for _, h := range c.has {
				assert.Contains(t, rows[0], h)
			}
		})
	}
	t.Run("gephi edge types", func(t *testing.T) {
		rows := read(EdgesCSV, opt)
		for i, e := range g.Edges() {
			want := "Directed"
			if e.Relation == graph.Shares {
				want = "Undirected"
			}
			assert.Equal(t, []string{e.Source, e.Target, want, string(e.Relation)}, rows[i+1][:4])
		}
	})
	t.Run("shared lists when asked", func(t *testing.T) {
		for _, c := range []struct {
			dialect CSVDialect
			header  string
			sep     string
		}{{CSVGephi, "shared", listSep}, {CSVNeo4j, "shared:string[]", ";"}} {
			o := opt
			o.CSV = c.dialect
			assert.NotContains(t, read(EdgesCSV, o)[0], c.header, "%v: no shared column by default", c.dialect)
			o.Shared = true
			rows := read(EdgesCSV, o)
			k := slices.Index(rows[0], c.header)
			require.GreaterOrEqual(t, k, 0, "%v: header %v", c.dialect, rows[0])
			lists := 0
			for i, e := range g.Edges() {
				assert.Equal(t, strings.Join(e.Shared, c.sep), rows[i+1][k], "%v: edge %d", c.dialect, i)
				lists += len(e.Shared)
			}
			assert.Positive(t, lists, "the small graph has shared lists")
		}
	})
	t.Run("neo4j labels and types", func(t *testing.T) {
		o := opt
		o.CSV = CSVNeo4j
		rows := read(NodesCSV, o)
		labels := map[string]string{}
		for _, r := range rows[1:] {
			labels[r[0]] = r[1]
		}
		assert.Equal(t, "Paper;External", labels["paper:1706.03762"])
		assert.Equal(t, "URL", labels["url:example.org/project"])
		assert.Equal(t, "Dataset", labels["dataset:imagenet"])
		erows := read(EdgesCSV, o)
		assert.Equal(t, "MENTIONS", erows[1][2])
	})
	t.Run("absent values are empty cells", func(t *testing.T) {
		rows := read(NodesCSV, opt)
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		for i, n := range g.Nodes() {
			r := rows[i+1]
			if n.Year == 0 {
				assert.Empty(t, r[col["year"]], "node %s: no year", n.ID)
			}
			if n.Community < 0 {
				assert.Empty(t, r[col["community"]], "node %s: no community", n.ID)
			}
		}
	})
}

func TestCSVDialectString(t *testing.T) {
	assert.Equal(t, "gephi", CSVGephi.String())
	assert.Equal(t, "neo4j", CSVNeo4j.String())
	assert.Equal(t, "CSVDialect(7)", CSVDialect(7).String())
}

func TestNeo4jLabels(t *testing.T) {
	cases := []struct {
		n    graph.Node
		want string
	}{
		{graph.Node{Kind: papergraph.KindPaper}, "Paper"},
		{graph.Node{Kind: papergraph.KindPaper, External: true}, "Paper;External"},
		{graph.Node{Kind: papergraph.KindURL}, "URL"},
		{graph.Node{Kind: papergraph.KindBenchmark}, "Benchmark"},
		{graph.Node{}, "Node"},
		{graph.Node{Kind: "élan;x"}, "Élan_x"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			assert.Equal(t, c.want, neo4jLabels(&c.n))
		})
	}
}

// TestEmptyGraph: a graph without nodes still gives a valid file of each
// format, with its header.
func TestEmptyGraph(t *testing.T) {
	g := emptyGraph(t)
	for _, opt := range []Options{{}, {Layout: &Layout{}}} {
		roundTrip(t, g, opt)
		for _, w := range dataWriters {
			t.Run(w.name, func(t *testing.T) {
				out := write(t, func(b *bytes.Buffer) error { return w.fn(b, g, opt) })
				switch {
				case strings.HasSuffix(w.name, ".json"):
					assert.True(t, json.Valid(out), "%s", out)
				case strings.HasSuffix(w.name, ".csv"):
					rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
					require.NoError(t, err)
					assert.Len(t, rows, 1, "the header alone")
				default:
					_, err := parseXML(out)
					require.NoError(t, err)
				}
			})
		}
	}
}
