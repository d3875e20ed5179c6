package graph

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/papergraph/papergraph"
)

// Centrality settings. PageRank is the power iteration networkx and igraph
// compute, stopped when an iteration changes the vector by less than
// pageRankTol (L1) or after pageRankMaxIter iterations.
const (
	// Damping is the PageRank damping factor.
	Damping         = 0.85
	pageRankTol     = 1e-10
	pageRankMaxIter = 200
	// BetweennessBudget bounds the work of betweenness centrality: one
	// breadth-first search per source node costs about as many steps as
	// the graph has edge ends, and sources × edge ends stays under this
	// budget. A graph small enough for every node to be a source gets
	// exact betweenness; a larger one gets an estimate from a seeded
	// uniform sample of sources (at least MinBetweennessSources),
	// scaled by nodes / sources (Brandes and Pich 2007). Measured on
	// synthetic batches, see the README's Analysis section.
	BetweennessBudget     = 1 << 26
	MinBetweennessSources = 16
	// betweennessBlocks fixes how the sources are split between
	// goroutines: each block sums its own sources in order and the blocks
	// are added in order, so the result does not depend on GOMAXPROCS.
	betweennessBlocks = 16
)

// undirected is a graph as a simple undirected weighted graph in CSR form:
// the neighbours of v are nbr[start[v]:start[v+1]], sorted, each once,
// with the summed weight of every edge between the two in either
// direction; self-loops are left out.
type undirected struct {
	start []int32
	nbr   []int32
	wt    []float64
}

// simple makes the undirected simple graph of s: parallel and reciprocal
// edges (a cites and a shares edge between two papers) become one
// neighbour whose weight is their sum. Rows are merged from the store's
// out-edges (sorted by target) and in-edges (sorted by source) in
// parallel; the result does not depend on workers.
func simple(s *csrStore, workers int) *undirected {
	n := s.n()
	u := &undirected{start: make([]int32, n+1)}
	// Upper bound per row, then merge each row in place, then compact.
	bound := make([]int32, n+1)
	for v := range n {
		bound[v+1] = bound[v] + int32(s.degree(int32(v)))
	}
	nbr := make([]int32, bound[n])
	wt := make([]float64, bound[n])
	size := make([]int32, n)
	parallel(n, 4096, workers, func(lo, hi int) {
		for v := lo; v < hi; v++ {
			out := s.target[s.outStart[v]:s.outStart[v+1]]
			in := s.inEdge[s.inStart[v]:s.inStart[v+1]]
			k, i, j := bound[v], 0, 0
			for i < len(out) || j < len(in) {
				var o int32
				var w float64
				if j == len(in) || i < len(out) && out[i] <= s.source[in[j]] {
					o, w = out[i], s.weight[int(s.outStart[v])+i]
					i++
				} else {
					o, w = s.source[in[j]], s.weight[in[j]]
					j++
				}
				if o == int32(v) {
					continue
				}
				if k > bound[v] && nbr[k-1] == o {
					wt[k-1] += w
					continue
				}
				nbr[k], wt[k] = o, w
				k++
			}
			size[v] = k - bound[v]
		}
	})
	for v := range n {
		u.start[v+1] = u.start[v] + size[v]
	}
	u.nbr = make([]int32, u.start[n])
	u.wt = make([]float64, u.start[n])
	for v := range n {
		copy(u.nbr[u.start[v]:u.start[v+1]], nbr[bound[v]:bound[v]+size[v]])
		copy(u.wt[u.start[v]:u.start[v+1]], wt[bound[v]:bound[v]+size[v]])
	}
	return u
}

func (u *undirected) n() int { return len(u.start) - 1 }

// pageRank returns the weighted PageRank of every node of u, with damping
// [Damping], a uniform teleport and dangling (isolated) nodes' rank spread
// uniformly, as networkx.pagerank and igraph's PRPACK compute it. Each
// node's new rank is summed by one goroutine from its neighbours in order,
// and the convergence test sums fixed chunks in order: the result does not
// depend on workers.
func (u *undirected) pageRank(workers int) []float64 {
	n := u.n()
	if n == 0 {
		return nil
	}
	const chunk = 4096
	strength := make([]float64, n)
	for v := range n {
		for _, w := range u.wt[u.start[v]:u.start[v+1]] {
			strength[v] += w
		}
	}
	re := u.rankEdges(workers)
	x := make([]float64, n)
	next := make([]float64, n)
	y := make([]float64, n) // x[v] / strength[v]
	for v := range x {
		x[v] = 1 / float64(n)
	}
	diff := make([]float64, (n+chunk-1)/chunk)
	for range pageRankMaxIter {
		dangling := 0.0
		for v := range n {
			if strength[v] > 0 {
				y[v] = x[v] / strength[v]
			} else {
				y[v] = 0
				dangling += x[v]
			}
		}
		base := (1-Damping)/float64(n) + Damping*dangling/float64(n)
		parallel(n, chunk, workers, func(lo, hi int) {
			diff[lo/chunk] = re.step(lo, hi, base, x, y, next)
		})
		x, next = next, x
		total := 0.0
		for _, d := range diff {
			total += d
		}
		if total < pageRankTol {
			break
		}
	}
	return x
}

// rankEdges is u's adjacency as each PageRank iteration reads it (about
// a hundred times: its memory traffic is PageRank's cost): neighbours as
// uint16 when u has at most 65,536 nodes, weights as an index into the
// distinct weights when there are at most 65,536 of those. Every weight
// read is the float64 of u.wt, summed in the same order: the ranks are the
// same to the bit.
type rankEdges struct {
	start []int32
	nbr32 []int32 // u.nbr, when nbr16 is nil
	nbr16 []uint16
	wt    []float64 // u.wt, when wIdx is nil
	wIdx  []uint16  // per end, an index into wVal
	wVal  []float64
}

func (u *undirected) rankEdges(workers int) *rankEdges {
	re := &rankEdges{start: u.start, nbr32: u.nbr, wt: u.wt}
	const small = 1 << 16
	if u.n() <= small {
		re.nbr16 = make([]uint16, len(u.nbr))
		parallel(len(u.nbr), 1<<16, workers, func(lo, hi int) {
			for i, v := range u.nbr[lo:hi] {
				re.nbr16[lo+i] = uint16(v)
			}
		})
	}
	idx := make([]uint16, len(u.wt))
	at := make(map[uint64]uint16)
	var vals []float64
	last, lastIdx := uint64(0), uint16(0)
	for i, w := range u.wt {
		b := math.Float64bits(w)
		if i == 0 || b != last {
			k, ok := at[b]
			if !ok {
				if len(vals) == small {
					return re // too many distinct weights: read u.wt
				}
				k = uint16(len(vals))
				at[b] = k
				vals = append(vals, w)
			}
			last, lastIdx = b, k
		}
		idx[i] = lastIdx
	}
	re.wIdx, re.wVal = idx, vals
	return re
}

// step computes next[v] for v in [lo, hi) from y = x / strength and
// returns the L1 change from x over those nodes.
func (re *rankEdges) step(lo, hi int, base float64, x, y, next []float64) float64 {
	switch {
	case re.nbr16 != nil && re.wIdx != nil:
		return rankIndexed(re.start, re.nbr16, re.wIdx, re.wVal, lo, hi, base, x, y, next)
	case re.nbr16 != nil:
		return rankDirect(re.start, re.nbr16, re.wt, lo, hi, base, x, y, next)
	case re.wIdx != nil:
		return rankIndexed(re.start, re.nbr32, re.wIdx, re.wVal, lo, hi, base, x, y, next)
	}
	return rankDirect(re.start, re.nbr32, re.wt, lo, hi, base, x, y, next)
}

func rankDirect[N int32 | uint16](start []int32, nbr []N, wt []float64, lo, hi int, base float64, x, y, next []float64) float64 {
	d := 0.0
	for v := lo; v < hi; v++ {
		sum := 0.0
		a, b := start[v], start[v+1]
		ns, ws := nbr[a:b], wt[a:b]
		for i, t := range ns {
			sum += ws[i] * y[t]
		}
		next[v] = base + Damping*sum
		d += math.Abs(next[v] - x[v])
	}
	return d
}

func rankIndexed[N int32 | uint16](start []int32, nbr []N, idx []uint16, val []float64, lo, hi int, base float64, x, y, next []float64) float64 {
	d := 0.0
	for v := lo; v < hi; v++ {
		sum := 0.0
		a, b := start[v], start[v+1]
		ns, ks := nbr[a:b], idx[a:b]
		for i, t := range ns {
			sum += val[ks[i]] * y[t]
		}
		next[v] = base + Damping*sum
		d += math.Abs(next[v] - x[v])
	}
	return d
}

// betweenness returns every node's shortest-path betweenness in u
// (unweighted: each edge one step), normalised as networkx does for an
// undirected graph (divided by (n−1)(n−2), so a value is the share of the
// other pairs' shortest paths through the node), and the number of
// sources used: n when exact, else a sample drawn with seed, the sum then
// scaled by n / sources.
func (u *undirected) betweenness(workers int, seed uint64) ([]float64, int) {
	n := u.n()
	bc := make([]float64, n)
	if n < 3 {
		return bc, n
	}
	sources := make([]int32, n)
	for i := range sources {
		sources[i] = int32(i)
	}
	k := n
	if ends := max(int64(len(u.nbr)), 1); int64(n)*ends > betweennessBudget {
		k = max(MinBetweennessSources, int(betweennessBudget/ends))
		if k < n {
			r := rand.New(rand.NewPCG(seed, 0x6274776e)) // "btwn"
			for i := range k {
				j := i + r.IntN(n-i)
				sources[i], sources[j] = sources[j], sources[i]
			}
			sources = sources[:k]
			slices.Sort(sources)
		} else {
			k = n
		}
	}
	blocks := min(betweennessBlocks, k)
	acc := make([][]float64, blocks)
	// Each search reads every edge end twice: uint16 neighbours, when the
	// graph is small enough for them, halve that traffic.
	var nbr16 []uint16
	if n <= 1<<16 && k > 4 {
		nbr16 = make([]uint16, len(u.nbr))
		for i, v := range u.nbr {
			nbr16[i] = uint16(v)
		}
	}
	parallel(blocks, 1, workers, func(lo, hi int) {
		for b := lo; b < hi; b++ {
			src := sources[b*k/blocks : (b+1)*k/blocks]
			if nbr16 != nil {
				acc[b] = brandes(u.start, nbr16, src)
			} else {
				acc[b] = brandes(u.start, u.nbr, src)
			}
		}
	})
	for _, a := range acc {
		for v, x := range a {
			bc[v] += x
		}
	}
	scale := 1 / (float64(n-1) * float64(n-2))
	if k < n {
		scale *= float64(n) / float64(k)
	}
	for v := range bc {
		bc[v] *= scale
	}
	return bc, k
}

// brandes sums, for the given sources in order, each node's dependency
// (Brandes 2001) in the graph of neighbours nbr[start[v]:start[v+1]]: one
// breadth-first search per source, then the dependencies accumulated back
// from the farthest nodes. Predecessors are found again from the distances
// instead of being stored.
func brandes[N int32 | uint16](start []int32, nbr []N, sources []int32) []float64 {
	n := len(start) - 1
	acc := make([]float64, n)
	dist := make([]int32, n)
	sigma := make([]float64, n)
	delta := make([]float64, n)
	order := make([]int32, 0, n)
	for i := range dist {
		dist[i] = -1
	}
	for _, s := range sources {
		order = append(order[:0], s)
		dist[s], sigma[s] = 0, 1
		for q := 0; q < len(order); q++ {
			v := order[q]
			dv := dist[v] + 1
			for _, w := range nbr[start[v]:start[v+1]] {
				switch dist[w] {
				case -1:
					dist[w] = dv
					sigma[w] = sigma[v]
					order = append(order, int32(w))
				case dv:
					sigma[w] += sigma[v]
				}
			}
		}
		for q := len(order) - 1; q > 0; q-- {
			w := order[q]
			dw := dist[w] - 1
			c := (1 + delta[w]) / sigma[w]
			for _, v := range nbr[start[w]:start[w+1]] {
				if dist[v] == dw {
					delta[v] += sigma[v] * c
				}
			}
			acc[w] += delta[w]
		}
		for _, v := range order {
			dist[v], sigma[v], delta[v] = -1, 0, 0
		}
	}
	return acc
}

// betweennessBudget is BetweennessBudget, lowered by tests.
var betweennessBudget int64 = BetweennessBudget

// citedBy counts, per node, the cites edges into it from papers of the
// batch (not external papers).
func citedBy(s *csrStore, nodes []Node) []int32 {
	c := make([]int32, s.n())
	for e := range s.len() {
		if s.rel[e] == relCites && !nodes[s.source[e]].External {
			c[s.target[e]]++
		}
	}
	return c
}

// centrality sets CitedBy on every node of a finished graph and, when
// full, PageRank and Betweenness, recording the betweenness sources in the
// stats.
func (g *Graph) centrality(workers int, seed uint64, full bool) {
	var pr, bc []float64
	if full {
		u := simple(g.store, workers)
		pr = u.pageRank(workers)
		bc, g.stats.BetweennessSources = u.betweenness(workers, seed)
	}
	cb := citedBy(g.store, g.nodes)
	for i := range g.nodes {
		n := &g.nodes[i]
		if full {
			n.PageRank, n.Betweenness = pr[i], bc[i]
		}
		n.CitedBy = -1
		if n.Kind == papergraph.KindPaper {
			n.CitedBy = int(cb[i])
		}
	}
}
