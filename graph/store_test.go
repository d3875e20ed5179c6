package graph

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// handBuilt is a small graph made with a Builder.
func handBuilt(t *testing.T) *Graph {
	t.Helper()
	b := NewBuilder()
	for _, id := range []string{"paper:b", "paper:a", "dataset:x", "paper:c", "paper:lonely"} {
		require.NoError(t, b.AddNode(Node{ID: id}))
	}
	for _, e := range []Edge{
		{Source: "paper:a", Target: "dataset:x", Relation: Mentions, Weight: 1},
		{Source: "paper:b", Target: "dataset:x", Relation: Mentions, Weight: 1},
		{Source: "paper:b", Target: "paper:a", Relation: Shares, Weight: 2.5},
		{Source: "paper:a", Target: "paper:b", Relation: Cites, Weight: 1},
		{Source: "paper:c", Target: "paper:b", Relation: Cites, Weight: 1},
	} {
		require.NoError(t, b.AddEdge(e))
	}
	g, err := b.Graph()
	require.NoError(t, err)
	return g
}

func TestNeighborsAndEdgeLookup(t *testing.T) {
	built := build(t, []papergraph.Paper{
		pp("2401.00001", ds("x")), pp("2401.00002", ds("x")),
		{ArXiv: "2401.00003", Title: "C", Refs: []papergraph.Ref{{ArXiv: "2401.00002"}}},
	}, Options{})
	tests := []struct {
		name      string
		g         *Graph
		id        string
		neighbors []string
		degree    int
	}{
		{"hand-built paper", handBuilt(t), "paper:b", []string{"dataset:x", "paper:a", "paper:c"}, 4},
		{"hand-built artifact", handBuilt(t), "dataset:x", []string{"paper:a", "paper:b"}, 2},
		{"hand-built isolated", handBuilt(t), "paper:lonely", []string{}, 0},
		{"hand-built unknown", handBuilt(t), "paper:none", nil, 0},
		{"built paper", built, "paper:2401.00002", []string{"dataset:x", "paper:2401.00001", "paper:2401.00003"}, 3},
		{"built artifact", built, "dataset:x", []string{"paper:2401.00001", "paper:2401.00002"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.neighbors, tt.g.Neighbors(tt.id))
			es := tt.g.EdgesAt(tt.id)
			assert.Len(t, es, tt.degree)
			if n, ok := tt.g.Node(tt.id); ok {
				assert.Equal(t, n.Degree, len(es), "Degree counts the edges at the node")
			}
		})
	}
	g := handBuilt(t)
	e, ok := g.Edge("paper:b", "paper:a", Shares)
	require.True(t, ok, "shares edges are found either way round")
	assert.Equal(t, Edge{Source: "paper:a", Target: "paper:b", Relation: Shares, Weight: 2.5}, e)
	e, ok = g.Edge("paper:a", "paper:b", Cites)
	require.True(t, ok, "second relation of a pair")
	assert.Equal(t, Cites, e.Relation)
	_, ok = g.Edge("paper:b", "paper:a", Cites)
	assert.False(t, ok, "cites is directed")
	_, ok = g.Edge("paper:a", "paper:none", Cites)
	assert.False(t, ok)
}

// TestEdgeLookupMatchesEdges: Graph.Edge, which answers from the compact
// store, finds every edge of the listing with its relation and weight,
// and no edge where the listing has none.
func TestEdgeLookupMatchesEdges(t *testing.T) {
	g := build(t, synthetic(300, 4), Options{})
	type pair struct{ s, t string }
	has := map[pair]map[Relation]bool{}
	for _, e := range g.Edges() {
		got, ok := g.Edge(e.Source, e.Target, e.Relation)
		require.True(t, ok, "%s -%s-> %s", e.Source, e.Relation, e.Target)
		assert.Equal(t, [4]any{e.Source, e.Target, e.Relation, e.Weight}, [4]any{got.Source, got.Target, got.Relation, got.Weight})
		if has[pair{e.Source, e.Target}] == nil {
			has[pair{e.Source, e.Target}] = map[Relation]bool{}
		}
		has[pair{e.Source, e.Target}][e.Relation] = true
	}
	require.NotEmpty(t, has)
	nodes := g.Nodes()
	for i := 0; i < len(nodes); i += 7 {
		for j := 0; j < len(nodes); j += 11 {
			s, tg := nodes[i].ID, nodes[j].ID
			for _, r := range []Relation{Mentions, Cites} {
				_, ok := g.Edge(s, tg, r)
				assert.Equal(t, has[pair{s, tg}][r], ok, "%s -%s-> %s", s, r, tg)
			}
		}
	}
	_, ok := g.Edge("paper:none", nodes[0].ID, Cites)
	assert.False(t, ok)
}

func TestConcurrentReaders(t *testing.T) {
	g := build(t, synthetic(300, 8), Options{})
	want := slices.Collect(g.AllEdges())
	done := make(chan []Edge)
	for range 4 {
		go func() { done <- g.Edges() }()
		go func() { done <- slices.Collect(g.AllEdges()) }()
	}
	for range 8 {
		assert.Equal(t, want, <-done)
	}
	assert.Equal(t, g.Neighbors("dataset:dataset-1"), g.Neighbors("dataset:dataset-1"))
}

// TestBuilderAgreesWithBuild: a built graph made again by hand, from its
// nodes and edges, has the same nodes (degrees, strengths, centralities)
// and edges.
func TestBuilderAgreesWithBuild(t *testing.T) {
	g := build(t, synthetic(200, 3), Options{})
	b := NewBuilder()
	for _, n := range g.Nodes() {
		require.NoError(t, b.AddNode(n))
	}
	for e := range g.AllEdges() {
		require.NoError(t, b.AddEdge(e))
	}
	h, err := b.Graph()
	require.NoError(t, err)
	assert.Equal(t, g.Nodes(), h.Nodes())
	assert.Equal(t, g.Edges(), h.Edges())
	assert.Equal(t, h.Edges(), slices.Collect(h.AllEdges()))
}

// TestConcurrentFirstQueries: the in-edge index is made by the first query
// that needs it, whichever goroutine asks; queries from several goroutines
// on a freshly built graph give what the same queries give one by one
// (run with -race, which would see two goroutines write the index).
func TestConcurrentFirstQueries(t *testing.T) {
	papers := synthetic(300, 4)
	want := build(t, papers, Options{})
	ids := make([]string, 0, 16)
	for _, n := range want.Nodes() {
		if len(ids) < cap(ids) && n.Degree > 0 {
			ids = append(ids, n.ID)
		}
	}
	require.Len(t, ids, cap(ids))
	type answer struct {
		neighbors []string
		edges     []Edge
		path      []Step
		err       error
	}
	ask := func(g *Graph, i int) answer {
		var a answer
		switch i % 3 { // each goroutine's first query is a different one
		case 0:
			a.neighbors, a.edges = g.Neighbors(ids[i]), g.EdgesAt(ids[i])
			a.path, a.err = g.Path(ids[i], ids[len(ids)-1-i])
		case 1:
			a.edges, a.neighbors = g.EdgesAt(ids[i]), g.Neighbors(ids[i])
			a.path, a.err = g.Path(ids[i], ids[len(ids)-1-i])
		default:
			a.path, a.err = g.Path(ids[i], ids[len(ids)-1-i])
			a.neighbors, a.edges = g.Neighbors(ids[i]), g.EdgesAt(ids[i])
		}
		return a
	}
	g := build(t, papers, Options{})
	got := make([]answer, len(ids))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range ids {
		wg.Go(func() {
			<-start
			got[i] = ask(g, i)
		})
	}
	close(start)
	wg.Wait()
	for i, id := range ids {
		w := ask(want, i)
		assert.Equal(t, w, got[i], "queries at %s", id)
		assert.NotEmpty(t, w.neighbors, "queries at %s", id)
	}
}

// TestEdgeEnds checks that EdgeEnds names every edge's Source and Target
// by node index, on graphs made each way that finishes a graph (Build,
// Compare's union, Filter, Assemble), and that an append to its slices,
// which a caller must not modify, cannot write into the graph's store.
func TestEdgeEnds(t *testing.T) {
	papers := synthetic(800, 4)
	g, err := Build(papers, Options{})
	require.NoError(t, err)
	old, err := Build(papers[:500], Options{})
	require.NoError(t, err)
	d, err := Compare(old, g)
	require.NoError(t, err)
	graphs := map[string]*Graph{"build": g, "compare": d.Graph}
	for name, f := range map[string]Filter{
		"kinds":  {Kinds: []papergraph.Kind{papergraph.KindPaper}},
		"focus":  {Focus: []string{g.Nodes()[len(g.Nodes())/2].ID}, Depth: 2},
		"degree": {MinDegree: 3, DropIsolated: true},
	} {
		h, _, err := g.Filter(f)
		require.NoError(t, err)
		graphs["filter "+name] = h
	}
	a, err := Assemble(context.Background(), slices.Clone(g.Nodes()), slices.Clone(g.Edges()), nil, Options{NoCentrality: true, NoCommunities: true})
	require.NoError(t, err)
	graphs["assemble"] = a
	for name, h := range graphs {
		src, tgt := h.EdgeEnds()
		require.NotNil(t, src, "%s: a finished graph has its ends", name)
		nodes, edges := h.Nodes(), h.Edges()
		require.Len(t, src, len(edges), name)
		require.Len(t, tgt, len(edges), name)
		for i, e := range edges {
			require.Equal(t, e.Source, nodes[src[i]].ID, "%s: edge %d's source", name, i)
			require.Equal(t, e.Target, nodes[tgt[i]].ID, "%s: edge %d's target", name, i)
		}
		assert.Equal(t, len(src), cap(src), "%s: source's capacity", name)
		assert.Equal(t, len(tgt), cap(tgt), "%s: target's capacity", name)
	}
	// Appends to the slices copy them: two callers' appends do not write
	// to the same spare capacity of the store.
	src, _ := g.EdgeEnds()
	a1, a2 := append(src, -1), append(src, -2)
	assert.Equal(t, int32(-1), a1[len(src)])
	assert.Equal(t, int32(-2), a2[len(src)])
}
