package export

import (
	"bytes"
	"io"
	"math"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
	"github.com/papergraph/papergraph/internal/cputime"
)

// TestEndsMatchIDs: the ends a writer copies from its table by node index
// are the bytes its escaping gives for each edge's own Source and Target,
// in GraphML and GEXF (XML attributes), the JSON forms and CSV, on IDs with
// every character that needs escaping or quoting; and edges from
// EdgeRangeNoEnds are those of Edges without their IDs. A stream and a
// graph without edges get no table.
func TestEndsMatchIDs(t *testing.T) {
	formats := []struct {
		name     string
		appendID func([]byte, string) []byte
		quotes   int
	}{
		{"xml", xmlAttrID, 0},
		{"json", appendJSONString, jsonQuotes},
		{"csv", appendCSVCell, 0},
	}
	for _, tc := range []struct {
		name string
		g    *graph.Graph
	}{
		{"hostile", hostileGraph(t)},
		{"random", randomGraph(t, 300, 7)},
		{"dense", denseGraph(t)},
		{"odd IDs", oddIDGraph(t, 200)},
	} {
		edges := tc.g.Edges()
		for _, f := range formats {
			t.Run(tc.name+"/"+f.name, func(t *testing.T) {
				e := endsOf(rows{g: tc.g}, f.appendID, f.quotes)
				require.True(t, e.indexed(), "a finished graph has its edges' ends")
				var got, want []byte
				for i := range edges {
					ed := &graph.Edge{} // no IDs: the table must not need them
					got = e.source(got[:0], i, ed)
					want = f.appendID(want[:0], edges[i].Source)
					require.Equal(t, string(want), string(got), "edge %d's source %q", i, edges[i].Source)
					got = e.target(got[:0], i, ed)
					want = f.appendID(want[:0], edges[i].Target)
					require.Equal(t, string(want), string(got), "edge %d's target %q", i, edges[i].Target)
				}
			})
		}
		t.Run(tc.name+"/no ends", func(t *testing.T) {
			for _, shared := range []bool{false, true} {
				n := 0
				for i, e := range tc.g.EdgeRangeNoEnds(0, tc.g.NumEdges(), shared) {
					want := edges[i]
					want.Source, want.Target = "", ""
					if !shared {
						want.Shared = nil
					}
					assert.Equal(t, want, e, "edge %d, shared %v", i, shared)
					n++
				}
				assert.Equal(t, len(edges), n)
			}
		})
	}
	// A stream has no node indices: its edges' own IDs are escaped.
	e := endsOf(rows{}, xmlAttrID, 0)
	assert.False(t, e.indexed())
	// A graph without edges needs no table.
	b := graph.NewBuilder()
	require.NoError(t, b.AddNode(graph.Node{ID: "paper:lonely"}))
	lonely, err := b.Graph()
	require.NoError(t, err)
	assert.False(t, endsOf(rows{g: lonely}, xmlAttrID, 0).indexed(), "a table for a graph without edges")
	assert.Equal(t, `a&amp;b`, string(e.source(nil, 0, &graph.Edge{Source: "a&b"})))
	assert.Equal(t, `&lt;c`, string(e.target(nil, 0, &graph.Edge{Target: "<c"})))
}

// oddIDs are ID suffixes that each escaping treats apart: invalid UTF-8,
// NUL, CR LF, a leading blank, a backslash, a comma, U+2028, the
// noncharacter U+FFFE, quotes, markup, DEL, non-ASCII, none.
var oddIDs = []string{"\xff\xfe bad", "nul\x00x", "cr\r\nlf", " lead", `\.`, "a,b", "u\u2028v", "\ufffe", "q\"q", "<&>", "é", "x\x7f", ""}

// oddIDGraph returns a graph of n papers with IDs "p:" and their number,
// followed by each of [oddIDs] in turn, each citing three others and
// sharing with those of them numbered after it.
func oddIDGraph(t testing.TB, n int) *graph.Graph {
	t.Helper()
	b := graph.NewBuilder()
	ids := make([]string, n)
	for i := range ids {
		ids[i] = "p:" + itoa(i) + oddIDs[i%len(oddIDs)]
		require.NoError(t, b.AddNode(graph.Node{ID: ids[i], Kind: papergraph.KindPaper, Label: ids[i], Community: -1}))
	}
	for i := range ids {
		for _, d := range []int{1, 7, 31} {
			j := (i + d) % n
			require.NoError(t, b.AddEdge(graph.Edge{Source: ids[i], Target: ids[j], Relation: graph.Cites, Weight: 1}))
			if i < j {
				require.NoError(t, b.AddEdge(graph.Edge{Source: ids[i], Target: ids[j], Relation: graph.Shares, Weight: 0.5, Shared: []string{"x"}}))
			}
		}
	}
	g, err := b.Graph()
	require.NoError(t, err)
	return g
}

// TestEndsRoutesIdentical holds the writers' two routes to each other:
// every data writer writes the same bytes with the ends copied from its
// table and with each edge's own IDs escaped (endsByIndex false), with
// options none, UndirectedShares and Shared, with GOMAXPROCS 1 and 2, on
// the hostile graph and a small graph of odd IDs, and with GOMAXPROCS 2 on
// a dense exact projection and a larger graph of odd IDs, which have
// enough edges (parallelEdgeMin) for the writers to format them in blocks
// on several goroutines.
func TestEndsRoutesIdentical(t *testing.T) {
	big := oddIDGraph(t, 11000)
	require.Greater(t, big.NumEdges(), parallelEdgeMin, "the parallel route is taken")
	graphs := []struct {
		name string
		g    *graph.Graph
	}{{"hostile", hostileGraph(t)}, {"dense", denseGraph(t)}, {"odd IDs", oddIDGraph(t, 200)}, {"odd IDs, parallel", big}}
	defer func() { endsByIndex = true }()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, tc := range graphs {
		procs := []int{1, 2}
		if tc.g.NumEdges() >= parallelEdgeMin {
			procs = procs[1:] // on one, the route of the small graphs
		}
		for _, opt := range []Options{{}, {UndirectedShares: true}, {Shared: true}} {
			for _, w := range dataWriters {
				for _, p := range procs {
					runtime.GOMAXPROCS(p)
					var ids, table bytes.Buffer
					endsByIndex = false
					errIDs := w.fn(&ids, tc.g, opt)
					endsByIndex = true
					errTable := w.fn(&table, tc.g, opt)
					require.NoError(t, errIDs)
					require.NoError(t, errTable)
					if !bytes.Equal(ids.Bytes(), table.Bytes()) {
						i := firstDiff(ids.Bytes(), table.Bytes())
						t.Fatalf("%s, %s, %+v, GOMAXPROCS %d: from the IDs %q, from the table %q", tc.name, w.name, opt, p, around(ids.Bytes(), i), around(table.Bytes(), i))
					}
				}
			}
		}
	}
}

// TestEndsLimit: a table whose text would pass endsLimit (4 GiB, the
// reach of its 32-bit offsets) is not made, whether the IDs' own bytes
// pass it or only their escaped form does, and the edges' own IDs are
// escaped instead, to the same bytes; a table of exactly the limit is
// made.
func TestEndsLimit(t *testing.T) {
	g := oddIDGraph(t, 200)
	defer func() { endsLimit = math.MaxUint32 }()
	for _, w := range []struct {
		name     string
		fn       writerFunc
		appendID func([]byte, string) []byte
		quotes   int
	}{{"graphml", GraphML, xmlAttrID, 0}, {"nodelink.json", NodeLinkJSON, appendJSONString, jsonQuotes}, {"edges.csv", EdgesCSV, appendCSVCell, 0}} {
		endsLimit = math.MaxUint32
		full := endsOf(rows{g: g}, w.appendID, w.quotes)
		require.True(t, full.indexed())
		size, raw := uint64(len(full.text)), uint64(0)
		for _, nd := range g.Nodes() {
			raw += uint64(len(nd.ID))
		}
		require.Greater(t, size, raw, "%s: escaping adds bytes", w.name)
		var want bytes.Buffer
		require.NoError(t, w.fn(&want, g, Options{}))
		for _, c := range []struct {
			limit uint64
			table bool
		}{{size + 1, true}, {size, true}, {size - 1, false}, {raw, false}, {raw - 1, false}, {0, false}} {
			endsLimit = c.limit
			assert.Equal(t, c.table, endsOf(rows{g: g}, w.appendID, w.quotes).indexed(), "%s, limit %d of %d", w.name, c.limit, size)
			var got bytes.Buffer
			require.NoError(t, w.fn(&got, g, Options{}))
			assert.True(t, bytes.Equal(want.Bytes(), got.Bytes()), "%s, limit %d: the same bytes", w.name, c.limit)
		}
	}
}

// BenchmarkEnds writes a graph built from a million synthetic papers
// (syntheticPapers, without the analysis) in GraphML, GEXF, node-link JSON
// and edges.csv, the edges' ends copied by node index from a table and, in
// turn, escaped from each edge's own IDs: on a graph of this size most
// edges' target IDs are reads that miss the cache (go test ./export -run
// '^$' -bench Ends -cpu 1 -benchtime 1x -timeout 30m). Building the graph
// takes minutes, outside the timing.
func BenchmarkEnds(b *testing.B) {
	if testing.Short() {
		b.Skip("large graph")
	}
	g, err := graph.Build(syntheticPapers(1000000), graph.Options{NoCentrality: true, NoCommunities: true})
	require.NoError(b, err)
	b.Logf("%d nodes, %d edges", len(g.Nodes()), g.NumEdges())
	writers := []struct {
		name string
		fn   writerFunc
	}{{"graphml", GraphML}, {"gexf", GEXF}, {"nodelink.json", NodeLinkJSON}, {"edges.csv", EdgesCSV}}
	defer func() { endsByIndex = true }()
	for _, w := range writers {
		for _, byIndex := range []bool{false, true} {
			name := w.name + "/ids"
			if byIndex {
				name = w.name + "/index"
			}
			b.Run(name, func(b *testing.B) {
				endsByIndex = byIndex
				c0, _ := cputime.Now()
				for range b.N {
					require.NoError(b, w.fn(io.Discard, g, Options{}))
				}
				c1, _ := cputime.Now()
				b.ReportMetric((c1-c0).Seconds()/float64(b.N), "cpu-s/op")
			})
		}
	}
}
