package graph

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/papergraph/papergraph"
)

// Centrality settings. PageRank is the power iteration networkx and igraph
// compute, stopped when an iteration changes the vector by less than
// pageRankTol (L1) or after pageRankMaxIter iterations, with a quadratic
// extrapolation (Kamvar, Haveliwala, Manning and Golub 2003) every
// extrapolateEvery iterations: the combination of the last four iterates
// from which the two largest error terms have been taken out. Against a
// run of the plain iteration to 1e-12 the largest relative error of a
// node's rank is smaller than the plain iteration's to 1e-9, in a third to
// two thirds of the iterations: 100,000 synthetic papers 3.7e-8 (plain
// 6.6e-7), 48 iterations (79), 1 of 134,477 printed values differing by
// one in the last digit (41); their exact projection of 10,000 5.3e-8
// (7.6e-8), 32 (95); the records of make_corpus.py 100000 9.9e-9 (2.3e-8),
// 50 (84), 3 of 103,795 printed values (33); its 10,000 exact 5.6e-9
// (8.0e-7), 25 (81), none (5); ../shared/corpus/arxiv-2026-07 3.9e-9
// (5.2e-9), 51 (111). That is under half a unit of the sixth significant
// digit the outputs print. The extrapolation gives every node the same
// combination of its own four values, so nodes in symmetric places keep
// equal ranks but for the last bits their sums can differ in when they
// read their neighbours in another order; the ranks are rounded to
// rankBits significant bits (a relative 1e-12, far below the iteration's
// error), so that those nearly always come out equal and ties (a
// community's top papers) go to the smaller ID. Not always: two values
// a few ulps apart that fall on either side of a rounding boundary stay
// one step (2^-40 relative) apart, and the larger is listed first; of
// 4,301 groupings of TestPageRankTies' kind (10 to 400 papers, 2 to 12
// groups), 4 split so, where every one did before the rounding. An order
// that never splits them needs sums that do not depend on the order of
// a row's neighbours. Gauss–Seidel sweeps would lose even this: the
// later of two symmetric nodes reads newer ranks, and their ranks differ
// by as much as the iteration's error.
const (
	// Damping is the PageRank damping factor.
	Damping          = 0.85
	pageRankTol      = 1e-10
	pageRankMaxIter  = 200
	extrapolateEvery = 6
	rankBits         = 40
	// BetweennessBudget bounds the work of exact betweenness centrality:
	// one breadth-first search per source node costs about as many steps
	// as the graph has edge ends, and a graph whose nodes × edge ends stays
	// within this budget gets exact betweenness, every node a source. A
	// larger one gets an estimate from a seeded uniform sample of sources,
	// as many as BetweennessSampleBudget / edge ends allows but at least
	// MinBetweennessSources, scaled by nodes / sources (Brandes and Pich
	// 2007). The error is measured on synthetic batches, see the README's
	// Analysis section.
	BetweennessBudget       = 1 << 26
	BetweennessSampleBudget = 1 << 24
	MinBetweennessSources   = 16
	// betweennessBlocks fixes how the sources are split between
	// goroutines: each block sums its own sources in order and the blocks
	// are added in order, so the result does not depend on GOMAXPROCS.
	betweennessBlocks = 16
)

// undirected is a graph as a simple undirected weighted graph in CSR form:
// the neighbours of v are nbr[start[v]:start[v+1]], sorted, each once,
// with the summed weight of every edge between the two in either
// direction; self-loops are left out.
//
// An undirected is read-only once narrow has made nbr16 (the only field
// written after simple or local returns; a later call only reads it):
// centrality calls narrow before PageRank and betweenness start, which
// then read one undirected at the same time.
type undirected struct {
	start []int32
	nbr   []int32
	wt    []float64
	nbr16 []uint16 // nbr as uint16, see narrow
}

// simple makes the undirected simple graph of s: parallel and reciprocal
// edges (a cites and a shares edge between two papers) become one
// neighbour whose weight is their sum. Each row is bounded by its degree;
// its in-edges are first put in edge order (by source), reading the store
// front to back, after as many places as the node has out-edges to nodes
// before it. Gathering each in-edge's source and weight through the
// in-edge index instead reads the edges at random: on the exact
// projection of 10,000 make_corpus.py papers that took four times as
// long. Then, in parallel, a row whose in-edges come from nodes between
// the targets of those out-edges and of the others, no node twice, is
// those out-edges, the in-edges and the other out-edges as they are, and
// the out-edges are copied around the in-edges: most rows, as a paper's
// shares edges go to later papers and come from earlier ones, and its
// mentions edges go to artifacts, whose IDs sort before papers'. Any
// other row's in-edges move to its end and are merged in place with its
// out-edges (by target). The result does not depend on workers.
func simple(s *csrStore, workers int) *undirected {
	return simpleScatter(s, workers, scatterRows)
}

// simpleScatter is simple, with scatterIn writing the in-edges of rows
// rows a pass (tests make several passes on small graphs).
func simpleScatter(s *csrStore, workers, rows int) *undirected {
	n := s.n()
	u := &undirected{start: make([]int32, n+1)}
	bound := make([]int32, n+1)
	for v := range n {
		bound[v+1] = bound[v] + int32(s.degree(int32(v)))
	}
	nbr := makeLarge[int32](int(bound[n]))
	wt := makeLarge[float64](int(bound[n]))
	// Row v's in-edges go after its out-edges to nodes before v: fill[v]
	// starts there, and scatterIn leaves it past them.
	fill := make([]int32, n)
	for v := range n {
		i, _ := slices.BinarySearch(s.target[s.outStart[v]:s.outStart[v+1]], int32(v))
		fill[v] = bound[v] + int32(i)
	}
	s.scatterIn(nbr, wt, fill, rows)
	size := make([]int32, n)
	parallel(n, 4096, workers, func(lo, hi int) {
		for v := lo; v < hi; v++ {
			out := s.target[s.outStart[v]:s.outStart[v+1]]
			outW := s.weight[s.outStart[v]:s.outStart[v+1]]
			deg := s.inStart[v+1] - s.inStart[v]
			at := fill[v] - deg  // the row's in-edges start here
			low := at - bound[v] // after the out-edges to nodes before v
			if ordered(out[:low], nbr[at:at+deg], out[low:]) {
				copy(nbr[bound[v]:at], out[:low])
				copy(wt[bound[v]:at], outW[:low])
				copy(nbr[at+deg:bound[v+1]], out[low:])
				copy(wt[at+deg:bound[v+1]], outW[low:])
				size[v] = bound[v+1] - bound[v]
				continue
			}
			// The in-edges move to the row's end, where they are read
			// before the merge writes over them: the write position
			// never passes the next one read.
			in := bound[v+1] - deg
			copy(nbr[in:bound[v+1]], nbr[at:at+deg])
			copy(wt[in:bound[v+1]], wt[at:at+deg])
			k, i, j := bound[v], 0, in
			for i < len(out) || j < bound[v+1] {
				var o int32
				var w float64
				if j == bound[v+1] || i < len(out) && out[i] <= nbr[j] {
					o, w = out[i], outW[i]
					i++
				} else {
					o, w = nbr[j], wt[j]
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
	if u.start[n] == bound[n] {
		// No parallel, reciprocal or self-loop edges (the usual case): the
		// rows are in place already.
		u.nbr, u.wt = nbr, wt
		return u
	}
	u.nbr = makeLarge[int32](int(u.start[n]))
	u.wt = makeLarge[float64](int(u.start[n]))
	for v := range n {
		copy(u.nbr[u.start[v]:u.start[v+1]], nbr[bound[v]:bound[v]+size[v]])
		copy(u.wt[u.start[v]:u.start[v+1]], wt[bound[v]:bound[v]+size[v]])
	}
	return u
}

// ordered reports whether a row of in-edges from in and out-edges to
// before and after (each sorted) is before, in and after one after the
// other, without a node twice: then the row has no self-loop (its node
// would be in in and in after) and nothing to sum. The caller guarantees
// that every node in before is less than every node in after (they are
// the out-edges to nodes before the row's own and the rest).
func ordered(before, in, after []int32) bool {
	if len(in) > 0 && (len(before) > 0 && before[len(before)-1] >= in[0] ||
		len(after) > 0 && in[len(in)-1] >= after[0]) {
		return false
	}
	return !repeats(before) && !repeats(in) && !repeats(after)
}

// repeats reports whether sorted nodes holds a node twice.
func repeats(nodes []int32) bool {
	for i := 1; i < len(nodes); i++ {
		if nodes[i] == nodes[i-1] {
			return true
		}
	}
	return false
}

// scatterRows is how many rows' in-edges scatterIn writes in one pass
// over the store: two cache lines of each row being written, for the
// neighbour and the weight, fill 256 KB, which the processor's
// second-level cache holds.
const scatterRows = 2048

// scatterIn writes every edge's source and weight to nbr and wt at its
// target's position in fill, which it advances: each row's in-edges in
// edge order (by source). Writing them in one pass over the edges wrote
// to every row at random, a cache miss for most edges (11,560 rows of the
// exact projection of 10,000 make_corpus.py papers); each pass here
// writes to the rows of one range of targets, reading from each source's
// row (sorted by target) the edges into that range, where a cursor per
// source left off. There are at most a 32nd of the mean degree of passes,
// so the cursors cost little beside the edges; a sparser graph (a mean
// degree under 64, as the default projection of 100,000 papers) is
// written in one pass over the edges. A pass writes the rows of rows
// targets (scatterRows, but fewer in tests).
func (s *csrStore) scatterIn(nbr []int32, wt []float64, fill []int32, rows int) {
	n := s.n()
	passes := s.scatterPasses(rows)
	if passes <= 1 {
		for e, t := range s.target {
			k := fill[t]
			nbr[k], wt[k] = s.source[e], s.weight[e]
			fill[t]++
		}
		return
	}
	cur := slices.Clone(s.outStart[:n])
	for p := range passes {
		hi := int32((p + 1) * n / passes)
		for v := range n {
			c, end := cur[v], s.outStart[v+1]
			for ; c < end && s.target[c] < hi; c++ {
				t := s.target[c]
				k := fill[t]
				nbr[k], wt[k] = int32(v), s.weight[c]
				fill[t]++
			}
			cur[v] = c
		}
	}
}

// scatterPasses is how many passes scatterIn makes, of rows targets each.
func (s *csrStore) scatterPasses(rows int) int {
	n := s.n()
	return min((n+rows-1)/rows, s.len()/max(16*n, 1))
}

func (u *undirected) n() int { return len(u.start) - 1 }

// narrow returns u.nbr as uint16, made once and shared by PageRank and
// betweenness, or nil when u has more than 65,536 nodes.
func (u *undirected) narrow(workers int) []uint16 {
	if u.nbr16 == nil && u.n() <= 1<<16 {
		u.nbr16 = makeLarge[uint16](len(u.nbr))
		parallel(len(u.nbr), 1<<16, workers, func(lo, hi int) {
			for i, v := range u.nbr[lo:hi] {
				u.nbr16[lo+i] = uint16(v)
			}
		})
	}
	return u.nbr16
}

// localMin is the size from which centrality renumbers a graph (see local).
const localMin = 1 << 16

// local returns u with its nodes renumbered in breadth-first order, and
// at, the new index of each node of u. The search starts from the node of
// highest degree (the smallest index among equals), then from the
// smallest node not yet reached, until every node is numbered; each
// node's neighbours keep their order. Nodes that are near each other in
// the graph are then near each other in memory: a betweenness search,
// which reads the state of every neighbour of every node it reaches,
// runs about 1.6 times as fast on 100,000 papers.
//
// Graphs of at most localMin nodes are not renumbered: their per-node
// state fits in the processor's cache however the nodes are numbered.
func (u *undirected) local() (l *undirected, at []int32) {
	n := u.n()
	at = make([]int32, n)
	for i := range at {
		at[i] = -1
	}
	order := make([]int32, 0, n)
	visit := func(s int32) {
		at[s] = int32(len(order))
		order = append(order, s)
		for q := len(order) - 1; q < len(order); q++ {
			v := order[q]
			for _, w := range u.nbr[u.start[v]:u.start[v+1]] {
				if at[w] < 0 {
					at[w] = int32(len(order))
					order = append(order, w)
				}
			}
		}
	}
	if n > 0 {
		hub := 0
		for v := range n {
			if u.start[v+1]-u.start[v] > u.start[hub+1]-u.start[hub] {
				hub = v
			}
		}
		visit(int32(hub))
	}
	for v := range n {
		if at[v] < 0 {
			visit(int32(v))
		}
	}
	l = &undirected{start: make([]int32, n+1), nbr: makeLarge[int32](len(u.nbr)), wt: makeLarge[float64](len(u.wt))}
	for i, v := range order {
		a, b := u.start[v], u.start[v+1]
		l.start[i+1] = l.start[i] + b - a
		o := l.start[i]
		for j, w := range u.nbr[a:b] {
			l.nbr[o+int32(j)] = at[w]
		}
		copy(l.wt[o:o+b-a], u.wt[a:b])
	}
	return l, at
}

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
	const chunk, rowChunk = 4096, 256
	re, strength := u.rankEdges(workers)
	x := make([]float64, n)
	next := make([]float64, n)
	// y[v] = x[v] / strength[v], held in at least 65,536 values for
	// rankIndexed's uint16 route.
	y := make([]float64, max(n, 1<<16))
	for v := range x {
		x[v] = 1 / float64(n)
	}
	diff := make([]float64, (n+chunk-1)/chunk)
	// hist holds the iterates of the three passes before an extrapolation.
	var hist [3][]float64
	for i := range hist {
		hist[i] = make([]float64, n)
	}
	for pass := 1; pass <= pageRankMaxIter; pass++ {
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
		// Rows in small chunks, which the goroutines share evenly however
		// long the rows are (four chunks of 4,096 rows of the exact
		// projection of 10,000 papers held 2.0, 3.7, 3.4 and 0.003 M
		// edge ends); the change in chunks of fixed size, summed in order.
		parallel(n, rowChunk, workers, func(lo, hi int) {
			re.step(lo, hi, base, y, next)
		})
		parallel(n, chunk, workers, func(lo, hi int) {
			d := 0.0
			for v := lo; v < hi; v++ {
				d += math.Abs(next[v] - x[v])
			}
			diff[lo/chunk] = d
		})
		x, next = next, x
		total := 0.0
		for _, d := range diff {
			total += d
		}
		if total < pageRankTol {
			break
		}
		switch k := pass % extrapolateEvery; {
		case k == 0:
			if extrapolate(hist[0], hist[1], hist[2], x, next) {
				x, next = next, x
			}
		case k >= extrapolateEvery-3:
			copy(hist[k-(extrapolateEvery-3)], x)
		}
	}
	for v, r := range x {
		x[v] = roundBits(r, rankBits)
	}
	return x
}

// roundBits rounds x to the nearest float64 with bits significant bits
// (ties away from zero).
func roundBits(x float64, bits int) float64 {
	drop := uint(52 - bits)
	b := math.Float64bits(x)
	return math.Float64frombits((b + 1<<(drop-1)) &^ (1<<drop - 1))
}

// extrapolate writes to z the quadratic extrapolation of the iterates x3,
// x2, x1, x0 (oldest first; Kamvar et al. 2003, algorithm 3): with the
// differences yi = xi − x3, the least-squares γ1, γ2 of γ1 y2 + γ2 y1 ≈ −y0
// give z = (γ1+γ2+1) x2 + (γ2+1) x1 + x0, scaled to sum 1. The sums run
// in node order, so z does not depend on workers; each node's value is
// the same function of its own four values. It returns false, and z is
// to be ignored, when the differences are too nearly parallel to solve
// for or a value of z is not positive (every rank is at least the
// teleport share).
func extrapolate(x3, x2, x1, x0, z []float64) bool {
	var a11, a12, a22, b1, b2 float64
	for v := range x0 {
		y2, y1, y0 := x2[v]-x3[v], x1[v]-x3[v], x0[v]-x3[v]
		a11 += y2 * y2
		a12 += y2 * y1
		a22 += y1 * y1
		b1 += y2 * y0
		b2 += y1 * y0
	}
	det := a11*a22 - a12*a12
	if !(det > 1e-12*a11*a22) {
		return false
	}
	g1 := -(a22*b1 - a12*b2) / det
	g2 := -(a11*b2 - a12*b1) / det
	c2, c1 := g1+g2+1, g2+1
	sum := 0.0
	for v := range z {
		z[v] = c2*x2[v] + c1*x1[v] + x0[v]
		if !(z[v] > 0) {
			return false
		}
		sum += z[v]
	}
	if !(sum > 0) || math.IsInf(sum, 0) {
		return false
	}
	for v := range z {
		z[v] /= sum
	}
	return true
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
	// wVal holds the distinct weights, zeros after the last: a uint16
	// index is always in its bounds, so step reads it without checking.
	wVal *[1 << 16]float64
}

// rankEdges returns u's rankEdges and each node's strength (the sum of its
// row's weights, in row order), both from one pass over u.wt.
func (u *undirected) rankEdges(workers int) (*rankEdges, []float64) {
	re := &rankEdges{start: u.start, nbr32: u.nbr, wt: u.wt}
	re.nbr16 = u.narrow(workers)
	strength := make([]float64, u.n())
	var w weightIndex
	idx := makeLarge[uint16](len(u.wt))
	last, lastIdx, have := uint64(0), uint16(0), false
	for v := range strength {
		a, b := u.start[v], u.start[v+1]
		ws := u.wt[a:b]
		sum := 0.0
		if idx == nil {
			for _, x := range ws {
				sum += x
			}
			strength[v] = sum
			continue
		}
		// The row's indices as long as its weights: the loop checks no
		// bounds of its own.
		is := idx[a:b]
		is = is[:len(ws)]
		for i, x := range ws {
			sum += x
			if bits := math.Float64bits(x); bits != last || !have {
				k, ok := w.lookup(bits)
				if !ok {
					if k, ok = w.of(x); !ok {
						idx = nil // too many distinct weights: read u.wt
						for _, x := range ws[i+1:] {
							sum += x
						}
						break
					}
				}
				last, lastIdx, have = bits, k, true
			}
			is[i] = lastIdx
		}
		strength[v] = sum
	}
	if idx != nil {
		re.wIdx, re.wVal = idx, new([1 << 16]float64)
		copy(re.wVal[:], w.vals)
	}
	return re, strength
}

// weightIndex numbers at most 65,536 distinct weights by their bits, in an
// open-addressing table kept at most half full, which starts small and
// doubles: on an exact projection, where neighbouring weights seldom
// repeat, a map lookup for each weight was half of rankEdges' time, and a
// table of 2^17 slots, the most the weights can need, missed the
// processor's second-level cache where the 7,198 weights of the exact
// projection of 10,000 make_corpus.py papers fit a table of 2^14. A
// slot holds a weight's bits and its number side by side, so that
// finding a weight reads one cache line; lookup, which finds a weight
// numbered before, is small enough to be inlined in rankEdges' loop,
// which asks it about every edge end.
type weightIndex struct {
	tab   []weightSlot
	shift uint // 64 - log2(len(tab))
	vals  []float64
}

// weightSlot is a slot of a weightIndex: the bits of a weight and its
// index in vals + 1, 0 when the slot is empty.
type weightSlot struct {
	bits uint64
	num  uint32
}

// lookup returns the index of the weight with bits b when it was
// numbered, else false.
func (w *weightIndex) lookup(b uint64) (uint16, bool) {
	if len(w.tab) == 0 {
		return 0, false
	}
	mask := uint64(len(w.tab) - 1)
	for h := b * 0x9e3779b97f4a7c15 >> w.shift; ; h = (h + 1) & mask {
		switch e := w.tab[h&mask]; {
		case e.num == 0:
			return 0, false
		case e.bits == b:
			return uint16(e.num - 1), true
		}
	}
}

// of returns the index of weight x, numbering it when new, or false when
// x would be the 65,537th distinct weight.
func (w *weightIndex) of(x float64) (uint16, bool) {
	b := math.Float64bits(x)
	if k, ok := w.lookup(b); ok {
		return k, true
	}
	if len(w.vals) == 1<<16 {
		return 0, false
	}
	if 2*(len(w.vals)+1) > len(w.tab) {
		w.grow()
	}
	w.tab[w.find(b)] = weightSlot{b, uint32(len(w.vals)) + 1}
	w.vals = append(w.vals, x)
	return uint16(len(w.vals) - 1), true
}

// find returns the slot of the weight with bits b, or the empty slot
// where it goes.
func (w *weightIndex) find(b uint64) uint64 {
	mask := uint64(len(w.tab) - 1)
	h := b * 0x9e3779b97f4a7c15 >> w.shift
	for w.tab[h].num != 0 && w.tab[h].bits != b {
		h = (h + 1) & mask
	}
	return h
}

// grow doubles the table (to 2^10 slots the first time) and puts the
// weights back in.
func (w *weightIndex) grow() {
	size := max(2*len(w.tab), 1<<10)
	w.tab, w.shift = make([]weightSlot, size), uint(64-bits.Len64(uint64(size-1)))
	for i, x := range w.vals {
		w.tab[w.find(math.Float64bits(x))] = weightSlot{math.Float64bits(x), uint32(i) + 1}
	}
}

// rankRoute is the loop step runs, one per width of rankEdges' indices.
type rankRoute uint8

const (
	// rankRouteIndexed16 reads uint16 neighbours and weight indices,
	// unchecked (rankIndexed with y an array).
	rankRouteIndexed16 rankRoute = iota
	// rankRouteDirect16 reads uint16 neighbours and the weights (rankDirect).
	rankRouteDirect16
	// rankRouteIndexed32 reads int32 neighbours and weight indices
	// (rankIndexed with y a slice).
	rankRouteIndexed32
	// rankRouteDirect32 reads int32 neighbours and the weights (rankDirect).
	rankRouteDirect32
)

// route returns the loop step runs over re.
func (re *rankEdges) route() rankRoute {
	switch {
	case re.nbr16 != nil && re.wIdx != nil:
		return rankRouteIndexed16
	case re.nbr16 != nil:
		return rankRouteDirect16
	case re.wIdx != nil:
		return rankRouteIndexed32
	}
	return rankRouteDirect32
}

// step computes next[v] for v in [lo, hi) from y = x / strength. y holds
// at least 65,536 values (pageRank makes it so), which rankIndexed reads
// as an array on the uint16 route.
func (re *rankEdges) step(lo, hi int, base float64, y, next []float64) {
	switch re.route() {
	case rankRouteIndexed16:
		rankIndexed(re.start, re.nbr16, re.wIdx, re.wVal, (*[1 << 16]float64)(y), lo, hi, base, next)
	case rankRouteDirect16:
		rankDirect(re.start, re.nbr16, re.wt, lo, hi, base, y, next)
	case rankRouteIndexed32:
		rankIndexed(re.start, re.nbr32, re.wIdx, re.wVal, y, lo, hi, base, next)
	default:
		rankDirect(re.start, re.nbr32, re.wt, lo, hi, base, y, next)
	}
}

func rankDirect[N int32 | uint16](start []int32, nbr []N, wt []float64, lo, hi int, base float64, y, next []float64) {
	for v := lo; v < hi; v++ {
		sum := 0.0
		a, b := start[v], start[v+1]
		ns, ws := nbr[a:b], wt[a:b]
		for i, t := range ns {
			sum += ws[i] * y[t]
		}
		next[v] = base + Damping*sum
	}
}

// rankIndexed is the step over indexed weights. step calls it with uint16
// neighbours and y an array of 65,536 (a uint16 is always in its bounds,
// so the loop checks none: on the exact projection of 10,000 synthetic
// papers 6.5 instructions an edge end where checking the weight's index
// and the neighbour took 10), or with int32 neighbours and y a slice.
func rankIndexed[N int32 | uint16, Y []float64 | *[1 << 16]float64](start []int32, nbr []N, idx []uint16, val *[1 << 16]float64, y Y, lo, hi int, base float64, next []float64) {
	for v := lo; v < hi; v++ {
		sum := 0.0
		a, b := start[v], start[v+1]
		ns, ks := nbr[a:b], idx[a:b]
		for i, t := range ns {
			sum += val[ks[i]] * y[t]
		}
		next[v] = base + Damping*sum
	}
}

// betweenness returns every node's shortest-path betweenness in u
// (unweighted: each edge one step), normalised as networkx does for an
// undirected graph (divided by (n−1)(n−2), so a value is the share of the
// other pairs' shortest paths through the node), and the number of
// sources used: n when exact, else a sample drawn with seed, the sum then
// scaled by n / sources.
//
// at, when not nil, maps the node indices the sample is drawn from (the
// graph's, in ID order) to u's, so that a renumbered u (see local) uses
// the same sources.
func (u *undirected) betweenness(workers int, seed uint64, at []int32) ([]float64, int) {
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
		k = max(MinBetweennessSources, int(betweennessSampleBudget/ends))
		if k < n {
			r := rand.New(rand.NewPCG(seed, 0x6274776e)) // "btwn"
			for i := range k {
				j := i + r.IntN(n-i)
				sources[i], sources[j] = sources[j], sources[i]
			}
			sources = sources[:k]
			slices.Sort(sources)
			if at != nil {
				for i, v := range sources {
					sources[i] = at[v]
				}
			}
		} else {
			k = n
		}
	}
	blocks := min(betweennessBlocks, k)
	acc := make([][]float64, blocks)
	// Each search reads every edge end twice: uint16 neighbours, when the
	// graph is small enough for them, halve that traffic.
	var nbr16 []uint16
	if k > 4 {
		nbr16 = u.narrow(workers)
	}
	// Each goroutine reuses one search state for all its blocks.
	states := make(chan *searchState, workers)
	parallel(blocks, 1, workers, func(lo, hi int) {
		var st *searchState
		select {
		case st = <-states:
		default:
			st = newSearchState(n)
		}
		for b := lo; b < hi; b++ {
			src := sources[b*k/blocks : (b+1)*k/blocks]
			acc[b] = make([]float64, n)
			if nbr16 != nil {
				brandes(u.start, nbr16, src, st, acc[b])
			} else {
				brandes(u.start, u.nbr, src, st, acc[b])
			}
		}
		select {
		case states <- st:
		default:
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

// searchState is the state of brandes' breadth-first searches: sigma
// and delta per node (zero between searches, as are the bit sets: a push
// adds to the sigma of a node it reaches first; each search zeroes what
// it wrote, the entries of the nodes it reached, so that a search costs
// what it reaches, not n), what a pull step sums per node (zero but
// for the nodes of the one distance pulled from), the nodes in the order
// reached (with room for one more, which a push writes before it knows
// whether the node is new), where each distance starts in that order and
// how many edge ends its nodes have, and two bit sets of n bits (a few KB,
// in the fastest cache where per-node arrays are not): the nodes reached,
// and the nodes reached before the distance a forward push reaches (or,
// going back, the nodes of the distance pushed to). Testing a neighbour's
// bit instead of reading its distance is what makes a push step fast on a
// large graph, where most neighbours read were reached before.
type searchState struct {
	sigma, delta, pulled []float64
	order                []int32
	level                []int32
	ends                 []int64
	seen, at             []uint64
}

func newSearchState(n int) *searchState {
	w := (n + 63) / 64
	return &searchState{sigma: make([]float64, n), delta: make([]float64, n), pulled: make([]float64, n),
		order: make([]int32, 0, n+1), seen: make([]uint64, w), at: make([]uint64, w)}
}

// brandes adds to acc, for the given sources in order, each node's
// dependency (Brandes 2001) in the graph of neighbours
// nbr[start[v]:start[v+1]]: one breadth-first search per source, distance
// by distance, then the dependencies accumulated back from the farthest
// nodes. Predecessors are not stored: a node's predecessors are its
// neighbours one step nearer, marked in st.at while their successors push
// to them, or given st.pulled values while they pull.
//
// Each step reads the edges of whichever side is smaller (Beamer, Asanović
// and Patterson 2012): the search pushes from the nodes of the last
// distance to their neighbours, or, once these have more edge ends than
// the nodes not reached yet, every unreached node pulls from its
// neighbours of the last distance; the accumulation pushes each node's
// dependency to its predecessors, or every predecessor pulls from its
// successors when the predecessors have fewer edge ends. On a dense
// graph most nodes are one or two steps from any source, and a search
// reads a fraction of the edges: on the exact projection of 10,000
// make_corpus.py papers (9.8 M edge ends) a third of them or less. A pull
// adds what st.pulled holds for every neighbour (zero at another
// distance, which leaves the sum as it is) instead of testing each
// neighbour's bit, a branch the processor mispredicts often there. Path
// counts are whole numbers, the same in either direction; dependencies
// are sums taken in another order, which may differ from the textbook's
// in the last bits (TestBrandesMatchesTextbook). The direction of each
// step depends only on the graph.
func brandes[N int32 | uint16](start []int32, nbr []N, sources []int32, st *searchState, acc []float64) {
	sigma, delta, pulled, order, level, lends := st.sigma, st.delta, st.pulled, st.order, st.level, st.ends
	seen, at := st.seen, st.at
	n := len(start) - 1
	total := int64(start[n])
	deg := func(v int32) int64 { return int64(start[v+1] - start[v]) }
	for _, s := range sources {
		order = append(order[:0], s)
		level = append(level[:0], 0)
		lends = append(lends[:0], deg(s))
		seen[s>>6] |= 1 << (s & 63)
		sigma[s], delta[s] = 1, 0
		reached := deg(s)
		for lo := 0; lo < len(order); {
			hi := len(order)
			level = append(level, int32(hi))
			var next int64 // edge ends of the next distance
			if lends[len(lends)-1] > total-reached {
				// Pull: every unreached node sums the paths of its
				// neighbours, which pulled holds for the last distance
				// and is 0 for every other node.
				for _, v := range order[lo:hi] {
					pulled[v] = sigma[v]
				}
				for i, word := range seen {
					free := ^word
					if r := n - i*64; r < 64 {
						free &= 1<<r - 1
					}
					for ; free != 0; free &= free - 1 {
						w := int32(i*64 + bits.TrailingZeros64(free))
						sum := 0.0
						for _, v := range nbr[start[w]:start[w+1]] {
							sum += pulled[v]
						}
						if sum != 0 {
							seen[i] |= 1 << (w & 63)
							sigma[w], delta[w] = sum, 0
							order = append(order, w)
							next += deg(w)
						}
					}
				}
				for _, v := range order[lo:hi] {
					pulled[v] = 0
				}
			} else if lends[len(lends)-1] != 0 {
				// Push, without a branch on the neighbour: at holds the
				// nodes reached before this distance, whose paths are
				// final, and each neighbour's sigma gains sv, or +0 (which
				// leaves it as it is) when at has it. A neighbour not seen
				// yet is written past the end of order, which advances
				// over it; its sigma and delta are zero (see
				// searchState). The same nodes in the same order get the same
				// sums as with a branch on each neighbour, which the
				// processor could not predict: on the exact projection of
				// 10,000 make_corpus.py papers, most of a search's time
				// was the push from the source's neighbours. The copy
				// costs n/64 words a step, which a step from nodes with
				// no edge ends (an isolated source) does not take.
				copy(at, seen)
				k := len(order)
				o := order[:cap(order)]
				for q := lo; q < hi; q++ {
					v := order[q]
					sv := math.Float64bits(sigma[v])
					for _, w := range nbr[start[v]:start[v+1]] {
						i, sh := int(w>>6), uint(w&63)
						word := seen[i]
						o[k] = int32(w)
						k += int(^word >> sh & 1)
						seen[i] = word | 1<<sh
						sigma[w] += math.Float64frombits(sv &^ -(at[i] >> sh & 1))
					}
				}
				order = o[:k]
				for _, w := range order[hi:] {
					next += deg(w)
				}
			}
			lends = append(lends, next)
			reached += next
			lo = hi
		}
		for _, v := range order { // for the pushes back: at holds reached nodes only
			at[v>>6] = 0
		}
		// level[d] is where distance d starts in order; the last entry
		// is len(order). Back from the farthest distance.
		for d := len(level) - 2; d > 0; d-- {
			prev, cur := order[level[d-1]:level[d]], order[level[d]:level[d+1]]
			if lends[d-1] < lends[d] {
				// Pull: each predecessor sums over its successors,
				// whose share pulled holds (0 for every other node).
				for _, w := range cur {
					pulled[w] = (1 + delta[w]) / sigma[w]
					acc[w] += delta[w]
				}
				for _, v := range prev {
					sv, dv := sigma[v], delta[v]
					for _, w := range nbr[start[v]:start[v+1]] {
						dv += sv * pulled[w]
					}
					delta[v] = dv
				}
				for _, w := range cur {
					pulled[w] = 0
				}
				continue
			}
			// Push, with at marking the distance before.
			for _, v := range prev {
				at[v>>6] |= 1 << (v & 63)
			}
			for q := len(cur) - 1; q >= 0; q-- {
				w := cur[q]
				c := (1 + delta[w]) / sigma[w]
				for _, v := range nbr[start[w]:start[w+1]] {
					if at[v>>6]&(1<<(v&63)) != 0 {
						delta[v] += sigma[v] * c
					}
				}
				acc[w] += delta[w]
			}
			for _, v := range prev {
				at[v>>6] &^= 1 << (v & 63)
			}
		}
		// Leave sigma, delta and seen zero for the next search: only
		// the nodes reached were written, so this costs what the search
		// did, where clearing the arrays cost n a source (O(n^2) for the
		// exact betweenness of a large sparse graph).
		for _, v := range order {
			sigma[v], delta[v] = 0, 0
			seen[v>>6] = 0
		}
	}
	st.order, st.level, st.ends = order[:0], level[:0], lends[:0]
}

// betweennessBudget and betweennessSampleBudget are BetweennessBudget and
// BetweennessSampleBudget, changed by tests.
var (
	betweennessBudget       int64 = BetweennessBudget
	betweennessSampleBudget int64 = BetweennessSampleBudget
)

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
// stats. PageRank and betweenness run at the same time when workers
// allows, so that one takes the time the other leaves, as in PageRank's
// sequential pass over the edge ends (the strengths and the distinct
// weights, see rankEdges); both only read u (its uint16 neighbours are
// made before they start), so the results are the same either way.
func (g *Graph) centrality(workers int, seed uint64, full bool) {
	var pr, bc []float64
	if full {
		u := simple(g.store, workers)
		var at []int32
		if u.n() > localMin {
			u, at = u.local()
		}
		u.narrow(workers)
		var k int
		between := func() { bc, k = u.betweenness(workers, seed, at) }
		var wg sync.WaitGroup
		if workers > 1 {
			wg.Go(between)
		}
		pr = u.pageRank(workers)
		if workers > 1 {
			wg.Wait()
		} else {
			between()
		}
		g.stats.BetweennessSources = k
		if at != nil {
			prL, bcL := pr, bc
			pr, bc = make([]float64, len(at)), make([]float64, len(at))
			for v, i := range at {
				pr[v], bc[v] = prL[i], bcL[i]
			}
		}
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
