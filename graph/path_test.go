package graph

import (
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chainBatch: 1 names A; 2 names A and B; 3 names B; 4 names C alone;
// 5 cites 3 by its arXiv id.
func chainBatch() []papergraph.Paper {
	p5 := pp("2401.00005")
	p5.Refs = []papergraph.Ref{{ArXiv: "2401.00003"}}
	return []papergraph.Paper{
		pp("2401.00001", ds("A")), pp("2401.00002", ds("A"), ds("B")), pp("2401.00003", ds("B")),
		pp("2401.00004", ds("C")), p5,
	}
}

func TestPath(t *testing.T) {
	g := build(t, shuffled(chainBatch(), 3), Options{})
	t.Run("papers through shared artifacts", func(t *testing.T) {
		steps, err := g.Path("paper:2401.00001", "paper:2401.00003")
		require.NoError(t, err)
		require.Len(t, steps, 2)
		assert.Equal(t, "paper:2401.00001", steps[0].From)
		assert.Equal(t, "paper:2401.00002", steps[0].To)
		require.Len(t, steps[0].Edges, 1)
		assert.Equal(t, Shares, steps[0].Edges[0].Relation)
		assert.Equal(t, []string{"dataset:a"}, steps[0].Edges[0].Shared, "the evidence: the artifact both name")
		assert.Equal(t, "paper:2401.00003", steps[1].To)
		assert.Equal(t, []string{"dataset:b"}, steps[1].Edges[0].Shared)
	})
	t.Run("a cites edge taken backwards", func(t *testing.T) {
		steps, err := g.Path("paper:2401.00003", "paper:2401.00005")
		require.NoError(t, err)
		require.Len(t, steps, 1)
		var rels []Relation
		for _, e := range steps[0].Edges {
			rels = append(rels, e.Relation)
		}
		assert.Contains(t, rels, Cites)
	})
	t.Run("paper to artifact", func(t *testing.T) {
		steps, err := g.Path("paper:2401.00001", "dataset:b")
		require.NoError(t, err)
		require.Len(t, steps, 2)
		assert.Equal(t, Mentions, steps[1].Edges[0].Relation)
		assert.Contains(t, steps[1].Edges[0].Evidence, `"B"`, "the mention, with its surface")
	})
	t.Run("none", func(t *testing.T) {
		_, err := g.Path("paper:2401.00001", "paper:2401.00004")
		assert.ErrorIs(t, err, ErrNoPath)
		_, err = g.Path("paper:2401.00001", "paper:nope")
		assert.ErrorIs(t, err, ErrNoNode)
	})
	t.Run("itself", func(t *testing.T) {
		steps, err := g.Path("paper:2401.00001", "paper:2401.00001")
		require.NoError(t, err)
		assert.Empty(t, steps)
	})
	t.Run("distances", func(t *testing.T) {
		d := g.Distances("paper:2401.00001", 1)
		assert.Equal(t, map[string]int{"paper:2401.00001": 0, "paper:2401.00002": 1, "dataset:a": 1}, d)
	})
}
