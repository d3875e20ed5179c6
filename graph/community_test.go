package graph

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twoClusters: papers 1–4 name a, b; papers 5–7 name c, d; paper 4 also
// names c once (a weak bridge); paper 8 names nothing.
func twoClusters() []papergraph.Paper {
	var ps []papergraph.Paper
	for i := 1; i <= 8; i++ {
		id := fmt.Sprintf("2401.0000%d", i)
		switch {
		case i <= 4:
			ps = append(ps, pp(id, ds("a"), ds("b")))
		case i <= 7:
			ps = append(ps, pp(id, ds("c"), ds("d")))
		default:
			ps = append(ps, pp(id))
		}
	}
	ps[3].Entities = append(ps[3].Entities, ds("c"))
	return ps
}

func TestCommunities(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprintf("shuffle %d", seed), func(t *testing.T) {
			g := build(t, shuffled(twoClusters(), seed), Options{})
			comm := map[string]int{}
			for _, n := range g.Nodes() {
				comm[n.ID] = n.Community
			}
			// The bigger cluster (4 papers + a, b) is community 0.
			for _, id := range []string{"paper:2401.00001", "paper:2401.00002", "paper:2401.00003", "paper:2401.00004", "dataset:a", "dataset:b"} {
				assert.Equal(t, 0, comm[id], id)
			}
			for _, id := range []string{"paper:2401.00005", "paper:2401.00006", "paper:2401.00007", "dataset:c", "dataset:d"} {
				assert.Equal(t, 1, comm[id], id)
			}
			assert.Equal(t, -1, comm["paper:2401.00008"], "an isolated paper is in no community")
			assert.Equal(t, 2, g.Stats().Communities)
		})
	}
	t.Run("off", func(t *testing.T) {
		g := build(t, twoClusters(), Options{NoCommunities: true})
		for _, n := range g.Nodes() {
			assert.Equal(t, -1, n.Community, n.ID)
		}
		assert.Equal(t, 0, g.Stats().Communities)
	})
	t.Run("left-out hubs do not merge communities", func(t *testing.T) {
		ps := twoClusters()
		for i := range 7 {
			ps[i].Entities = append(ps[i].Entities, ds("hub"))
		}
		g := build(t, ps, Options{MaxDF: 5})
		require.Equal(t, []string{"dataset:hub"}, g.Stats().LeftOut)
		hub, _ := g.Node("dataset:hub")
		assert.Equal(t, -1, hub.Community)
		p1, _ := g.Node("paper:2401.00001")
		p5, _ := g.Node("paper:2401.00005")
		assert.NotEqual(t, p1.Community, p5.Community)
	})
}

func TestNumberCommunities(t *testing.T) {
	paper := Node{Kind: papergraph.KindPaper}
	art := Node{Kind: papergraph.KindDataset}
	ext := Node{Kind: papergraph.KindPaper, External: true}
	// Labels: {0,1} two papers; {2,3,4} three papers; {5,6} one paper and
	// an artifact; {7,8} one paper and an external work; {9} alone.
	nodes := []Node{paper, paper, paper, paper, paper, paper, art, paper, ext, paper}
	comm := []int32{1, 1, 4, 4, 4, 5, 5, 7, 7, 9}
	n := numberCommunities(nodes, comm)
	assert.Equal(t, 2, n)
	got := make([]int, len(nodes))
	for i := range nodes {
		got[i] = nodes[i].Community
	}
	assert.Equal(t, []int{1, 1, 0, 0, 0, -1, -1, -1, -1, -1}, got)
}

func TestStrongShares(t *testing.T) {
	b := NewBuilder()
	for _, id := range []string{"a", "b", "c", "x"} {
		require.NoError(t, b.AddNode(Node{ID: id}))
	}
	for _, e := range []Edge{
		{Source: "a", Target: "b", Relation: Shares, Weight: 3},
		{Source: "a", Target: "c", Relation: Shares, Weight: 1},
		{Source: "b", Target: "c", Relation: Shares, Weight: 1},
		{Source: "c", Target: "x", Relation: Mentions, Weight: 1},
		{Source: "b", Target: "b", Relation: Cites, Weight: 1},
	} {
		require.NoError(t, b.AddEdge(e))
	}
	g, err := b.Graph()
	require.NoError(t, err)
	use := strongShares(g.store, 1)
	got := map[string]bool{}
	for i, e := range g.Edges() {
		got[e.Source+"-"+e.Target] = use[i]
	}
	// a keeps b, b keeps a, c keeps a (a tie goes to the smaller index);
	// every other edge is kept but a self-loop.
	assert.Equal(t, map[string]bool{"a-b": true, "a-c": true, "b-c": false, "c-x": true, "b-b": false}, got)
}

// TestStrongSharesMatchesSort checks the heaps against sorting each
// node's shares edges, on projections where many nodes have more than k
// links and many fewer.
func TestStrongSharesMatchesSort(t *testing.T) {
	for _, exact := range []bool{false, true} {
		g, err := Build(synthetic(1500, 5), Options{Exact: exact, NoCentrality: true, NoCommunities: true})
		require.NoError(t, err)
		s := g.store
		for _, k := range []int{1, 3, DefaultTopK} {
			want := make([]bool, s.len())
			byNode := make([][]int32, s.n())
			for e := range s.len() {
				if s.rel[e] != relShares {
					want[e] = s.source[e] != s.target[e]
					continue
				}
				byNode[s.source[e]] = append(byNode[s.source[e]], int32(e))
				byNode[s.target[e]] = append(byNode[s.target[e]], int32(e))
			}
			for v, es := range byNode {
				other := func(e int32) int32 { return s.source[e] + s.target[e] - int32(v) }
				slices.SortFunc(es, func(x, y int32) int {
					return cmp.Or(cmp.Compare(s.weight[y], s.weight[x]), cmp.Compare(other(x), other(y)))
				})
				for _, e := range es[:min(k, len(es))] {
					want[e] = true
				}
			}
			assert.Equal(t, want, strongShares(s, k), "exact %v, k %d", exact, k)
		}
	}
}
