package graph

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/require"
)

// checkInvariants asserts what every built graph promises.
func checkInvariants(t *testing.T, g *Graph) {
	t.Helper()
	nodes, edges := g.Nodes(), g.Edges()
	require.True(t, slices.IsSortedFunc(nodes, func(a, b Node) int { return strings.Compare(a.ID, b.ID) }), "nodes sorted")
	degree := map[string]int{}
	strength := map[string]float64{}
	for i, e := range edges {
		if i > 0 {
			require.True(t, edgeLess(edges[i-1], e), "edges sorted and unique at %d: %+v %+v", i, edges[i-1], e)
		}
		_, ok := g.Node(e.Source)
		require.True(t, ok, "source %q", e.Source)
		_, ok = g.Node(e.Target)
		require.True(t, ok, "target %q", e.Target)
		require.NotEqual(t, e.Source, e.Target, "no self-loops")
		require.False(t, math.IsNaN(e.Weight) || e.Weight <= 0, "weight %v", e.Weight)
		switch e.Relation {
		case Shares:
			require.Less(t, e.Source, e.Target)
			require.NotEmpty(t, e.Shared)
		case Mentions, Cites:
			require.NotEmpty(t, e.Evidence)
		default:
			t.Fatalf("relation %q", e.Relation)
		}
		for _, id := range []string{e.Source, e.Target} {
			degree[id]++
			strength[id] += e.Weight
		}
	}
	for i, n := range nodes {
		if i > 0 {
			require.NotEqual(t, nodes[i-1].ID, n.ID)
		}
		require.Equal(t, degree[n.ID], n.Degree, n.ID)
		require.InDelta(t, strength[n.ID], n.Strength, 1e-9, n.ID)
		require.GreaterOrEqual(t, n.Community, -1)
		require.Less(t, n.Community, max(1, g.Stats().Communities))
		require.NotEmpty(t, n.Label, n.ID)
	}
	require.Equal(t, len(edges), g.NumEdges())
}

func TestInvariants(t *testing.T) {
	papers := synthetic(800, 11)
	for i := 0; i < len(papers); i += 5 {
		papers[i].Refs = append(papers[i].Refs, papergraph.Ref{ArXiv: papers[(i*7)%len(papers)].ArXiv}, papergraph.Ref{DOI: "10.1/shared"})
	}
	for _, opt := range []Options{{}, {Exact: true}, {TopK: 1, MaxDF: 0.05, MaxShared: 1}, {MinCocite: 1, NoCommunities: true}} {
		checkInvariants(t, build(t, papers, opt))
	}
}

// FuzzBuild builds small batches from arbitrary text: Build never panics,
// and what it builds keeps every invariant.
func FuzzBuild(f *testing.F) {
	f.Add("DeepSeek-R1: reasoning", "We beat SAM-2 and SAM, see arXiv:2401.00002.", "SAM", "ImageNet", uint8(3))
	f.Add("", "", "", "x", uint8(0))
	f.Add("Same title", "Same title", "Same title", "Same title", uint8(255))
	f.Add("é\x00\xff", "a\u2028b", "-", " ", uint8(7))
	f.Fuzz(func(t *testing.T, title, abstract, name, entity string, seed uint8) {
		var papers []papergraph.Paper
		for i := range int(seed%5) + 2 {
			p := papergraph.Paper{Title: title, Abstract: abstract, Name: name}
			if i%2 == 1 {
				p.Title, p.Name = name+" "+title, entity
			}
			if seed&8 != 0 {
				p.ArXiv = []string{"2401.00001", "2401.00002"}[i%2]
			}
			if strings.TrimSpace(entity) != "" {
				k := papergraph.Kinds[(int(seed)+i)%len(papergraph.Kinds)]
				p.Entities = []papergraph.Entity{{Kind: k, Name: entity, Surface: entity, Start: i, Rule: "fuzz", Introduced: i == 0}}
			}
			p.Refs = []papergraph.Ref{{ArXiv: "2401.00002"}, {DOI: strings.ToLower(title)}, {OpenAlex: name}, {ArXiv: entity, Title: abstract}, {S2: abstract}}
			p.External = seed&16 != 0 && i == 1
			papers = append(papers, p)
		}
		g, err := Build(papers, Options{Exact: seed&32 != 0, MinCocite: int(seed % 3)})
		require.NoError(t, err)
		checkInvariants(t, g)
	})
}
