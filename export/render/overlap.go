package render

import (
	"math"
	"sort"
)

// box is a node's rectangle for overlap removal: centre and half sizes.
type box struct {
	x, y, hw, hh float64
}

// overlapGap is the clearance kept between node rectangles, in points.
const overlapGap = 12

// overlapDensity is the share of the layout's area the node rectangles
// should cover before overlaps are pushed apart: denser is cramped, sparser
// wastes the page (sfdp spreads graphs with many small components).
const overlapDensity = 0.35

// removeOverlaps moves boxes apart until no two overlap (with overlapGap
// clearance), keeping the layout's shape. Graphviz's own overlap removal
// in go-graphviz's WebAssembly build is unusable: prism needs the GTS
// library, which the build lacks, and falls back to Voronoi, which blew a
// 211-node graph up to 25000×20000 points; vpsc and compress did nothing.
//
// First the layout is scaled uniformly (by 0.5 to 50) so that the boxes
// cover overlapDensity of its area; then overlapping pairs,
// found with a sweep along x, are pushed apart along the axis of least
// penetration, Gauss–Seidel style. Rounds that leave overlaps after many
// passes spread the layout by 5% and retry, so the loop always ends. It is
// deterministic: boxes are visited in index order.
func removeOverlaps(bs []box) {
	n := len(bs)
	if n < 2 {
		return
	}
	// Density scaling around the centroid.
	var area, cx, cy float64
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, b := range bs {
		area += 4 * (b.hw + overlapGap/2) * (b.hh + overlapGap/2)
		cx += b.x
		cy += b.y
		minX, maxX = math.Min(minX, b.x-b.hw), math.Max(maxX, b.x+b.hw)
		minY, maxY = math.Min(minY, b.y-b.hh), math.Max(maxY, b.y+b.hh)
	}
	cx, cy = cx/float64(n), cy/float64(n)
	if w, h := maxX-minX, maxY-minY; w > 0 && h > 0 {
		s := math.Sqrt(area / overlapDensity / (w * h))
		scale(bs, cx, cy, math.Max(0.5, math.Min(s, 50)))
	}
	order := make([]int, n)
	for round := 0; round < 400; round++ {
		for pass := 0; pass < 30; pass++ {
			if !pushApart(bs, order) {
				return
			}
		}
		scale(bs, cx, cy, 1.05)
	}
}

func scale(bs []box, cx, cy, s float64) {
	for i := range bs {
		bs[i].x = cx + (bs[i].x-cx)*s
		bs[i].y = cy + (bs[i].y-cy)*s
	}
}

// pushApart does one pass over all overlapping pairs and reports whether
// it found any. Pairs are found by sweeping boxes sorted by left edge;
// boxes move during the pass, so a pass can miss a pair, but the pass
// that ends the loop moves nothing, so its answer is exact.
func pushApart(bs []box, order []int) bool {
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return bs[order[a]].x-bs[order[a]].hw < bs[order[b]].x-bs[order[b]].hw
	})
	left := make([]float64, len(order))
	for k, i := range order {
		left[k] = bs[i].x - bs[i].hw
	}
	found := false
	for oi, i := range order {
		a := &bs[i]
		right := a.x + a.hw + overlapGap
		for oj := oi + 1; oj < len(order) && left[oj] < right; oj++ {
			j := order[oj]
			b := &bs[j]
			dx, dy := b.x-a.x, b.y-a.y
			ox := a.hw + b.hw + overlapGap - math.Abs(dx)
			oy := a.hh + b.hh + overlapGap - math.Abs(dy)
			if ox <= 0 || oy <= 0 {
				continue
			}
			found = true
			// Push along the axis of least penetration, a little past
			// contact so that pairs do not creep apart over many passes.
			if ox < oy {
				s := sign(dx, i, j) * (ox/2 + 0.5)
				a.x -= s
				b.x += s
			} else {
				s := sign(dy, i, j) * (oy/2 + 0.5)
				a.y -= s
				b.y += s
			}
		}
	}
	return found
}

// sign is the direction from a to b, with ties broken by index so that
// coincident boxes separate deterministically.
func sign(d float64, i, j int) float64 {
	switch {
	case d > 0:
		return 1
	case d < 0:
		return -1
	case i < j:
		return 1
	}
	return -1
}
