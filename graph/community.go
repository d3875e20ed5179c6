package graph

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/papergraph/papergraph"
)

// Community detection stops after maxPasses local-moving passes, or
// earlier once a pass moves at most one node in minMovedFraction (1%):
// later passes move a few nodes each at the cost of a full pass.
const (
	maxPasses        = 10
	minMovedFraction = 100
	// maxLevels bounds the aggregation levels.
	maxLevels = 8
	// communityTopK is how many strongest shares links of each paper
	// community detection uses (see strongShares).
	communityTopK = DefaultTopK
)

// louvain assigns every node a community label by Louvain modularity
// optimisation: local moving (see level.localMove), then each community
// becomes a node and local moving runs again, until a level moves nothing
// or maxLevels levels ran. Every edge counts with its weight, in both
// directions (shares edges only when strong, see strongShares); nodes
// marked in skip, and their edges, take no part. It is sequential and
// visits nodes in a fixed order, so the result never depends on
// scheduling. The adjacency is copied once from the store into a symmetric
// CSR (8 bytes per edge end, weights as float32) that each pass streams.
// gamma is the resolution; seed 0 visits nodes in index order, another
// seed in a fixed shuffle of it drawn from the seed.
func louvain(g *Graph, skip []bool, gamma float64, seed uint64) (comm []int32, passes []int) {
	s := g.store
	n := len(g.nodes)
	use := strongShares(s, communityTopK)
	for e := range use {
		if use[e] && skip != nil && (skip[s.source[e]] || skip[s.target[e]]) {
			use[e] = false
		}
	}
	// Symmetric CSR of the used edges, in two sequential passes.
	start := make([]int32, n+1)
	for e, ok := range use {
		if ok {
			start[s.source[e]+1]++
			start[s.target[e]+1]++
		}
	}
	for v := range n {
		start[v+1] += start[v]
	}
	nbr := make([]int32, start[n])
	wt := make([]float32, start[n])
	next := slices.Clone(start[:n])
	k := make([]float64, n)
	m2 := 0.0
	for e, ok := range use {
		if !ok {
			continue
		}
		a, b, w := s.source[e], s.target[e], s.weight[e]
		nbr[next[a]], wt[next[a]] = b, float32(w)
		next[a]++
		nbr[next[b]], wt[next[b]] = a, float32(w)
		next[b]++
	}
	for v := range n {
		for _, x := range wt[start[v]:start[v+1]] {
			k[v] += float64(x)
		}
		m2 += k[v]
	}
	lv := &level{start: start, nbr: nbr, wt: wt, k: k}
	comm = make([]int32, n)
	for v := range comm {
		comm[v] = int32(v)
	}
	if m2 == 0 {
		return comm, nil
	}
	// Local moving, then aggregation of each community into a node, until a
	// level moves nothing.
	for depth := 0; depth < maxLevels; depth++ {
		moves, p := lv.localMove(m2, gamma, visitOrder(len(lv.k), seed, depth))
		passes = append(passes, p...)
		if depth > 0 && p[0] == 0 {
			break
		}
		var label []int32
		lv, label = lv.aggregate(moves)
		for v := range comm {
			comm[v] = label[moves[comm[v]]]
		}
		if len(lv.k) == len(moves) {
			break // nothing merged
		}
	}
	return comm, passes
}

// level is a (possibly aggregated) weighted graph in symmetric CSR form;
// k[v] is v's weighted degree including edges inside v (after aggregation).
type level struct {
	start []int32
	nbr   []int32
	wt    []float32
	k     []float64
}

// visitOrder is the order local moving visits n nodes at an aggregation
// level: index order for seed 0, else a shuffle drawn from seed and depth.
func visitOrder(n int, seed uint64, depth int) []int32 {
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	if seed != 0 {
		r := rand.New(rand.NewPCG(seed, uint64(depth)))
		r.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	return order
}

// localMove moves nodes, in the given order, to the neighbouring community
// with the best modularity gain at resolution gamma (ties to the smaller
// label) until a pass moves at most one node in minMovedFraction or
// maxPasses passes ran. It returns each node's community label (a node
// index) and the moves per pass.
func (lv *level) localMove(m2, gamma float64, order []int32) (comm []int32, passes []int) {
	n := len(lv.k)
	comm = make([]int32, n)
	tot := make([]float64, n)
	for v := range comm {
		comm[v] = int32(v)
		tot[v] = lv.k[v]
	}
	nw := make([]float64, n)
	seen := make([]bool, n)
	var near []int32
	for pass := 0; pass < maxPasses; pass++ {
		moved := 0
		for _, v := range order {
			kv := lv.k[v]
			if lv.start[v] == lv.start[v+1] {
				continue
			}
			c0 := comm[v]
			near = append(near[:0], c0)
			seen[c0] = true
			for i := lv.start[v]; i < lv.start[v+1]; i++ {
				c := comm[lv.nbr[i]]
				if !seen[c] {
					seen[c] = true
					near = append(near, c)
				}
				nw[c] += float64(lv.wt[i])
			}
			tot[c0] -= kv
			best, bestGain := c0, nw[c0]-gamma*tot[c0]*kv/m2
			for _, c := range near {
				gain := nw[c] - gamma*tot[c]*kv/m2
				if gain > bestGain || (gain == bestGain && c < best) {
					best, bestGain = c, gain
				}
			}
			tot[best] += kv
			comm[v] = best
			if best != c0 {
				moved++
			}
			for _, c := range near {
				nw[c], seen[c] = 0, false
			}
		}
		passes = append(passes, moved)
		if moved*minMovedFraction <= n {
			break
		}
	}
	return comm, passes
}

// aggregate makes the next level: one node per community, numbered by
// first member; edges between communities summed, edges inside dropped
// (they stay in k). label maps a community label to its new node.
func (lv *level) aggregate(comm []int32) (*level, []int32) {
	n := len(lv.k)
	label := make([]int32, n)
	for i := range label {
		label[i] = -1
	}
	c := int32(0)
	for v := range n {
		if label[comm[v]] < 0 {
			label[comm[v]] = c
			c++
		}
	}
	// Members by new node, in index order.
	mStart := make([]int32, c+1)
	for v := range n {
		mStart[label[comm[v]]+1]++
	}
	for i := range c {
		mStart[i+1] += mStart[i]
	}
	members := make([]int32, n)
	fill := slices.Clone(mStart[:c])
	for v := range n {
		x := label[comm[v]]
		members[fill[x]] = int32(v)
		fill[x]++
	}
	next := &level{start: make([]int32, c+1), k: make([]float64, c)}
	acc := make([]float64, c)
	var touched []int32
	for x := range c {
		touched = touched[:0]
		for _, v := range members[mStart[x]:mStart[x+1]] {
			next.k[x] += lv.k[v]
			for i := lv.start[v]; i < lv.start[v+1]; i++ {
				y := label[comm[lv.nbr[i]]]
				if y == x {
					continue
				}
				if acc[y] == 0 { // weights are positive
					touched = append(touched, y)
				}
				acc[y] += float64(lv.wt[i])
			}
		}
		for _, y := range touched {
			next.nbr = append(next.nbr, y)
			next.wt = append(next.wt, float32(acc[y]))
			acc[y] = 0
		}
		next.start[x+1] = int32(len(next.nbr))
	}
	return next, label
}

// strongShares marks the edges community detection uses: every mentions
// and cites edge, and the shares edges among the k strongest of either
// endpoint (ties to the smaller neighbour), so that an exact projection's
// millions of weak links do not swamp it (and cost no more than a pruned
// one). One sequential pass over the edges feeds a k-heap per node, whose
// entries hold the weight and the other endpoint they are ordered by
// beside the edge: reading those through the edge index instead reads the
// store's columns at random, which on the exact projection of 10,000
// make_corpus.py papers took most of this function's time.
func strongShares(s *csrStore, k int) []bool {
	n := s.n()
	use := makeLarge[bool](s.len())
	// Heap v is heaps[v*k : v*k+size[v]], weakest link on top.
	heaps := make([]link, n*k)
	size := make([]int32, n)
	// top[v] is the top of a full heap v, else a link no link is weaker
	// than: most links are turned away by it, and the targets' heaps,
	// reached at random, are read only for the others.
	top := make([]link, n)
	for v := range top {
		top[v].w, top[v].o = math.Inf(-1), math.MaxInt32
	}
	weaker := link.weaker
	// push puts l on heap v, which top[v] does not turn it away from.
	push := func(v int32, l link) {
		m := int(size[v])
		h := heaps[int(v)*k : int(v)*k+k]
		if m < k {
			h[m] = l
			size[v]++
			for i := m; i > 0; {
				p := (i - 1) / 2
				if !weaker(h[i], h[p]) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
		} else {
			h[0] = l
			for i := 0; ; {
				c, m := 2*i+1, i
				if c < k && weaker(h[c], h[m]) {
					m = c
				}
				if c+1 < k && weaker(h[c+1], h[m]) {
					m = c + 1
				}
				if m == i {
					break
				}
				h[i], h[m] = h[m], h[i]
				i = m
			}
		}
		if size[v] == int32(k) {
			top[v] = h[0]
		}
	}
	// A node with at most k shares edges keeps them all: only the others
	// need a heap.
	// Both passes go row by row (edge order), so that a row's source is
	// read once.
	count := make([]int32, n)
	for a := range n {
		lo, hi := s.outStart[a], s.outStart[a+1]
		rel, tgt := s.rel[lo:hi], s.target[lo:hi]
		for i, b := range tgt {
			if rel[i] == relShares {
				count[a]++
				count[b]++
			}
		}
	}
	for a := range int32(n) {
		lo, hi := s.outStart[a], s.outStart[a+1]
		rel, tgt, wt := s.rel[lo:hi], s.target[lo:hi], s.weight[lo:hi]
		few := count[a] <= int32(k)
		for i, b := range tgt {
			e := lo + int32(i)
			if rel[i] != relShares {
				use[e] = a != b
				continue
			}
			w := wt[i]
			if few || count[b] <= int32(k) {
				use[e] = true
			}
			if l := (link{w, b, e}); !few && !l.weaker(top[a]) {
				push(a, l)
			}
			if l := (link{w, a, e}); count[b] > int32(k) && !l.weaker(top[b]) {
				push(b, l)
			}
		}
	}
	for v := range n {
		for _, l := range heaps[v*k : v*k+int(size[v])] {
			use[l.e] = true
		}
	}
	return use
}

// link is an edge in a heap of strongShares: its weight, the other
// endpoint, the edge.
type link struct {
	w float64
	o int32
	e int32
}

// weaker reports whether x is a weaker link than y.
func (x link) weaker(y link) bool {
	return x.w < y.w || (x.w == y.w && x.o > y.o)
}

// numberCommunities sets Node.Community: communities of two or more batch
// papers (a paper linked to nothing, or only to artifacts no other paper
// names, is in none) numbered by decreasing size in nodes, ties by their
// first node's ID; -1 for the rest. It returns how many communities there
// are.
func numberCommunities(nodes []Node, comm []int32) int {
	size := make([]int32, len(nodes))
	papers := make([]int32, len(nodes))
	first := make([]int32, len(nodes))
	for i := range first {
		first[i] = -1
	}
	for v, c := range comm {
		size[c]++
		if nodes[v].Kind == papergraph.KindPaper && !nodes[v].External {
			papers[c]++
		}
		if first[c] < 0 {
			first[c] = int32(v)
		}
	}
	var labels []int32
	for c, n := range papers {
		if n >= 2 {
			labels = append(labels, int32(c))
		}
	}
	slices.SortFunc(labels, func(x, y int32) int {
		return cmp.Or(cmp.Compare(size[y], size[x]), cmp.Compare(first[x], first[y]))
	})
	number := make([]int32, len(nodes))
	for i := range number {
		number[i] = -1
	}
	for i, c := range labels {
		number[c] = int32(i)
	}
	for v, c := range comm {
		nodes[v].Community = int(number[c])
	}
	return len(labels)
}
