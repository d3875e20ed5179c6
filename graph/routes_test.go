package graph

import (
	"crypto/md5"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// graphBits is a digest of every node's and edge's fields, floats by
// their bits, and of the stats.
func graphBits(g *Graph) string {
	h := md5.New()
	for _, n := range g.Nodes() {
		fmt.Fprintf(h, "%s %d %x %x %x %d %d\n", n.ID, n.Degree, math.Float64bits(n.Strength), math.Float64bits(n.PageRank), math.Float64bits(n.Betweenness), n.Community, n.CitedBy)
	}
	for _, e := range g.Edges() {
		fmt.Fprintf(h, "%s %s %s %x %v\n", e.Source, e.Target, e.Relation, math.Float64bits(e.Weight), e.Shared)
	}
	fmt.Fprintf(h, "%+v", g.Stats())
	return fmt.Sprintf("%x", h.Sum(nil))
}

// handGraph builds n papers and m random edges of every relation, with
// weights drawn from distinct values and, one in fifty, from 0, -0, NaN,
// +Inf, -1, 1e308 and 5e-324.
func handGraph(t *testing.T, n, m, distinct int, seed uint64) *Graph {
	r := rand.New(rand.NewPCG(seed, 1))
	b := NewBuilder()
	for i := range n {
		require.NoError(t, b.AddNode(Node{ID: fmt.Sprintf("paper:%05d", i)}))
	}
	special := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), -1, 1e308, 5e-324}
	rels := []Relation{Shares, Cites, Mentions}
	seen := map[[3]int]bool{}
	for len(seen) < m {
		a, c, k := r.IntN(n), r.IntN(n), r.IntN(len(rels))
		if rels[k] == Shares && c < a {
			a, c = c, a
		}
		if seen[[3]int{a, c, k}] {
			continue
		}
		seen[[3]int{a, c, k}] = true
		w := float64(r.IntN(distinct)) / 3
		if r.IntN(50) == 0 {
			w = special[r.IntN(len(special))]
		}
		require.NoError(t, b.AddEdge(Edge{Source: fmt.Sprintf("paper:%05d", a), Target: fmt.Sprintf("paper:%05d", c), Relation: rels[k], Weight: w}))
	}
	g, err := b.Graph()
	require.NoError(t, err)
	return g
}

// TestHandGraphRoutes checks, on hand-built graphs with special weights,
// that the two routes of each analysis step give the same bits: simple's
// scatter in one pass and in several against gathering the in-edges
// (simpleGather), PageRank's indexed weights against the weights read
// directly (more than 65,536 distinct weights take the direct route), the
// strengths against a plain sum, and the whole analysis on one and on
// three workers.
func TestHandGraphRoutes(t *testing.T) {
	for _, c := range []struct {
		n, m, distinct int
		indexed        bool
	}{
		{1200, 40_000, 5, true},
		{1500, 80_000, 1_000_000, false},
		{70, 2000, 3, true},
	} {
		for seed := range uint64(2) {
			t.Run(fmt.Sprintf("n=%d/m=%d/distinct=%d/seed=%d", c.n, c.m, c.distinct, seed), func(t *testing.T) {
				g := handGraph(t, c.n, c.m, c.distinct, seed)
				want := simpleGather(g.store)
				for _, rows := range []int{scatterRows, 64, 16} {
					for _, workers := range []int{1, 3} {
						got := simpleScatter(g.store, workers, rows)
						require.Equal(t, want.start, got.start, "rows %d, workers %d: row starts", rows, workers)
						require.Equal(t, want.nbr, got.nbr, "rows %d, workers %d: neighbours", rows, workers)
						require.Equal(t, bitsOf(want.wt), bitsOf(got.wt), "rows %d, workers %d: weights", rows, workers)
					}
				}
				if c.n > 100 {
					require.Greater(t, g.store.scatterPasses(16), 1, "passes of scatterIn")
				}
				u := simple(g.store, 2)
				re, strength := u.rankEdges(2)
				assert.Equal(t, c.indexed, re.wIdx != nil, "indexed weights")
				route := rankRouteDirect16
				if c.indexed {
					route = rankRouteIndexed16
				}
				assert.Equal(t, route, re.route(), "route of step")
				y, wantStep := referenceRank(t, u, strength)
				gotStep := make([]float64, u.n())
				re.step(0, u.n(), 0.01, y, gotStep)
				require.Equal(t, bitsOf(wantStep), bitsOf(gotStep), "PageRank step")
				sum := graphBits(g)
				for _, workers := range []int{1, 3} {
					g.centrality(workers, 0, true)
					assert.Equal(t, sum, graphBits(g), "analysis on %d workers", workers)
				}
			})
		}
	}
}

// TestBuildRoutes builds small synthetic batches with citations and
// introduced artifacts under exact, default and top-k projections and
// checks that the result does not depend on the workers, and that the
// exact projection's shares are the top-k projection's when k keeps every
// pair (the two are summed by separate code: the bit words or the listed
// postings of exactRow, and the top-k heaps).
func TestBuildRoutes(t *testing.T) {
	for _, n := range []int{600, 1500} {
		for seed := range uint64(2) {
			papers := synthetic(n, seed+20)
			for i := range papers {
				for _, d := range []int{1, 7, 40, 333} {
					if j := (i + d) % len(papers); i%3 == int(seed) {
						papers[i].Refs = append(papers[i].Refs, papergraph.Ref{ArXiv: papers[j].ArXiv})
					}
				}
				if i%97 == 0 && len(papers[i].Entities) > 0 {
					papers[i].Entities[0].Introduced = true
				}
			}
			for name, opt := range map[string]Options{"exact": {Exact: true}, "default": {}, "top-3": {TopK: 3}} {
				opt.Seed = seed
				t.Run(fmt.Sprintf("n=%d/seed=%d/%s", n, seed, name), func(t *testing.T) {
					var want string
					for _, workers := range []int{1, 3} {
						opt.Workers = workers
						g, err := Build(papers, opt)
						require.NoError(t, err)
						if workers == 1 {
							want = graphBits(g)
							continue
						}
						assert.Equal(t, want, graphBits(g), "workers %d against 1", workers)
					}
				})
			}
			t.Run(fmt.Sprintf("n=%d/seed=%d/exact=top-all", n, seed), func(t *testing.T) {
				opt := Options{Exact: true, NoCentrality: true, NoCommunities: true}
				exact, err := Build(papers, opt)
				require.NoError(t, err)
				opt.Exact, opt.TopK, opt.MaxDF = false, -1, -1
				all, err := Build(papers, opt)
				require.NoError(t, err)
				require.Equal(t, shareEdges(exact), shareEdges(all))
			})
		}
	}
}

// shareEdges lists g's shares edges with their weights' bits.
func shareEdges(g *Graph) []string {
	var s []string
	for _, e := range g.Edges() {
		if e.Relation == Shares {
			s = append(s, fmt.Sprintf("%s %s %x %v", e.Source, e.Target, math.Float64bits(e.Weight), e.Shared))
		}
	}
	return s
}
