package render

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

func overlapping(bs []box) [][2]int {
	var out [][2]int
	for i := range bs {
		for j := i + 1; j < len(bs); j++ {
			a, b := bs[i], bs[j]
			if a.hw+b.hw+overlapGap-abs(a.x-b.x) > 1e-9 && a.hh+b.hh+overlapGap-abs(a.y-b.y) > 1e-9 {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

// extent is the width and height of the boxes' bounding box.
func extent(bs []box) (w, h float64) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, b := range bs {
		minX, maxX = math.Min(minX, b.x-b.hw), math.Max(maxX, b.x+b.hw)
		minY, maxY = math.Min(minY, b.y-b.hh), math.Max(maxY, b.y+b.hh)
	}
	return maxX - minX, maxY - minY
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestRemoveOverlaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	random := func(n int, spread float64) []box {
		bs := make([]box, n)
		for i := range bs {
			bs[i] = box{x: rng.Float64() * spread, y: rng.Float64() * spread, hw: 5 + rng.Float64()*60, hh: 8 + rng.Float64()*15}
		}
		return bs
	}
	tests := []struct {
		name string
		bs   []box
	}{
		{"coincident", []box{{0, 0, 10, 10}, {0, 0, 10, 10}, {0, 0, 10, 10}}},
		{"dense", random(300, 100)},
		{"sparse", random(100, 20000)},
		{"wide labels in a row", []box{{0, 0, 70, 10}, {10, 0, 70, 10}, {20, 0, 70, 10}, {30, 1, 70, 10}}},
		{"one", []box{{5, 5, 1, 1}}},
		{"dense cluster in a sparse layout", append(random(1500, 200), random(200, 50000)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := append([]box(nil), tt.bs...)
			b := append([]box(nil), tt.bs...)
			removeOverlaps(a)
			removeOverlaps(b)
			assert.Empty(t, overlapping(a), "overlapping pairs remain")
			assert.Equal(t, a, b, "not deterministic")
			// The layout grows no more than its densest part needs: the
			// boxes' area at overlapDensity, or the original extent.
			var area float64
			for _, x := range tt.bs {
				area += 4 * (x.hw + overlapGap) * (x.hh + overlapGap)
			}
			w0, h0 := extent(tt.bs)
			w, h := extent(a)
			limit := 2*math.Max(math.Max(w0, h0), math.Sqrt(area/overlapDensity)) + 200
			assert.Less(t, math.Max(w, h), limit, "the layout blew up from %gx%g to %gx%g", w0, h0, w, h)
		})
	}
}

func BenchmarkRemoveOverlaps2000(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	base := make([]box, 2000)
	for i := range base {
		base[i] = box{x: rng.Float64() * 3000, y: rng.Float64() * 3000, hw: 10 + rng.Float64()*60, hh: 10 + rng.Float64()*15}
	}
	bs := make([]box, len(base))
	for b.Loop() {
		copy(bs, base)
		removeOverlaps(bs)
	}
}
