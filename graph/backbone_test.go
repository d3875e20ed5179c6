package graph

import (
	"fmt"
	"math"
	"testing"

	"github.com/papergraph/papergraph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// star: paper 1 shares three rare datasets with paper 2 and one with each
// of papers 3, 4 and 5 (every dataset named by two papers, so every shared
// dataset weighs the same, u); papers 6 and 7 share one dataset and
// nothing else. Paper 1 has k = 4 links of total weight 6u: its link to 2
// scores (1 − 3/6)^3 = 0.125, its others (1 − 1/6)^3 ≈ 0.579. Papers 2–5
// have one link each and judge none; 6–7 are a pair of single links.
func star() []papergraph.Paper {
	return []papergraph.Paper{
		pp("2401.00001", ds("x1"), ds("x2"), ds("x3"), ds("y"), ds("z"), ds("u")),
		pp("2401.00002", ds("x1"), ds("x2"), ds("x3")),
		pp("2401.00003", ds("y")),
		pp("2401.00004", ds("z")),
		pp("2401.00005", ds("u")),
		pp("2401.00006", ds("v")),
		pp("2401.00007", ds("v")),
	}
}

func TestBackboneStar(t *testing.T) {
	all := []string{
		"paper:2401.00001 paper:2401.00002", "paper:2401.00001 paper:2401.00003",
		"paper:2401.00001 paper:2401.00004", "paper:2401.00001 paper:2401.00005",
		"paper:2401.00006 paper:2401.00007",
	}
	for _, tc := range []struct {
		alpha float64
		want  []string
	}{
		{0, all},   // no filter
		{1, all},   // keeps everything: no filter
		{0.6, all}, // 0.579 < 0.6
		{0.5, []string{all[0], all[4]}},
		{0.126, []string{all[0], all[4]}},
		{0.124, []string{all[4]}},
		{0.01, []string{all[4]}}, // the lone pair always stays
	} {
		t.Run(fmt.Sprint(tc.alpha), func(t *testing.T) {
			g := build(t, star(), Options{Backbone: tc.alpha})
			got := pairsOf(edgesOf(g, Shares))
			assert.Equal(t, tc.want, got)
			st := g.Stats()
			assert.Equal(t, len(all)-len(tc.want), st.BackboneCut)
			assert.Equal(t, len(tc.want), st.Shares)
			if tc.alpha > 0 && tc.alpha < 1 {
				assert.Equal(t, tc.alpha, st.Backbone)
			} else {
				assert.Zero(t, st.Backbone)
			}
		})
	}
}

// TestBackboneAgainstFormula recomputes the disparity filter from the
// shares edges of the unfiltered graph, directly from the published
// formula, and checks that Build keeps exactly the significant edges, for
// several levels, on a synthetic batch, with top-k and exact projections.
func TestBackboneAgainstFormula(t *testing.T) {
	papers := synthetic(2000, 3)
	for _, base := range []Options{{}, {Exact: true}} {
		full := build(t, papers, base)
		shares := edgesOf(full, Shares)
		k, s := map[string]int{}, map[string]float64{}
		for _, e := range shares {
			for _, v := range []string{e.Source, e.Target} {
				k[v]++
				s[v] += e.Weight
			}
		}
		sig := func(v string, w float64) float64 {
			if k[v] < 2 {
				return 1
			}
			return math.Pow(1-w/s[v], float64(k[v]-1))
		}
		for _, alpha := range []float64{0.01, 0.05, 0.2} {
			t.Run(fmt.Sprintf("exact=%v alpha=%g", base.Exact, alpha), func(t *testing.T) {
				var want []Edge
				for _, e := range shares {
					lone := k[e.Source] == 1 && k[e.Target] == 1
					if lone || sig(e.Source, e.Weight) < alpha || sig(e.Target, e.Weight) < alpha {
						want = append(want, e)
					}
				}
				opt := base
				opt.Backbone = alpha
				g := build(t, papers, opt)
				got := edgesOf(g, Shares)
				require.Greater(t, len(shares)-len(want), 0, "the filter cuts something")
				require.Greater(t, len(want), 0, "the filter keeps something")
				assert.Equal(t, pairsOf(want), pairsOf(got))
				assert.Equal(t, len(shares)-len(want), g.Stats().BackboneCut)
				// Mentions and cites are untouched.
				assert.Equal(t, len(edgesOf(full, Mentions)), len(edgesOf(g, Mentions)))
				assert.Equal(t, len(edgesOf(full, Cites)), len(edgesOf(g, Cites)))
			})
		}
	}
}
