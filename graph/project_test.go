package graph

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomPostings gives nb papers features drawn from nfeat, each paper
// holding up to perPaper of them, every feature kept (fid is the identity)
// with a weight of its own magnitude, so that the order of the additions
// shows in the sums' bits.
func randomPostings(r *rand.Rand, nb, nfeat, perPaper int) *postings {
	px := &postings{featStart: make([]int32, nb+1), fid: make([]int32, nfeat), postStart: make([]int32, nfeat+1)}
	for f := range px.fid {
		px.fid[f] = int32(f)
		px.idf = append(px.idf, math.Ldexp(r.Float64(), r.IntN(40)-20))
	}
	count := make([]int32, nfeat)
	for p := range nb {
		row := px.feat[len(px.feat):]
		for range r.IntN(perPaper + 1) {
			row = append(row, int32(r.IntN(nfeat)))
		}
		slices.Sort(row)
		row = slices.Compact(row)
		for _, f := range row {
			count[f]++
		}
		px.feat = append(px.feat, row...)
		px.featStart[p+1] = int32(len(px.feat))
	}
	for f, c := range count {
		px.postStart[f+1] = px.postStart[f] + c
	}
	px.post = make([]int32, px.postStart[nfeat])
	next := slices.Clone(px.postStart[:nfeat])
	for p := range nb {
		for _, f := range px.feat[px.featStart[p]:px.featStart[p+1]] {
			px.post[next[f]] = int32(p)
			next[f]++
		}
	}
	return px
}

// exactRowReference is row r of the exact projection by its definition:
// each later paper's sum of the weights of the features it shares with r,
// added in r's order of features, listed by increasing paper.
func exactRowReference(px *postings, r int) ([]int32, []float64) {
	sum := map[int32]float64{}
	for _, f := range px.feat[px.featStart[r]:px.featStart[r+1]] {
		for _, j := range px.post[px.postStart[f]:px.postStart[f+1]] {
			if j > int32(r) {
				sum[j] += px.idf[f]
			}
		}
	}
	var js []int32
	for j := range sum {
		js = append(js, j)
	}
	slices.Sort(js)
	var ws []float64
	for _, j := range js {
		ws = append(ws, sum[j])
	}
	return js, ws
}

// TestExactRowRoutes holds both of exactRow's routes, and its own choice,
// to the reference on every row of sparse postings (rows of a few papers
// far apart) and dense ones (rows pairing with most later papers), one
// scratch each across all rows, so a bit or sum left behind shows too.
func TestExactRowRoutes(t *testing.T) {
	cases := []struct {
		name                string
		nb, nfeat, perPaper int
	}{
		{"sparse", 3000, 2500, 2},
		{"sparse/wide", 5000, 4000, 1},
		{"dense", 700, 12, 6},
		{"mixed", 2000, 300, 4},
	}
	routes := []struct {
		name  string
		route rowRoute
	}{{"auto", rowAuto}, {"words", rowWords}, {"listed", rowListed}}
	for _, c := range cases {
		for seed := range uint64(2) {
			px := randomPostings(rand.New(rand.NewPCG(seed, 17)), c.nb, c.nfeat, c.perPaper)
			for _, rt := range routes {
				t.Run(fmt.Sprintf("%s/seed=%d/%s", c.name, seed, rt.name), func(t *testing.T) {
					sc := &projScratch{acc: make([]float64, c.nb), seen: make([]uint64, c.nb/64+1)}
					var pairs int64
					for r := range c.nb {
						var out projRows
						px.exactRow(sc, &out, r, rt.route)
						wantJ, wantW := exactRowReference(px, r)
						require.Equal(t, wantJ, out.j, "row %d: pairs", r)
						require.Equal(t, bitsOf(wantW), bitsOf(out.w), "row %d: weight bits", r)
						require.Equal(t, int64(len(wantJ)), out.pairs, "row %d: pair count", r)
						pairs += out.pairs
					}
					assert.Positive(t, pairs)
					assert.Equal(t, make([]float64, c.nb), sc.acc, "sums left in the scratch")
					assert.Equal(t, make([]uint64, c.nb/64+1), sc.seen, "bits left in the scratch")
				})
			}
		}
	}
}

func bitsOf(ws []float64) []uint64 {
	var b []uint64
	for _, w := range ws {
		b = append(b, math.Float64bits(w))
	}
	return b
}

// TestPushTop checks that pushTop keeps the k strongest of many
// candidates, as sorting them all by weight rounded to 9 places (then the
// smaller j) picks them, where many weights differ only below the
// rounding and many are equal, and that the row loop's test against the
// top of a full heap turns away only candidates pushTop would not keep.
func TestPushTop(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	for trial := range 500 {
		n, k := 1+r.IntN(200), 1+r.IntN(12)
		cs := make([]cand, n)
		js := r.Perm(1000) // a row's candidates are distinct papers
		for i := range cs {
			w := float64(r.IntN(5)) / 3
			switch r.IntN(3) {
			case 0:
				w += float64(r.IntN(3)) * 1e-12 // below the rounding
			case 1:
				w += float64(r.IntN(3)) * 1e-8
			}
			cs[i] = cand{j: int32(js[i]), w: w, rw: rankWeight(w)}
		}
		var h, fast []cand
		for _, c := range cs {
			h = pushTop(h, c, k)
			if len(fast) == k && !weaker(fast[0], c) {
				continue
			}
			fast = pushTop(fast, c, k)
		}
		want := slices.Clone(cs)
		slices.SortStableFunc(want, func(x, y cand) int {
			switch {
			case weaker(y, x):
				return -1
			case weaker(x, y):
				return 1
			}
			return 0
		})
		want = want[:min(k, n)]
		byJ := func(x, y cand) int { return cmp.Compare(x.j, y.j) }
		slices.SortFunc(want, byJ)
		slices.SortFunc(h, byJ)
		slices.SortFunc(fast, byJ)
		require.Equal(t, want, h, "trial %d: pushTop", trial)
		require.Equal(t, want, fast, "trial %d: with the test against the top", trial)
	}
}

// TestSortByJ holds sortByJ to slices.SortFunc by j, weights included
// (equal js keep the order that sort gives them), on random slices of 0
// to 40 candidates with js drawn from few values.
func TestSortByJ(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2))
	for trial := range 20_000 {
		h := make([]cand, r.IntN(41))
		for i := range h {
			h[i] = cand{j: int32(r.IntN(1 + len(h)/2)), w: float64(i)}
		}
		want := slices.Clone(h)
		slices.SortFunc(want, func(x, y cand) int { return cmp.Compare(x.j, y.j) })
		sortByJ(h)
		require.Equal(t, want, h, "trial %d", trial)
	}
}

// TestTopKTies builds a batch whose links tie on weight and reach each
// row out of the order of their papers, and checks the kept links against
// a plain reference: every paper's candidates sorted by weight rounded to
// 9 places, then the smaller ID, the first k kept, the union taken. Four
// repositories, each named by the same number of papers (equal df); paper
// i names the pair combinations(4)[i%6], so it shares both with 14 papers
// and one with 60, which all tie: k = 20 keeps the 14 and 6 of the 60,
// the ones with the smallest IDs, though the row meets them repository by
// repository. A test against the full heap's top that loses the tie-break
// on the paper (turning away a tied candidate of a smaller ID) keeps
// others here.
func TestTopKTies(t *testing.T) {
	repos := []string{"github.com/a/a", "github.com/b/b", "github.com/c/c", "github.com/d/d"}
	var combos [][2]string
	for x := range repos {
		for y := x + 1; y < len(repos); y++ {
			combos = append(combos, [2]string{repos[x], repos[y]})
		}
	}
	papers := make([]papergraph.Paper, 90)
	for i := range papers {
		c := combos[i%len(combos)]
		papers[i] = pp(fmt.Sprintf("2401.%05d", i+1), ent(papergraph.KindRepo, c[0], 0), ent(papergraph.KindRepo, c[1], 20))
	}
	const k = 20
	type link struct {
		other string
		w     float64
	}
	links := map[string][]link{}
	for pair, w := range bruteShares(papers) {
		links[pair[0]] = append(links[pair[0]], link{pair[1], w})
		links[pair[1]] = append(links[pair[1]], link{pair[0], w})
	}
	kept := map[string]bool{}
	for p, ls := range links {
		require.Len(t, ls, 74, "candidates of %s", p)
		slices.SortFunc(ls, func(x, y link) int {
			return cmp.Or(cmp.Compare(rankWeight(y.w), rankWeight(x.w)), cmp.Compare(x.other, y.other))
		})
		for _, l := range ls[:k] {
			a, b := p, l.other
			if b < a {
				a, b = b, a
			}
			kept[a+" "+b] = true
		}
	}
	want := slices.Sorted(maps.Keys(kept))
	g := build(t, papers, Options{TopK: k, MaxDF: -1, NoCommunities: true, NoCentrality: true})
	got := map[string]bool{}
	for _, p := range pairsOf(edgesOf(g, Shares)) {
		got[p] = true
	}
	var missing, extra []string
	for _, p := range want {
		if !got[p] {
			missing = append(missing, p)
		}
	}
	for p := range got {
		if !kept[p] {
			extra = append(extra, p)
		}
	}
	slices.Sort(extra)
	assert.Empty(t, missing, "links of the reference not kept")
	assert.Empty(t, extra, "links kept outside the reference")
	assert.Equal(t, len(want), len(got), "kept links")
}
