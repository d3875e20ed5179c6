package graph_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/graph"
)

// TestFamilyShares: papers naming two members of one family share the
// family, at FamilyWeight of what a shared artifact weighs; papers naming
// the same member weigh more; the family is listed in Shared.
func TestFamilyShares(t *testing.T) {
	model := func(name, family string) papergraph.Entity {
		return papergraph.Entity{Kind: papergraph.KindModel, Name: name, Surface: name, Rule: "test", Family: family}
	}
	papers := []papergraph.Paper{
		{ArXiv: "2401.00001", Title: "A", Entities: []papergraph.Entity{model("Qwen3-8B", "Qwen3")}},
		{ArXiv: "2401.00002", Title: "B", Entities: []papergraph.Entity{model("Qwen3-14B", "Qwen3")}},
		{ArXiv: "2401.00003", Title: "C", Entities: []papergraph.Entity{model("Qwen3-14B", "Qwen3")}},
		{ArXiv: "2401.00004", Title: "D", Entities: []papergraph.Entity{model("Llama-3", "")}},
		{ArXiv: "2401.00005", Title: "E", Entities: []papergraph.Entity{model("Llama-3-8B", "Llama-3")}},
		{ArXiv: "2401.00006", Title: "F"},
	}
	g, err := graph.Build(papers, graph.Options{})
	require.NoError(t, err)
	n := float64(len(papers))
	family, ok := g.Edge("paper:2401.00001", "paper:2401.00002", graph.Shares)
	require.True(t, ok, "two members of a family share it")
	assert.Equal(t, []string{"family:model:qwen3"}, family.Shared)
	assert.InDelta(t, graph.FamilyWeight*math.Log1p(n/3), family.Weight, 1e-4)

	exact, ok := g.Edge("paper:2401.00002", "paper:2401.00003", graph.Shares)
	require.True(t, ok)
	assert.Equal(t, []string{"model:qwen3-14b", "family:model:qwen3"}, exact.Shared)
	assert.Greater(t, exact.Weight, family.Weight, "an exact match weighs more than the family alone")

	self, ok := g.Edge("paper:2401.00004", "paper:2401.00005", graph.Shares)
	require.True(t, ok, "a family and its member")
	assert.Equal(t, []string{"family:model:llama-3"}, self.Shared)
	_, ok = g.Edge("paper:2401.00001", "paper:2401.00004", graph.Shares)
	assert.False(t, ok, "different families share nothing")
}
