package graph

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// citeG is the global index of a cite target.
func (b *builder) citeG(t int32) int32 {
	if t >= 0 {
		return b.slotG[t]
	}
	return b.extG[-t-1]
}

// project computes the paper–paper projection over batch papers (ranks).
func (b *builder) project() error {
	nb := len(b.batch)
	// Features per paper: distinct artifacts and cite targets, as global indices.
	fs := make([]int32, nb+1)
	var all []int32
	// Families are features after the nodes: b.nodes + family index.
	famOf, famNames := b.families()
	b.famNames = famNames
	nfeat := b.nodes + len(famNames)
	b.featDF = make([]int32, nfeat)
	for r := 0; r < nb; r++ {
		start := len(all)
		ms := b.ment[b.mentStart[r]:b.mentStart[r+1]]
		for i, m := range ms {
			if (i == 0 || m.art != ms[i-1].art) && !(b.arts[m.art].folded && b.arts[m.art].introducer == int32(r)) {
				all = append(all, b.artG[m.art])
				if f := famOf[m.art]; f >= 0 {
					all = append(all, int32(b.nodes)+f)
				}
			}
		}
		for _, c := range b.cite[b.citeStart[r]:b.citeStart[r+1]] {
			all = append(all, b.citeG(c.target))
		}
		row := all[start:]
		slices.Sort(row)
		if b.folded > 0 || len(famNames) > 0 {
			// A folded artifact and a citation of its paper are one
			// feature, and two members of a family one family.
			row = slices.Compact(row)
			all = all[:start+len(row)]
		}
		for _, f := range row {
			b.featDF[f]++
		}
		fs[r+1] = int32(len(all))
	}
	if b.opt.pairBudget > 0 {
		b.opt.maxDF = budgetCap(b.featDF, b.opt.maxDF, b.opt.pairBudget)
	}
	// Keep features that can pair papers and are under the cap.
	b.leftOut = make([]bool, nfeat)
	fid := make([]int32, nfeat)
	var idf []float64
	var postCount []int32
	n := float64(nb)
	for g, df := range b.featDF {
		fid[g] = -1
		if b.opt.maxDF > 0 && int(df) > b.opt.maxDF {
			b.leftOut[g] = true
			continue
		}
		if df < 2 {
			continue
		}
		fid[g] = int32(len(idf))
		w := math.Log1p(n / float64(df))
		if g >= b.nodes {
			w *= FamilyWeight
		}
		idf = append(idf, w)
		postCount = append(postCount, df)
	}
	// The work and output are bounded before anything is allocated.
	var work int64
	for _, c := range postCount {
		work += int64(c) * int64(c-1) / 2
	}
	if b.opt.topK == 0 && work > MaxExactPairs {
		return fmt.Errorf("graph: exact projection: up to %d paper pairs, more than %d (use top-k and max-df): %w", work, int64(MaxExactPairs), ErrTooLarge)
	}
	if b.opt.topK > 0 && int64(nb)*int64(b.opt.topK) > math.MaxInt32 {
		return fmt.Errorf("graph: top-%d links of %d papers: more than %d: %w", b.opt.topK, nb, math.MaxInt32, ErrTooLarge)
	}
	b.featStart = make([]int32, nb+1)
	b.feat = all[:0:0]
	for r := 0; r < nb; r++ {
		for _, f := range all[fs[r]:fs[r+1]] {
			if fid[f] >= 0 {
				b.feat = append(b.feat, f)
			}
		}
		b.featStart[r+1] = int32(len(b.feat))
	}
	// Postings: papers (ranks, ascending) per feature.
	postStart := make([]int32, len(idf)+1)
	for f, c := range postCount {
		postStart[f+1] = postStart[f] + c
	}
	post := make([]int32, postStart[len(idf)])
	next := slices.Clone(postStart[:len(idf)])
	for r := 0; r < nb; r++ {
		for _, f := range b.feat[b.featStart[r]:b.featStart[r+1]] {
			l := fid[f]
			post[next[l]] = int32(r)
			next[l]++
		}
	}
	// Rows in chunks; each chunk's result is kept in order.
	const chunk = 256
	chunks := make([]projRows, (nb+chunk-1)/chunk)
	topK := b.opt.topK
	workers := b.opt.workers
	pool := make(chan *projScratch, workers)
	for w := 0; w < workers; w++ {
		pool <- &projScratch{acc: make([]float64, nb), seen: make([]uint64, nb/64+1)}
	}
	px := postings{feat: b.feat, featStart: b.featStart, fid: fid, post: post, postStart: postStart, idf: idf}
	// Room for each chunk's output: k per row, or (exact) an upper bound
	// from the postings, so the buffers never grow. The exact rows of
	// every chunk share one buffer, packed in place at the end.
	room := make([]int, len(chunks)+1)
	for c := range chunks {
		room[c+1] = room[c]
		for r := c * chunk; r < min(nb, (c+1)*chunk); r++ {
			if topK > 0 {
				room[c+1] += topK
				continue
			}
			for _, f := range b.feat[b.featStart[r]:b.featStart[r+1]] {
				l := fid[f]
				ps := post[postStart[l]:postStart[l+1]]
				k, _ := slices.BinarySearch(ps, int32(r))
				room[c+1] += len(ps) - k - 1
			}
		}
	}
	var allJ []int32
	var allW []float64
	if topK == 0 {
		allJ, allW = makeLarge[int32](room[len(chunks)]), makeLarge[float64](room[len(chunks)])
	}
	parallel(len(chunks), 1, workers, func(lo, hi int) {
		sc := <-pool
		defer func() { pool <- sc }()
		for c := lo; c < hi; c++ {
			if b.ctx.Err() != nil {
				return // the caller reports it
			}
			out := projRows{start: make([]int32, 0, chunk+1)}
			out.start = append(out.start, 0)
			if topK == 0 {
				out.j = allJ[room[c]:room[c]:room[c+1]]
				out.w = allW[room[c]:room[c]:room[c+1]]
			} else {
				out.j = make([]int32, 0, room[c+1]-room[c])
				out.w = make([]float64, 0, room[c+1]-room[c])
			}
			for r := c * chunk; r < min(nb, (c+1)*chunk); r++ {
				if topK == 0 {
					px.exactRow(sc, &out, r, rowAuto)
				} else {
					sc.touched = sc.touched[:0]
					for _, f := range b.feat[b.featStart[r]:b.featStart[r+1]] {
						l := fid[f]
						w := idf[l]
						for _, j := range post[postStart[l]:postStart[l+1]] {
							if sc.acc[j] == 0 {
								sc.touched = append(sc.touched, j)
							}
							sc.acc[j] += w
						}
					}
					sc.heap = sc.heap[:0]
					for _, j := range sc.touched {
						w := sc.acc[j]
						sc.acc[j] = 0
						if j == int32(r) {
							continue
						}
						if j > int32(r) {
							out.pairs++
						}
						c := cand{j: j, w: w, rw: rankWeight(w)}
						if len(sc.heap) == topK && !weaker(sc.heap[0], c) {
							continue // most candidates of a long row
						}
						sc.heap = pushTop(sc.heap, c, topK)
					}
					sortByJ(sc.heap)
					for _, h := range sc.heap {
						out.j = append(out.j, h.j)
						out.w = append(out.w, h.w)
					}
				}
				out.start = append(out.start, int32(len(out.j)))
			}
			chunks[c] = out
		}
	})
	if err := b.ctx.Err(); err != nil {
		return fmt.Errorf("graph: projection: %w", err)
	}
	for _, c := range chunks {
		b.pairs += c.pairs
	}
	b.shareStart = make([]int32, nb+1)
	if topK == 0 {
		// Each chunk's rows move down to where the previous ones end
		// (append copies overlapping ranges as memmove does).
		b.shareJ, b.shareW = allJ[:0], allW[:0]
		r := 0
		for i := range chunks {
			c := &chunks[i]
			for i := 0; i+1 < len(c.start); i++ {
				b.shareStart[r+1] = b.shareStart[r] + c.start[i+1] - c.start[i]
				r++
			}
			b.shareJ = append(b.shareJ, c.j...)
			b.shareW = append(b.shareW, c.w...)
			*c = projRows{} // free as we go
		}
		return nil
	}
	// Union of the kept links: bucket every kept (r, j) under min(r, j).
	cnt := make([]int32, nb+1)
	r := 0
	for _, c := range chunks {
		for i := 0; i+1 < len(c.start); i++ {
			for _, j := range c.j[c.start[i]:c.start[i+1]] {
				cnt[min(int32(r), j)+1]++
			}
			r++
		}
	}
	for i := 0; i < nb; i++ {
		cnt[i+1] += cnt[i]
	}
	bj := makeLarge[int32](int(cnt[nb]))
	bw := makeLarge[float64](int(cnt[nb]))
	fill := slices.Clone(cnt[:nb])
	r = 0
	for _, c := range chunks {
		for i := 0; i+1 < len(c.start); i++ {
			for k := c.start[i]; k < c.start[i+1]; k++ {
				lo, hi := int32(r), c.j[k]
				if hi < lo {
					lo, hi = hi, lo
				}
				bj[fill[lo]], bw[fill[lo]] = hi, c.w[k]
				fill[lo]++
			}
			r++
		}
	}
	b.shareJ = bj[:0]
	b.shareW = bw[:0]
	for lo := 0; lo < nb; lo++ {
		seg := make([]cand, 0, cnt[lo+1]-cnt[lo])
		for k := cnt[lo]; k < cnt[lo+1]; k++ {
			seg = append(seg, cand{j: bj[k], w: bw[k]})
		}
		sortByJ(seg)
		for k, s := range seg {
			if k > 0 && s.j == seg[k-1].j {
				continue
			}
			b.shareJ = append(b.shareJ, s.j)
			b.shareW = append(b.shareW, s.w)
		}
		b.shareStart[lo+1] = int32(len(b.shareJ))
	}
	return nil
}

// budgetCap lowers the document-frequency cap until the features under it
// make at most budget ordered paper pairs (the sum of df × (df−1)), which
// bounds the projection's work.
func budgetCap(dfs []int32, limit int, budget int64) int {
	hist := make([]int64, limit+1)
	for _, df := range dfs {
		if df >= 2 && int(df) <= limit {
			hist[df]++
		}
	}
	work := int64(0)
	for df := 2; df <= limit; df++ {
		work += hist[df] * int64(df) * int64(df-1)
		if work > budget {
			return df - 1
		}
	}
	return limit
}

// cand is a link candidate: the other paper, the weight and the weight
// as top-k ranks it (rankWeight(w), worked out once when a candidate is
// made: a heap compares it many times).
type cand struct {
	j     int32
	w, rw float64
}

// weaker orders candidates: lower weight first, then larger j. Weights
// are compared rounded to 9 decimal places (rw), so that sums of the same
// terms in another order (an engine running the projection in SQL, see
// docs/projection.md) rank alike.
func weaker(x, y cand) bool {
	return x.rw < y.rw || (x.rw == y.rw && x.j > y.j)
}

// rankWeight is a weight as top-k ranks it: rounded to 9 decimal places.
func rankWeight(w float64) float64 { return math.Round(w*1e9) / 1e9 }

// sortByJ sorts candidates by j as slices.SortFunc with cmp.Compare of
// j does, equal js included: a short slice (at most 12, a row's top-k at
// the default k) by the same insertion sort that starts its pdqsort,
// without a call per comparison; a longer one by slices.SortFunc.
func sortByJ(h []cand) {
	if len(h) > 12 {
		slices.SortFunc(h, func(x, y cand) int { return cmp.Compare(x.j, y.j) })
		return
	}
	for i := 1; i < len(h); i++ {
		for k := i; k > 0 && h[k].j < h[k-1].j; k-- {
			h[k], h[k-1] = h[k-1], h[k]
		}
	}
}

// pushTop keeps the k strongest candidates in a min-heap (weakest on top).
func pushTop(h []cand, c cand, k int) []cand {
	if len(h) < k {
		h = append(h, c)
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if !weaker(h[i], h[p]) {
				break
			}
			h[i], h[p] = h[p], h[i]
			i = p
		}
		return h
	}
	if !weaker(h[0], c) {
		return h
	}
	h[0] = c
	for i := 0; ; {
		l, s := 2*i+1, i
		if l < len(h) && weaker(h[l], h[s]) {
			s = l
		}
		if l+1 < len(h) && weaker(h[l+1], h[s]) {
			s = l + 1
		}
		if s == i {
			break
		}
		h[i], h[s] = h[s], h[i]
		i = s
	}
	return h
}

// projRows is the projection of a chunk of rows.
type projRows struct {
	start []int32 // per row in chunk, offsets into j/w
	j     []int32
	w     []float64
	pairs int64
}

// projScratch is one worker's scratch space for projection rows.
type projScratch struct {
	acc     []float64
	touched []int32
	heap    []cand
	seen    []uint64 // exact: a bit per paper whose acc is set
}

// postings are the projection's features per paper and papers per
// feature: paper r's features are feat[featStart[r]:featStart[r+1]]
// (global indices), fid numbers the kept ones, and kept feature l of
// weight idf[l] is held by the papers post[postStart[l]:postStart[l+1]],
// in increasing order.
type postings struct {
	feat, featStart, fid, post, postStart []int32
	idf                                   []float64
}

// rowRoute says how exactRow lists a row's pairs: rowAuto picks by the
// row's postings; the others are for tests.
type rowRoute int

const (
	rowAuto   rowRoute = iota
	rowWords           // read the bit words from r's to the last pair's
	rowListed          // walk the postings again and sort the papers found
)

// exactRow appends row r of the exact projection, its pairs with every
// later paper j that shares a feature, in order of j. Each posting adds
// to acc[j] and sets j's bit in seen, which calls nothing and does not
// branch: the words of seen then give the pairs in order. Listing the
// papers touched first (when acc[j] was 0) and sorting them, or scanning
// acc for a dense row, branched on every posting or every later paper,
// and the branches went either way (a tenth of the later papers pair with
// a row of the exact projection of 10,000 make_corpus.py papers).
//
// A row of few postings spread far (fewer than an eighth of the words
// between r and its last pair) would read and clear mostly empty words:
// over a batch of such rows that is about nb²/128 word reads. Such a row
// walks its postings again instead, takes each paper whose bit is still
// set (clearing it), and sorts them. Either way the sums are the same:
// postings are added in the same order, and only the listing differs.
func (px *postings) exactRow(sc *projScratch, out *projRows, r int, route rowRoute) {
	last := int32(r) // the last paper touched
	npost := 0
	for _, f := range px.feat[px.featStart[r]:px.featStart[r+1]] {
		l := px.fid[f]
		ps := px.post[px.postStart[l]:px.postStart[l+1]]
		// Only j > r, found by binary search.
		k, _ := slices.BinarySearch(ps, int32(r))
		ps = ps[k+1:]
		if len(ps) == 0 {
			continue
		}
		w := px.idf[l]
		for _, j := range ps {
			sc.acc[j] += w
			sc.seen[j>>6] |= 1 << (j & 63)
		}
		last = max(last, ps[len(ps)-1])
		npost += len(ps)
	}
	if npost == 0 {
		return // no bit set
	}
	if route == rowAuto {
		route = rowWords
		if words := int(last>>6) - (r+1)>>6 + 1; npost*8 < words {
			route = rowListed
		}
	}
	if route == rowListed {
		sc.touched = sc.touched[:0]
		for _, f := range px.feat[px.featStart[r]:px.featStart[r+1]] {
			l := px.fid[f]
			ps := px.post[px.postStart[l]:px.postStart[l+1]]
			k, _ := slices.BinarySearch(ps, int32(r))
			for _, j := range ps[k+1:] {
				if m := uint64(1) << (j & 63); sc.seen[j>>6]&m != 0 {
					sc.seen[j>>6] &^= m
					sc.touched = append(sc.touched, j)
				}
			}
		}
		slices.Sort(sc.touched)
		for _, j := range sc.touched {
			out.j = append(out.j, j)
			out.w = append(out.w, sc.acc[j])
			sc.acc[j] = 0
		}
		out.pairs += int64(len(sc.touched))
		return
	}
	for i := (r + 1) >> 6; i <= int(last>>6); i++ {
		word := sc.seen[i]
		sc.seen[i] = 0
		for ; word != 0; word &= word - 1 {
			j := int32(i<<6 + bits.TrailingZeros64(word))
			out.j = append(out.j, j)
			out.w = append(out.w, sc.acc[j])
			sc.acc[j] = 0
			out.pairs++
		}
	}
}
