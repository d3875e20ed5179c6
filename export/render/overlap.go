package render

import (
	"cmp"
	"math"
	"slices"
)

// box is a node's rectangle for overlap removal: centre and half sizes.
type box struct {
	x, y, hw, hh float64
}

// overlapGap is the clearance kept between node rectangles, in points.
const overlapGap = 12

// overlapDensity is the share of the layout's area the node rectangles
// should cover before overlaps are removed: denser is cramped, sparser
// wastes the page (sfdp spreads graphs with many small components).
const overlapDensity = 0.35

// removeOverlaps moves boxes until no two overlap (with overlapGap
// clearance), keeping the layout's shape. Graphviz's own overlap removal
// in go-graphviz's WebAssembly build is unusable: prism needs the GTS
// library, which the build lacks, and falls back to Voronoi, which blew a
// 211-node graph up to 25000×20000 points; vpsc and compress did nothing.
//
// First the layout is scaled uniformly (by 0.5 to 50) so that the boxes
// cover overlapDensity of its area. Then the boxes are placed one at a
// time, largest first (ties in index order): each where the layout put
// it when that spot is free, else at the nearest free spot on a spiral
// around it. Every box is placed once, so the work is bounded and the
// result deterministic; the layout never grows beyond what its densest
// region needs. (Pushing overlapping pairs apart, the earlier method,
// did not converge on dense sfdp clusters: it spread a 1758-node layout
// to 59000 points square in 2 s.)
func removeOverlaps(bs []box) {
	n := len(bs)
	if n < 2 {
		return
	}
	// Density scaling around the centroid.
	var area, cx, cy float64
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	maxW := 0.0
	for _, b := range bs {
		area += 4 * (b.hw + overlapGap/2) * (b.hh + overlapGap/2)
		cx += b.x
		cy += b.y
		minX, maxX = math.Min(minX, b.x-b.hw), math.Max(maxX, b.x+b.hw)
		minY, maxY = math.Min(minY, b.y-b.hh), math.Max(maxY, b.y+b.hh)
		maxW = math.Max(maxW, 2*math.Max(b.hw, b.hh)+overlapGap)
	}
	cx, cy = cx/float64(n), cy/float64(n)
	if w, h := maxX-minX, maxY-minY; w > 0 && h > 0 {
		s := math.Sqrt(area / overlapDensity / (w * h))
		s = math.Max(0.5, math.Min(s, 50))
		for i := range bs {
			bs[i].x = cx + (bs[i].x-cx)*s
			bs[i].y = cy + (bs[i].y-cy)*s
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		return cmp.Compare(bs[j].hw*bs[j].hh, bs[i].hw*bs[i].hh) // largest first
	})
	g := &boxGrid{cell: math.Max(maxW, 1), cells: map[[2]int64][]int32{}}
	const step = overlapGap / 2
	for _, i := range order {
		b := bs[i]
		if !g.free(bs, b) {
			b = g.nearestFree(bs, b, step)
		}
		bs[i] = b
		g.add(bs, int32(i))
	}
}

// boxGrid indexes placed boxes by the square cells they touch.
type boxGrid struct {
	cell  float64
	cells map[[2]int64][]int32
}

// span returns the cells a box with clearance touches.
func (g *boxGrid) span(b box) (x0, y0, x1, y1 int64) {
	m := overlapGap / 2.0
	return int64(math.Floor((b.x - b.hw - m) / g.cell)), int64(math.Floor((b.y - b.hh - m) / g.cell)),
		int64(math.Floor((b.x + b.hw + m) / g.cell)), int64(math.Floor((b.y + b.hh + m) / g.cell))
}

func (g *boxGrid) add(bs []box, i int32) {
	x0, y0, x1, y1 := g.span(bs[i])
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			g.cells[[2]int64{x, y}] = append(g.cells[[2]int64{x, y}], i)
		}
	}
}

// free reports whether b keeps its clearance from every placed box.
func (g *boxGrid) free(bs []box, b box) bool {
	x0, y0, x1, y1 := g.span(b)
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			for _, j := range g.cells[[2]int64{x, y}] {
				o := bs[j]
				if b.hw+o.hw+overlapGap-math.Abs(b.x-o.x) > 1e-9 && b.hh+o.hh+overlapGap-math.Abs(b.y-o.y) > 1e-9 {
					return false
				}
			}
		}
	}
	return true
}

// nearestFree moves b to the first free spot on rings of growing radius
// around it, each ring walked from angle 0. Rings are step apart near b
// and then 10% further out each, with at most 64 spots, so that a box deep
// in a dense cluster finds room in a bounded number of tries.
func (g *boxGrid) nearestFree(bs []box, b box, step float64) box {
	r := 0.0
	for k := 1; ; k++ {
		if k <= 20 {
			r += step
		} else {
			r *= 1.1
		}
		m := min(64, max(8, int(2*math.Pi*r/step)))
		for a := range m {
			t := 2 * math.Pi * float64(a) / float64(m)
			c := b
			c.x, c.y = b.x+r*math.Cos(t), b.y+r*math.Sin(t)
			if g.free(bs, c) {
				return c
			}
		}
	}
}
