package graph

import (
	"errors"
	"slices"
	"testing"

	dg "github.com/dominikbraun/graph"
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

// TestStoreWithDominikbraun checks the Store contract through
// dominikbraun/graph's own algorithms, against its memory store.
func TestStoreWithDominikbraun(t *testing.T) {
	g := build(t, synthetic(300, 4), Options{})
	core := g.core
	mem := dg.New(func(v int32) int32 { return v }, dg.Directed())
	for i := range g.Nodes() {
		require.NoError(t, mem.AddVertex(int32(i)))
	}
	for i, e := range g.Edges() {
		s, tg := int32(g.index[e.Source]), int32(g.index[e.Target])
		if _, err := mem.Edge(s, tg); err == nil {
			continue // dominikbraun graphs hold one edge per ordered pair
		}
		require.NoError(t, mem.AddEdge(s, tg, dg.EdgeWeight(int(e.Weight+0.5)), dg.EdgeData(i)))
	}
	n, err := core.Order()
	require.NoError(t, err)
	assert.Equal(t, len(g.Nodes()), n)
	size, err := core.Size()
	require.NoError(t, err)
	memSize, _ := mem.Size()
	assert.Equal(t, memSize, size)

	adj, err := core.AdjacencyMap()
	require.NoError(t, err)
	memAdj, _ := mem.AdjacencyMap()
	require.Equal(t, len(memAdj), len(adj))
	for v, out := range memAdj {
		require.Len(t, adj[v], len(out), "vertex %d", v)
		for w, e := range out {
			assert.Equal(t, e.Properties.Weight, adj[v][w].Properties.Weight)
			assert.Equal(t, e.Properties.Data, adj[v][w].Properties.Data)
		}
	}
	var start int32
	for i, n := range g.Nodes() {
		if n.Degree > 2 && n.Kind == papergraph.KindPaper {
			start = int32(i)
			break
		}
	}
	var got, want []int32
	require.NoError(t, dg.BFS(core, start, func(v int32) bool { got = append(got, v); return false }))
	require.NoError(t, dg.BFS(mem, start, func(v int32) bool { want = append(want, v); return false }))
	slices.Sort(got)
	slices.Sort(want)
	assert.Equal(t, want, got)
	assert.Greater(t, len(got), 1)

	e, err := core.Edge(start, g.store.target[g.store.outStart[start]])
	require.NoError(t, err)
	assert.Equal(t, string(g.Edges()[e.Properties.Data.(int)].Relation), e.Properties.Attributes["relation"])

	t.Run("read-only", func(t *testing.T) {
		assert.True(t, errors.Is(core.AddVertex(int32(n)), ErrReadOnly))
		assert.True(t, errors.Is(core.AddVertex(0), dg.ErrVertexAlreadyExists))
		assert.True(t, errors.Is(g.store.RemoveVertex(0), ErrReadOnly))
		assert.True(t, errors.Is(g.store.RemoveVertex(-1), dg.ErrVertexNotFound))
		assert.True(t, errors.Is(core.AddEdge(start, e.Target), dg.ErrEdgeAlreadyExists))
		assert.True(t, errors.Is(core.RemoveEdge(start, e.Target), ErrReadOnly))
		assert.True(t, errors.Is(core.UpdateEdge(start, e.Target), ErrReadOnly))
		_, err := core.Edge(-1, 0)
		assert.True(t, errors.Is(err, dg.ErrEdgeNotFound))
		_, err = core.Vertex(int32(n))
		assert.True(t, errors.Is(err, dg.ErrVertexNotFound))
	})
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
