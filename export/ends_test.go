package export

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph/graph"
	"github.com/papergraph/papergraph/internal/cputime"
)

// TestEndsMatchIDs: the ends a writer copies from its table by node index
// are the bytes its escaping gives for each edge's own Source and Target,
// in GraphML and GEXF (XML attributes), the JSON forms and CSV, on IDs with
// every character that needs escaping or quoting; and edges from
// EdgeRangeNoEnds are those of Edges without their IDs.
func TestEndsMatchIDs(t *testing.T) {
	formats := []struct {
		name     string
		appendID func([]byte, string) []byte
	}{
		{"xml", xmlAttrID},
		{"json", appendJSONString},
		{"csv", appendCSVCell},
	}
	for _, tc := range []struct {
		name string
		g    *graph.Graph
	}{
		{"hostile", hostileGraph(t)},
		{"random", randomGraph(t, 300, 7)},
		{"dense", denseGraph(t)},
	} {
		edges := tc.g.Edges()
		for _, f := range formats {
			t.Run(tc.name+"/"+f.name, func(t *testing.T) {
				e := endsOf(rows{g: tc.g}, f.appendID)
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
	e := endsOf(rows{}, xmlAttrID)
	assert.False(t, e.indexed())
	assert.Equal(t, `a&amp;b`, string(e.source(nil, 0, &graph.Edge{Source: "a&b"})))
	assert.Equal(t, `&lt;c`, string(e.target(nil, 0, &graph.Edge{Target: "<c"})))
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
