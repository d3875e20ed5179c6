package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// referenceStep is PageRank's step over u's plain adjacency (int32
// neighbours, float64 weights), as it was before rankEdges.
func referenceStep(u *undirected, lo, hi int, base float64, y, next []float64) {
	for v := lo; v < hi; v++ {
		sum := 0.0
		for i := u.start[v]; i < u.start[v+1]; i++ {
			sum += u.wt[i] * y[u.nbr[i]]
		}
		next[v] = base + Damping*sum
	}
}

// TestRankEdgesSameBits checks that every compact form of the adjacency
// (uint16 neighbours, indexed weights, both, neither) gives PageRank steps
// equal to the bit to the plain form's, on an exact projection whose
// weights repeat, that step takes each form's route, and that the small
// graph gets the compact form (the unchecked route).
func TestRankEdgesSameBits(t *testing.T) {
	g, err := Build(synthetic(2000, 3), Options{Exact: true, NoCentrality: true})
	require.NoError(t, err)
	u := simple(g.store, 2)
	n := u.n()
	full, strength := u.rankEdges(2)
	require.NotNil(t, full.nbr16, "%d nodes: uint16 neighbours", n)
	require.NotNil(t, full.wIdx, "repeated weights: indexed")
	forms := map[string]struct {
		re    *rankEdges
		route rankRoute
	}{
		"nbr16+indexed": {full, rankRouteIndexed16},
		"nbr16":         {&rankEdges{start: u.start, nbr16: full.nbr16, wt: u.wt}, rankRouteDirect16},
		"indexed":       {&rankEdges{start: u.start, nbr32: u.nbr, wIdx: full.wIdx, wVal: full.wVal}, rankRouteIndexed32},
		"plain":         {&rankEdges{start: u.start, nbr32: u.nbr, wt: u.wt}, rankRouteDirect32},
	}
	y, want := referenceRank(t, u, strength)
	for name, f := range forms {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, f.route, f.re.route(), "route")
			got := make([]float64, n)
			f.re.step(0, n, 0.01, y, got)
			for v := range n {
				if math.Float64bits(want[v]) != math.Float64bits(got[v]) {
					t.Fatalf("node %d: got %v, want %v", v, got[v], want[v])
				}
			}
		})
	}
}

// TestRankEdgesStrengthPastIndex checks the strengths when the weights
// run out of indices in the middle of a row: the 65,537th distinct weight
// comes at the 5,537th weight of the second row, and every weight after it
// is still summed, in order.
func TestRankEdgesStrengthPastIndex(t *testing.T) {
	const first, second = 60_000, 10_000
	u := &undirected{start: []int32{0, first, first + second}}
	for i := range first + second {
		u.nbr = append(u.nbr, int32(i%2))
		u.wt = append(u.wt, 1+float64(i)/7e4)
	}
	re, strength := u.rankEdges(1)
	require.Nil(t, re.wIdx, "more than 65,536 distinct weights: not indexed")
	for v := range u.n() {
		sum := 0.0
		for _, w := range u.wt[u.start[v]:u.start[v+1]] {
			sum += w
		}
		assert.Equal(t, math.Float64bits(sum), math.Float64bits(strength[v]), "strength of node %d", v)
	}
}

// referenceRank checks strength against each row's weights summed in
// order, and returns a PageRank input y (of at least 65,536 values, as
// pageRank makes it, zeros after the nodes') and referenceStep's step
// from it.
func referenceRank(t *testing.T, u *undirected, strength []float64) (y, want []float64) {
	n := u.n()
	for v := range n {
		sum := 0.0
		for _, w := range u.wt[u.start[v]:u.start[v+1]] {
			sum += w
		}
		require.Equal(t, math.Float64bits(sum), math.Float64bits(strength[v]), "strength of node %d", v)
	}
	y = make([]float64, max(n, 1<<16))
	for v := range n {
		y[v] = math.Sqrt(float64(v+1)) / float64(n)
	}
	want = make([]float64, n)
	referenceStep(u, 0, n, 0.01, y, want)
	return y, want
}

// TestWeightIndex numbers 65,536 distinct weights, finds each again
// through the table's growth, and refuses the 65,537th.
func TestWeightIndex(t *testing.T) {
	var w weightIndex
	weight := func(i int) float64 { return 1 + float64(i)/7 }
	for i := range 1 << 16 {
		k, ok := w.of(weight(i))
		require.True(t, ok, "weight %d", i)
		require.Equal(t, uint16(i), k, "weight %d", i)
		if i%1000 == 999 {
			for j := 0; j <= i; j += 97 {
				k, ok := w.of(weight(j))
				require.True(t, ok, "weight %d again after %d", j, i)
				require.Equal(t, uint16(j), k, "weight %d again after %d", j, i)
			}
		}
	}
	_, ok := w.of(weight(1 << 16))
	assert.False(t, ok, "the 65,537th distinct weight")
	k, ok := w.of(weight(12345))
	assert.True(t, ok, "a weight numbered before")
	assert.Equal(t, uint16(12345), k)
	for i, x := range w.vals {
		assert.Equal(t, weight(i), x)
	}
}

// brandesTextbook is Brandes' algorithm as usually written, with a
// distance per node: the reference brandes must match.
func brandesTextbook(start, nbr []int32, sources []int32) []float64 {
	n := len(start) - 1
	acc := make([]float64, n)
	dist := make([]int32, n)
	sigma := make([]float64, n)
	delta := make([]float64, n)
	for _, s := range sources {
		for i := range dist {
			dist[i], sigma[i], delta[i] = -1, 0, 0
		}
		order := []int32{s}
		dist[s], sigma[s] = 0, 1
		for q := 0; q < len(order); q++ {
			v := order[q]
			for _, w := range nbr[start[v]:start[v+1]] {
				switch dist[w] {
				case -1:
					dist[w] = dist[v] + 1
					sigma[w] = sigma[v]
					order = append(order, w)
				case dist[v] + 1:
					sigma[w] += sigma[v]
				}
			}
		}
		for q := len(order) - 1; q > 0; q-- {
			w := order[q]
			c := (1 + delta[w]) / sigma[w]
			for _, v := range nbr[start[w]:start[w+1]] {
				if dist[v] == dist[w]-1 {
					delta[v] += sigma[v] * c
				}
			}
			acc[w] += delta[w]
		}
	}
	return acc
}

// brandesLevels is brandes written out with a distance per node and a
// list per distance, taking each step in the direction brandes takes it
// (see there): a pull lists the newly reached nodes in index order and
// sums each predecessor's dependency over its row, a push lists them as
// they are found and pushes back from the last found. It is the
// reference brandes must match to the bit.
func brandesLevels(start, nbr []int32, sources []int32) []float64 {
	n := len(start) - 1
	total := int64(start[n])
	deg := func(v int32) int64 { return int64(start[v+1] - start[v]) }
	acc := make([]float64, n)
	for _, s := range sources {
		dist := slices.Repeat([]int32{-1}, n)
		sigma, delta := make([]float64, n), make([]float64, n)
		dist[s], sigma[s] = 0, 1
		levels, ends := [][]int32{{s}}, []int64{deg(s)}
		reached := deg(s)
		for d := int32(0); len(levels[d]) > 0; d++ {
			var next []int32
			if ends[d] > total-reached {
				for w := range int32(n) {
					sum := 0.0
					for _, v := range nbr[start[w]:start[w+1]] {
						if dist[v] == d {
							sum += sigma[v]
						}
					}
					if dist[w] < 0 && sum != 0 {
						dist[w], sigma[w] = d+1, sum
						next = append(next, w)
					}
				}
			} else {
				for _, v := range levels[d] {
					for _, w := range nbr[start[v]:start[v+1]] {
						switch dist[w] {
						case -1:
							dist[w], sigma[w] = d+1, sigma[v]
							next = append(next, w)
						case d + 1:
							sigma[w] += sigma[v]
						}
					}
				}
			}
			var e int64
			for _, w := range next {
				e += deg(w)
			}
			levels, ends = append(levels, next), append(ends, e)
			reached += e
		}
		for d := len(levels) - 2; d > 0; d-- {
			if ends[d-1] < ends[d] {
				for _, w := range levels[d] {
					acc[w] += delta[w]
				}
				for _, v := range levels[d-1] {
					for _, w := range nbr[start[v]:start[v+1]] {
						if dist[w] == int32(d) {
							delta[v] += sigma[v] * ((1 + delta[w]) / sigma[w])
						}
					}
				}
				continue
			}
			cur := levels[d]
			for q := len(cur) - 1; q >= 0; q-- {
				w := cur[q]
				c := (1 + delta[w]) / sigma[w]
				for _, v := range nbr[start[w]:start[w+1]] {
					if dist[v] == int32(d-1) {
						delta[v] += sigma[v] * c
					}
				}
				acc[w] += delta[w]
			}
		}
	}
	return acc
}

// TestBrandesMatchesTextbook checks that betweenness searches, over int32
// and uint16 neighbours and with one search state reused, give the same
// dependencies, to the bit, brandesLevels' to the bit, and the textbook
// algorithm's to within rounding (they are summed in another order where
// a step pulls), on a sparse graph and on a dense one (an exact
// projection), where most steps pull. Without the zeroing of sigma after
// each source, with +sv added to the nodes reached before, or with the
// push's bit set left for the pushes back, it fails.
func TestBrandesMatchesTextbook(t *testing.T) {
	for _, exact := range []bool{false, true} {
		t.Run(fmt.Sprintf("exact=%v", exact), func(t *testing.T) {
			g, err := Build(synthetic(1500, 4), Options{NoCentrality: true, Exact: exact})
			require.NoError(t, err)
			u := simple(g.store, 2)
			nbr16 := make([]uint16, len(u.nbr))
			for i, v := range u.nbr {
				nbr16[i] = uint16(v)
			}
			src := []int32{0, 3, 17, int32(u.n() / 2), int32(u.n() - 1)}
			want := brandesTextbook(u.start, u.nbr, src)
			levels := brandesLevels(u.start, u.nbr, src)
			st := newSearchState(u.n())
			brandes(u.start, u.nbr, src[:2], st, make([]float64, u.n()))
			got32 := make([]float64, u.n())
			brandes(u.start, u.nbr, src, st, got32)
			got16 := make([]float64, u.n())
			brandes(u.start, nbr16, src, st, got16)
			nonzero := 0
			for v := range want {
				if want[v] != 0 {
					nonzero++
				}
				if math.Float64bits(got32[v]) != math.Float64bits(got16[v]) {
					t.Fatalf("node %d: int32 %v, uint16 %v", v, got32[v], got16[v])
				}
				if math.Float64bits(levels[v]) != math.Float64bits(got32[v]) {
					t.Fatalf("node %d: got %v, brandesLevels %v", v, got32[v], levels[v])
				}
				if math.Abs(got32[v]-want[v]) > 1e-12*math.Abs(want[v]) {
					t.Fatalf("node %d: got %v, textbook %v", v, got32[v], want[v])
				}
			}
			assert.Positive(t, nonzero, "some node lies on a shortest path")
		})
	}
}

// TestBrandesRandomGraphs holds brandes to brandesLevels, to the bit, on
// 600 random graphs of 1 to 200 nodes (some of 60 to 69, about a bit
// word's edge), from no edges to a third of all pairs, some with
// self-loops and repeated edges, four calls a graph sharing one search
// state (random sources, then all), on the uint16 and int32 routes in
// turn; and checks that each call leaves the state zero, as the next
// search expects.
func TestBrandesRandomGraphs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for it := range 300 {
		n := 1 + r.IntN(200)
		if it%10 == 0 {
			n = 60 + r.IntN(10)
		}
		edges := []int{0, 1, n / 4, n, 3 * n, n * n / 3}[r.IntN(6)]
		adj := make([][]int32, n)
		for range edges {
			a, b := int32(r.IntN(n)), int32(r.IntN(n))
			if a == b && it%3 != 0 {
				continue
			}
			adj[a] = append(adj[a], b)
			if a != b {
				adj[b] = append(adj[b], a)
			}
		}
		start := make([]int32, n+1)
		var nbr []int32
		for v := range n {
			nbr = append(nbr, adj[v]...)
			start[v+1] = int32(len(nbr))
		}
		nbr16 := make([]uint16, len(nbr))
		for i, v := range nbr {
			nbr16[i] = uint16(v)
		}
		st := newSearchState(n)
		for call := range 4 {
			var src []int32
			for v := range int32(n) {
				if call == 3 || r.IntN(3) == 0 {
					src = append(src, v)
				}
			}
			got := make([]float64, n)
			if call%2 == 0 {
				brandes(start, nbr16, src, st, got)
			} else {
				brandes(start, nbr, src, st, got)
			}
			want := brandesLevels(start, nbr, src)
			for v := range n {
				if math.Float64bits(got[v]) != math.Float64bits(want[v]) {
					t.Fatalf("graph %d (%d nodes), call %d, node %d: got %v, brandesLevels %v", it, n, call, v, got[v], want[v])
				}
				if st.sigma[v] != 0 || st.delta[v] != 0 || st.pulled[v] != 0 {
					t.Fatalf("graph %d, call %d: the state of node %d is left %v, %v, %v", it, call, v, st.sigma[v], st.delta[v], st.pulled[v])
				}
			}
			require.Equal(t, make([]uint64, len(st.seen)), st.seen, "graph %d, call %d: seen", it, call)
			require.Equal(t, make([]uint64, len(st.at)), st.at, "graph %d, call %d: at", it, call)
		}
	}
}

// TestBrandesWritesReachedOnly checks that a search reads and writes the
// per-node state of the nodes it reaches and no other, so that exact
// betweenness costs the nodes and edges each source reaches, not n a
// source (clearing sigma and delta for each source made 100 edges among
// 100,000 nodes take 3 s, 117 ms otherwise): the sigma and delta of the
// nodes of another component hold NaN, which a search from this
// component must neither overwrite nor read into its sums, and after the
// searches the state is zero where it was zero. It fails with sigma or
// delta cleared whole for each source, or not zeroed after it.
func TestBrandesWritesReachedOnly(t *testing.T) {
	g, err := Build(synthetic(600, 4), Options{NoCentrality: true})
	require.NoError(t, err)
	u := simple(g.store, 1)
	m := u.n()
	// The graph twice over, side by side, and 1,000 isolated nodes.
	n := 2*m + 1000
	start := make([]int32, n+1)
	nbr := make([]int32, 0, 2*len(u.nbr))
	for c := range 2 {
		for v := range m {
			for _, w := range u.nbr[u.start[v]:u.start[v+1]] {
				nbr = append(nbr, w+int32(c*m))
			}
			start[c*m+v+1] = int32(len(nbr))
		}
	}
	for v := 2 * m; v < n; v++ {
		start[v+1] = int32(len(nbr))
	}
	src := []int32{0, 3, int32(m / 2), int32(m - 1), int32(2*m + 5)}
	want := brandesTextbook(start, nbr, src)
	st := newSearchState(n)
	for v := m; v < n; v++ {
		if v != 2*m+5 {
			st.sigma[v], st.delta[v] = math.NaN(), math.NaN()
		}
	}
	got := make([]float64, n)
	brandes(start, nbr, src, st, got)
	for v := range n {
		if v < m || v == 2*m+5 {
			assert.Zero(t, st.sigma[v], "sigma of reached node %d after the searches", v)
			assert.Zero(t, st.delta[v], "delta of reached node %d after the searches", v)
			if math.Abs(got[v]-want[v]) > 1e-12*math.Abs(want[v]) {
				t.Fatalf("node %d: got %v, textbook %v", v, got[v], want[v])
			}
			continue
		}
		if !math.IsNaN(st.sigma[v]) || !math.IsNaN(st.delta[v]) {
			t.Fatalf("node %d, not reached: sigma %v, delta %v, want NaN left as it was", v, st.sigma[v], st.delta[v])
		}
		assert.Zero(t, got[v], "dependency of node %d, not reached", v)
	}
	assert.Equal(t, make([]uint64, len(st.seen)), st.seen, "seen after the searches")
	assert.Equal(t, make([]uint64, len(st.at)), st.at, "at after the searches")
}

// simpleGather is simple as it was first written: each row merged from
// the out-edges and the in-edges read through the in-edge index.
func simpleGather(s *csrStore) *undirected {
	n := s.n()
	u := &undirected{start: make([]int32, n+1)}
	for v := range n {
		out := s.target[s.outStart[v]:s.outStart[v+1]]
		in := s.inEdge()[s.inStart[v]:s.inStart[v+1]]
		row := len(u.nbr)
		for i, j := 0, 0; i < len(out) || j < len(in); {
			var o int32
			var w float64
			if j == len(in) || i < len(out) && out[i] <= s.source[in[j]] {
				o, w = out[i], s.weight[int(s.outStart[v])+i]
				i++
			} else {
				o, w = s.source[in[j]], s.weight[in[j]]
				j++
			}
			switch {
			case o == int32(v):
			case len(u.nbr) > row && u.nbr[len(u.nbr)-1] == o:
				u.wt[len(u.wt)-1] += w
			default:
				u.nbr, u.wt = append(u.nbr, o), append(u.wt, w)
			}
		}
		u.start[v+1] = int32(len(u.nbr))
	}
	return u
}

// TestSimpleMatchesGather checks simple, which scatters the in-edges to
// the rows and copies or merges in place, against simpleGather, to the
// bit: on a graph with reciprocal, parallel and self-loop edges (and
// parallel edges in rows whose in-edges all come before their
// out-edges), on papers that cite
// each other and share artifacts, and on two exact projections, one of
// them of papers that cite each other, whose in-edges scatterIn writes in
// several passes.
func TestSimpleMatchesGather(t *testing.T) {
	b := NewBuilder()
	for _, id := range []string{"paper:a", "paper:b", "paper:c", "paper:d", "paper:e", "paper:f", "dataset:x"} {
		require.NoError(t, b.AddNode(Node{ID: id}))
	}
	for _, e := range []Edge{
		{Source: "paper:a", Target: "dataset:x", Relation: Mentions, Weight: 1},
		{Source: "paper:b", Target: "paper:a", Relation: Shares, Weight: 2.5},
		{Source: "paper:a", Target: "paper:b", Relation: Cites, Weight: 1},
		{Source: "paper:b", Target: "paper:a", Relation: Cites, Weight: 0.25},
		{Source: "paper:c", Target: "paper:c", Relation: Cites, Weight: 1},
		{Source: "paper:c", Target: "paper:a", Relation: Cites, Weight: 1},
		// Parallel edges: d's row repeats e among its out-edges to later
		// nodes, e's repeats d among its in-edges, f's repeats d among
		// its out-edges to earlier nodes.
		{Source: "paper:d", Target: "paper:e", Relation: Cites, Weight: 1},
		{Source: "paper:d", Target: "paper:e", Relation: Shares, Weight: 0.5},
		{Source: "paper:f", Target: "paper:d", Relation: Cites, Weight: 1},
		{Source: "paper:f", Target: "paper:d", Relation: Mentions, Weight: 0.75},
	} {
		require.NoError(t, b.AddEdge(e))
	}
	hand, err := b.Graph()
	require.NoError(t, err)
	citing := synthetic(1500, 5)
	for i := range citing {
		for _, d := range []int{1, 7, 40} {
			if j := (i + d) % len(citing); i%3 == 0 {
				citing[i].Refs = append(citing[i].Refs, papergraph.Ref{ArXiv: citing[j].ArXiv})
			}
		}
	}
	cites, err := Build(citing, Options{NoCentrality: true})
	require.NoError(t, err)
	exact, err := Build(synthetic(1500, 6), Options{NoCentrality: true, Exact: true})
	require.NoError(t, err)
	// The exact projection with citations: dense, with parallel and
	// reciprocal edges.
	exactCites, err := Build(citing, Options{NoCentrality: true, Exact: true})
	require.NoError(t, err)
	// Rows of 64 nodes, so that the dense graphs' in-edges are written in
	// several passes.
	const rows = 64
	require.Greater(t, exact.store.scatterPasses(rows), 1, "exact: passes of scatterIn")
	require.Greater(t, exactCites.store.scatterPasses(rows), 1, "exact with citations: passes of scatterIn")
	for name, g := range map[string]*Graph{"hand-built": hand, "cites": cites, "exact": exact, "exact with citations": exactCites} {
		t.Run(name, func(t *testing.T) {
			want := simpleGather(g.store)
			for _, workers := range []int{1, 3} {
				got := simpleScatter(g.store, workers, rows)
				require.Equal(t, want.start, got.start, "workers %d: row starts", workers)
				require.Equal(t, want.nbr, got.nbr, "workers %d: neighbours", workers)
				for i := range want.wt {
					if math.Float64bits(want.wt[i]) != math.Float64bits(got.wt[i]) {
						t.Fatalf("workers %d: weight %d: got %v, want %v", workers, i, got.wt[i], want.wt[i])
					}
				}
			}
		})
	}
}
