package graph

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
)

// rowsOf gives nodes and edges as the rows of a Stream; every reading
// yields copies, as a table reader does.
func rowsOf(nodes []Node, leftOut []string, edges []Edge) (NodeRows, EdgeRows) {
	return func(yield func(*Node, bool) bool) error {
			for _, n := range nodes {
				if !yield(&n, slices.Contains(leftOut, n.ID)) {
					break
				}
			}
			return nil
		}, func(yield func(*Edge) bool) error {
			for _, e := range edges {
				if !yield(&e) {
					break
				}
			}
			return nil
		}
}

// tableOf returns the rows an engine's projection would write for g: its
// nodes and edges without what Assemble computes.
func tableOf(g *Graph) ([]Node, []Edge) {
	nodes := slices.Clone(g.Nodes())
	for i := range nodes {
		n := &nodes[i]
		n.Degree, n.Strength, n.Community, n.CommunityLabel = 0, 0, -1, ""
		n.PageRank, n.Betweenness, n.CitedBy = 0, 0, 0
	}
	return nodes, slices.Clone(g.Edges())
}

// TestStreamMatchesAssemble: a Stream gives the nodes and edges of the
// graph Assemble makes of the same rows without communities and
// centrality, Degree, Strength, CitedBy and the stats included; a shares
// edge given from its larger ID is turned round as Assemble turns it.
func TestStreamMatchesAssemble(t *testing.T) {
	built, err := Build(synthetic(300, 1), Options{MinCocite: 1, MaxDF: 0.05})
	require.NoError(t, err)
	nodes, edges := tableOf(built)
	leftOut := built.Stats().LeftOut
	require.NotEmpty(t, leftOut, "the cap leaves artifacts out")
	for i := range edges {
		if edges[i].Relation == Shares && i%2 == 0 {
			edges[i].Source, edges[i].Target = edges[i].Target, edges[i].Source
		}
	}
	ctx := context.Background()
	nr, er := rowsOf(nodes, leftOut, edges)
	s, err := OpenStream(ctx, nr, er)
	require.NoError(t, err)
	want, err := Assemble(ctx, slices.Clone(nodes), slices.Clone(edges), leftOut, Options{NoCommunities: true, NoCentrality: true})
	require.NoError(t, err)

	var got []Node
	require.NoError(t, s.Nodes(func(n *Node) bool { got = append(got, *n); return true }))
	assert.Equal(t, want.Nodes(), got)
	var gotEdges []Edge
	require.NoError(t, s.Edges(func(e *Edge) bool { gotEdges = append(gotEdges, *e); return true }))
	assert.Equal(t, want.Edges(), gotEdges)
	assert.Equal(t, want.NumEdges(), s.NumEdges())
	assert.Equal(t, want.Stats(), s.Stats())
	for i, id := range s.IDs() {
		n, _ := want.Node(id)
		assert.Equal(t, n.Strength, s.Strength(i), id)
	}
	for _, n := range s.LeftOut() {
		w, _ := want.Node(n.ID)
		assert.Equal(t, w.Label, n.Label)
		assert.Equal(t, w.Papers, n.Papers)
	}

	// Stopping early is no error.
	k := 0
	require.NoError(t, s.Nodes(func(*Node) bool { k++; return k < 3 }))
	assert.Equal(t, 3, k)
}

func TestOpenStreamRefuses(t *testing.T) {
	p := func(id string) Node { return Node{ID: id, Kind: papergraph.KindPaper} }
	e := func(s, t string, r Relation) Edge { return Edge{Source: s, Target: t, Relation: r, Weight: 1} }
	ab := []Node{p("a"), p("b")}
	readErr := errors.New("read failed")
	for _, tc := range []struct {
		name  string
		nodes []Node
		edges []Edge
		want  error
	}{
		{"nodes out of order", []Node{p("b"), p("a")}, nil, ErrUnsorted},
		{"a node twice", []Node{p("a"), p("a")}, nil, ErrDuplicate},
		{"a node without id", []Node{p("")}, nil, ErrEmptyID},
		{"edges out of order", ab, []Edge{e("b", "a", Cites), e("a", "b", Cites)}, ErrUnsorted},
		{"relations out of order", ab, []Edge{e("a", "b", Shares), e("a", "b", Cites)}, ErrUnsorted},
		{"an edge twice", ab, []Edge{e("a", "b", Cites), e("a", "b", Cites)}, ErrDuplicate},
		{"a shares edge both ways", ab, []Edge{e("a", "b", Shares), e("b", "a", Shares)}, ErrDuplicate},
		{"an edge to no node", ab, []Edge{e("a", "c", Cites)}, ErrNoNode},
		{"an edge from no node", ab, []Edge{e("0", "a", Cites)}, ErrNoNode},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nr, er := rowsOf(tc.nodes, nil, tc.edges)
			_, err := OpenStream(context.Background(), nr, er)
			assert.ErrorIs(t, err, tc.want)
		})
	}
	t.Run("a reading that fails", func(t *testing.T) {
		nodes, _ := rowsOf(ab, nil, nil)
		_, err := OpenStream(context.Background(), nodes, func(func(*Edge) bool) error { return readErr })
		assert.ErrorIs(t, err, readErr)
	})
	t.Run("a table that changes", func(t *testing.T) {
		nodes := ab
		s, err := OpenStream(context.Background(), func(yield func(*Node, bool) bool) error {
			for _, n := range nodes {
				if !yield(&n, false) {
					break
				}
			}
			return nil
		}, func(func(*Edge) bool) error { return nil })
		require.NoError(t, err)
		nodes = []Node{p("a")}
		assert.ErrorIs(t, s.Nodes(func(*Node) bool { return true }), ErrChanged)
		nodes = []Node{p("a"), p("c")}
		assert.ErrorIs(t, s.Nodes(func(*Node) bool { return true }), ErrChanged)
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		nr, er := rowsOf(ab, nil, nil)
		_, err := OpenStream(ctx, nr, er)
		assert.ErrorIs(t, err, context.Canceled)
	})
}
