package graph

import (
	"fmt"
	"math"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// plainPageRank is the power iteration without extrapolation, stopped at
// an L1 change of tol: the reference pageRank is measured against.
func plainPageRank(u *undirected, tol float64) []float64 {
	n := u.n()
	strength := make([]float64, n)
	for v := range n {
		for _, w := range u.wt[u.start[v]:u.start[v+1]] {
			strength[v] += w
		}
	}
	x, y, next := make([]float64, n), make([]float64, n), make([]float64, n)
	for v := range x {
		x[v] = 1 / float64(n)
	}
	for range 5000 {
		dangling := 0.0
		for v := range n {
			y[v] = 0
			if strength[v] > 0 {
				y[v] = x[v] / strength[v]
			} else {
				dangling += x[v]
			}
		}
		referenceStep(u, 0, n, (1-Damping)/float64(n)+Damping*dangling/float64(n), y, next)
		d := 0.0
		for v := range n {
			d += math.Abs(next[v] - x[v])
		}
		x, next = next, x
		if d < tol {
			break
		}
	}
	return x
}

// TestPageRankError checks the extrapolated iteration against the plain
// one run to 1e-12, on a pruned and an exact projection: every rank within
// a relative 1e-7 (a fifth of half a unit in the sixth significant digit
// the outputs print), whatever the number of workers.
func TestPageRankError(t *testing.T) {
	for _, exact := range []bool{false, true} {
		t.Run(fmt.Sprintf("exact=%v", exact), func(t *testing.T) {
			g, err := Build(synthetic(3000, 2), Options{Exact: exact, NoCentrality: true, NoCommunities: true})
			require.NoError(t, err)
			u := simple(g.store, 2)
			want := plainPageRank(u, 1e-12)
			got := u.pageRank(2)
			assert.Equal(t, got, u.pageRank(1), "workers 1 and 2")
			worst := 0.0
			for v := range want {
				worst = max(worst, math.Abs(got[v]-want[v])/want[v])
			}
			assert.Less(t, worst, 1e-7, "largest relative error")
		})
	}
}

// TestPageRankTies checks that papers in symmetric places (each naming
// the same two artifacts as the others, so the rows list their
// neighbours in another order) get equal ranks, so that ties in rankings
// by PageRank go to the smaller ID. Without the rounding of the ranks
// (rankBits 52) they differ in their last bits.
func TestPageRankTies(t *testing.T) {
	var papers []papergraph.Paper
	for i := range 40 {
		p := papergraph.Paper{ArXiv: fmt.Sprintf("2601.%05d", i+1), Title: fmt.Sprintf("Paper %d", i)}
		for j, name := range []string{"Shared-A", "Shared-B", fmt.Sprintf("Own-%d", i%7)} {
			p.Entities = append(p.Entities, papergraph.Entity{Kind: papergraph.KindDataset, Name: name, Surface: name, Start: 20 * j, End: 20*j + len(name), Rule: "gazetteer"})
		}
		papers = append(papers, p)
	}
	g, err := Build(papers, Options{Exact: true})
	require.NoError(t, err)
	rank := map[int]float64{}
	for _, n := range g.Nodes() {
		if n.Kind != papergraph.KindPaper {
			continue
		}
		var i int
		_, err := fmt.Sscanf(n.Title, "Paper %d", &i)
		require.NoError(t, err)
		if r, ok := rank[i%7]; ok {
			assert.Equal(t, r, n.PageRank, "%s: the rank of the others naming Own-%d", n.ID, i%7)
		} else {
			rank[i%7] = n.PageRank
		}
	}
}
