package graph

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
)

func TestBuilder(t *testing.T) {
	var b Builder // the zero value works
	require.NoError(t, b.AddNode(Node{ID: "paper:b", Kind: papergraph.KindPaper}))
	require.NoError(t, b.AddNode(Node{ID: "paper:a", Kind: papergraph.KindPaper}))
	require.NoError(t, b.AddNode(Node{ID: "dataset:x", Kind: papergraph.KindDataset}))
	require.NoError(t, b.AddEdge(Edge{Source: "paper:b", Target: "paper:a", Relation: Shares, Weight: 2}))
	require.NoError(t, b.AddEdge(Edge{Source: "paper:a", Target: "dataset:x", Relation: Mentions, Weight: 1}))
	assert.ErrorIs(t, b.AddNode(Node{ID: "paper:a"}), ErrDuplicate)
	assert.ErrorIs(t, b.AddNode(Node{}), ErrEmptyID)
	assert.ErrorIs(t, b.AddEdge(Edge{Source: "paper:a", Target: "paper:z", Relation: Cites}), ErrNoNode)
	g, err := b.Graph()
	require.NoError(t, err)
	var ids []string
	for _, n := range g.Nodes() {
		ids = append(ids, n.ID)
	}
	assert.Equal(t, []string{"dataset:x", "paper:a", "paper:b"}, ids)
	e, ok := g.Edge("paper:a", "paper:b", Shares)
	require.True(t, ok, "a shares edge is stored from the smaller ID")
	assert.Equal(t, 2.0, e.Weight)
	a, _ := g.Node("paper:a")
	assert.Equal(t, 2, a.Degree)
	assert.Equal(t, 3.0, a.Strength)
	assert.Equal(t, []string{"dataset:x", "paper:b"}, g.Neighbors("paper:a"))

	// The Builder starts afresh; the graph it gave is not changed.
	require.NoError(t, b.AddNode(Node{ID: "paper:c"}))
	g2, err := b.Graph()
	require.NoError(t, err)
	assert.Len(t, g2.Nodes(), 1)
	assert.Len(t, g.Nodes(), 3)
	assert.Equal(t, 2, g.NumEdges())

	require.NoError(t, b.AddNode(Node{ID: "n"}))
	require.NoError(t, b.AddEdge(Edge{Source: "n", Target: "n", Relation: Cites}))
	require.NoError(t, b.AddEdge(Edge{Source: "n", Target: "n", Relation: Cites}))
	_, err = b.Graph()
	assert.ErrorIs(t, err, ErrDuplicate)
}

// TestBuilderAssembleSameChecks: a graph made node by node and one
// assembled from tables refuse the same inputs with the same error, and
// store a shares edge the same way round.
func TestBuilderAssembleSameChecks(t *testing.T) {
	a, b := Node{ID: "paper:a", Kind: papergraph.KindPaper}, Node{ID: "paper:b", Kind: papergraph.KindPaper}
	for _, tc := range []struct {
		name  string
		nodes []Node
		edges []Edge
		want  error
	}{
		{"empty id", []Node{a, {}}, nil, ErrEmptyID},
		{"duplicate", []Node{a, b, a}, nil, ErrDuplicate},
		{"edge to no node", []Node{a, b}, []Edge{{Source: "paper:b", Target: "paper:z", Relation: Cites}}, ErrNoNode},
		{"shares turned round", []Node{a, b}, []Edge{{Source: "paper:b", Target: "paper:a", Relation: Shares, Weight: 1}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var bl Builder
			var berr error
			for _, n := range tc.nodes {
				if berr = bl.AddNode(n); berr != nil {
					break
				}
			}
			for _, e := range tc.edges {
				if berr != nil {
					break
				}
				berr = bl.AddEdge(e)
			}
			g, aerr := Assemble(t.Context(), slices.Clone(tc.nodes), slices.Clone(tc.edges), nil, Options{})
			if tc.want != nil {
				assert.ErrorIs(t, berr, tc.want)
				assert.ErrorIs(t, aerr, tc.want)
				require.Error(t, aerr)
				assert.EqualError(t, aerr, berr.Error())
				return
			}
			require.NoError(t, berr)
			require.NoError(t, aerr)
			bg, err := bl.Graph()
			require.NoError(t, err)
			assert.Equal(t, bg.Edges(), g.Edges())
		})
	}
}
