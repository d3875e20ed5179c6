package export

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// builtPapers is a batch of papers naming artifacts from a small pool, some
// with hostile titles, for graphs made by graph.Build (whose edges are kept
// compactly and read through AllEdges, unlike hand-built graphs).
func builtPapers(n int, seed uint64) []papergraph.Paper {
	r := rand.New(rand.NewPCG(seed, 1))
	kinds := papergraph.Kinds
	var papers []papergraph.Paper
	for i := 0; i < n; i++ {
		title := "Paper " + itoa(i) + ": " + hostileTitles[i%len(hostileTitles)]
		p := papergraph.Paper{ArXiv: "2401." + itoa(10000+i), Title: title, Year: 2024, Authors: []string{"A" + itoa(i%5)}}
		for k := 0; k < 3; k++ {
			a := r.IntN(n / 2)
			kind := kinds[a%len(kinds)]
			name := "artifact-" + itoa(a)
			if kind == papergraph.KindRepo {
				name = "github.com/owner/artifact-" + itoa(a)
			}
			p.Entities = append(p.Entities, papergraph.Entity{Kind: kind, Name: name, Surface: name, Rule: "test"})
		}
		papers = append(papers, p)
	}
	return papers
}

// TestBuiltGraph writes a graph from graph.Build in every format: the
// output passes the Gephi conformance check and gives back every node,
// edge and attribute value of Graph.Edges, and shuffling the papers changes
// no byte.
func TestBuiltGraph(t *testing.T) {
	papers := builtPapers(60, 5)
	g, err := graph.Build(papers, graph.Options{})
	require.NoError(t, err)
	require.NotZero(t, g.NumEdges())
	opt := Options{Layout: layoutFor(g), Version: "test"}
	want := expect{nodes: len(g.Nodes()), edges: g.NumEdges(), positions: true}
	checkGraphMLConformance(t, write(t, func(b *bytes.Buffer) error { return GraphML(b, g, opt) }), want)
	checkGEXFConformance(t, write(t, func(b *bytes.Buffer) error { return GEXF(b, g, opt) }), want)
	roundTrip(t, g, opt)
	withShared := opt
	withShared.Shared = true
	roundTrip(t, g, withShared)

	shuffled := append([]papergraph.Paper(nil), papers...)
	rand.New(rand.NewPCG(9, 9)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	h, err := graph.Build(shuffled, graph.Options{})
	require.NoError(t, err)
	for _, w := range dataWriters {
		a := write(t, func(b *bytes.Buffer) error { return w.fn(b, g, opt) })
		b := write(t, func(b *bytes.Buffer) error { return w.fn(b, h, Options{Layout: layoutFor(h), Version: "test"}) })
		assert.Equal(t, string(a), string(b), "%s: same papers in another order", w.name)
	}
}
