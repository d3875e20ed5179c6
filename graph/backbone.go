package graph

import "math"

// backbone keeps, of the projection's shares links (after top-k and
// max-df), those the disparity filter of Serrano, Boguñá and Vespignani
// (PNAS 2009) finds significant at level Options.Backbone; see
// [Options].Backbone for the rule. It counts the links it cuts.
func (b *builder) backbone() error {
	alpha := b.opt.backbone
	if alpha <= 0 {
		return nil
	}
	nb := len(b.batch)
	deg := make([]int32, nb)
	str := make([]float64, nb)
	// Weights as the edges will carry them, so that the filter can be
	// recomputed from the written graph.
	for r := 0; r < nb; r++ {
		for k := b.shareStart[r]; k < b.shareStart[r+1]; k++ {
			j, w := b.shareJ[k], roundWeight(b.shareW[k])
			deg[r]++
			deg[j]++
			str[r] += w
			str[j] += w
		}
	}
	keep := func(r, j int32, w float64) bool {
		if deg[r] == 1 && deg[j] == 1 {
			return true
		}
		return disparity(w, str[r], deg[r]) < alpha || disparity(w, str[j], deg[j]) < alpha
	}
	out := int32(0)
	start := int32(0)
	for r := 0; r < nb; r++ {
		for k := start; k < b.shareStart[r+1]; k++ {
			j, w := b.shareJ[k], b.shareW[k]
			if keep(int32(r), j, roundWeight(w)) {
				b.shareJ[out], b.shareW[out] = j, w
				out++
			} else {
				b.backboneCut++
			}
		}
		start = b.shareStart[r+1]
		b.shareStart[r+1] = out
	}
	b.shareJ, b.shareW = b.shareJ[:out], b.shareW[:out]
	return nil
}

// disparity is the probability, under the disparity filter's null model,
// that one of a node's k links takes at least the share w/s of its
// strength s: (1 − w/s)^(k−1). It is 1 (never significant) at a node with
// a single link, where the model says nothing.
func disparity(w, s float64, k int32) float64 {
	if k <= 1 || s <= 0 {
		return 1
	}
	return math.Pow(1-w/s, float64(k-1))
}
