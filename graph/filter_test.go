package graph_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

// chain is a → b → c plus d alone, and an artifact x named by a.
func chain(t *testing.T) *graph.Graph {
	b := graph.NewBuilder()
	for _, id := range []string{"paper:a", "paper:b", "paper:c", "paper:d"} {
		require.NoError(t, b.AddNode(graph.Node{ID: id, Kind: papergraph.KindPaper, Label: id}))
	}
	require.NoError(t, b.AddNode(graph.Node{ID: "dataset:x", Kind: papergraph.KindDataset, Label: "x"}))
	require.NoError(t, b.AddEdge(graph.Edge{Source: "paper:a", Target: "paper:b", Relation: graph.Cites, Weight: 1}))
	require.NoError(t, b.AddEdge(graph.Edge{Source: "paper:b", Target: "paper:c", Relation: graph.Cites, Weight: 1}))
	require.NoError(t, b.AddEdge(graph.Edge{Source: "paper:a", Target: "dataset:x", Relation: graph.Mentions, Weight: 1}))
	g, err := b.Graph()
	require.NoError(t, err)
	return g
}

func ids(g *graph.Graph) []string {
	var out []string
	for _, n := range g.Nodes() {
		out = append(out, n.ID)
	}
	return out
}

func TestFilter(t *testing.T) {
	g := chain(t)
	for _, tc := range []struct {
		name  string
		f     graph.Filter
		want  []string
		steps int
	}{
		{"none", graph.Filter{}, []string{"dataset:x", "paper:a", "paper:b", "paper:c", "paper:d"}, 0},
		{"drop isolated", graph.Filter{DropIsolated: true}, []string{"dataset:x", "paper:a", "paper:b", "paper:c"}, 1},
		{"min degree", graph.Filter{MinDegree: 2}, []string{"paper:a", "paper:b"}, 1},
		{"kinds", graph.Filter{Kinds: []papergraph.Kind{papergraph.KindPaper}}, []string{"paper:a", "paper:b", "paper:c", "paper:d"}, 1},
		{"focus depth 1", graph.Filter{Focus: []string{"paper:c"}}, []string{"paper:b", "paper:c"}, 1},
		{"focus depth 2", graph.Filter{Focus: []string{"paper:c"}, Depth: 2}, []string{"paper:a", "paper:b", "paper:c"}, 1},
		{"max nodes", graph.Filter{MaxNodes: 2}, []string{"paper:a", "paper:b"}, 1},
		{"kinds then isolated", graph.Filter{Kinds: []papergraph.Kind{papergraph.KindDataset, papergraph.KindPaper}, Focus: []string{"dataset:x"}, DropIsolated: true},
			[]string{"dataset:x", "paper:a"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, steps, err := g.Filter(tc.f)
			require.NoError(t, err)
			assert.Equal(t, tc.want, ids(h))
			assert.Len(t, steps, tc.steps)
			if !tc.f.Active() {
				assert.Same(t, g, h)
				return
			}
			n := 0
			for range h.AllEdges() {
				n++
			}
			st := h.Stats()
			assert.Equal(t, n, st.Mentions+st.Shares+st.Cites)
			assert.Equal(t, len(h.Nodes()), st.Papers+st.Entities+st.External)
		})
	}
	_, _, err := g.Filter(graph.Filter{Focus: []string{"paper:nope"}})
	assert.ErrorIs(t, err, graph.ErrNoNode)
}
