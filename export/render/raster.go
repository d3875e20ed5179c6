package render

import (
	"image"
	"image/color"
	"math"

	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// matrix is an affine transform: x' = a·x + c·y + e, y' = b·x + d·y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m·n: n applied first, then m (SVG's order for a transform
// list and for a child's transform inside its parent's).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[2]*n[1],
		m[1]*n[0] + m[3]*n[1],
		m[0]*n[2] + m[2]*n[3],
		m[1]*n[2] + m[3]*n[3],
		m[0]*n[4] + m[2]*n[5] + m[4],
		m[1]*n[4] + m[3]*n[5] + m[5],
	}
}

func (m matrix) translate(x, y float64) matrix { return m.mul(matrix{1, 0, 0, 1, x, y}) }
func (m matrix) scale(x, y float64) matrix     { return m.mul(matrix{x, 0, 0, y, 0, 0}) }

// rotate turns by deg degrees, clockwise on a y-down page, as SVG does.
func (m matrix) rotate(deg float64) matrix {
	s, c := math.Sincos(deg * math.Pi / 180)
	return m.mul(matrix{c, s, -s, c, 0, 0})
}

func (m matrix) apply(p vec) vec {
	return vec{m[0]*p.x + m[2]*p.y + m[4], m[1]*p.x + m[3]*p.y + m[5]}
}

// lineScale is how much m stretches a length (the square root of its
// area factor): stroke widths and dashes are scaled by it.
func (m matrix) lineScale() float64 {
	return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2]))
}

// maxCoord bounds a pixel coordinate handed to the rasteriser: points
// farther out (hostile or broken input) are clamped, which keeps
// rasterx's 26.6 fixed-point arithmetic from overflowing. It is larger
// than any picture under MaxPixels is wide.
const maxCoord = 1 << 23

func toFixed(p vec) fixed.Point26_6 {
	c := func(v float64) fixed.Int26_6 {
		if !(v > -maxCoord) { // NaN too
			v = -maxCoord
		}
		return fixed.Int26_6(math.Round(math.Min(v, maxCoord) * 64))
	}
	return fixed.Point26_6{X: c(p.x), Y: c(p.y)}
}

// bandPixels bounds the coverage buffer: a shape is rasterised in
// horizontal bands of at most this many pixels, each as wide as the
// shape's part in it.
const bandPixels = 1 << 18

// scanner is a rasterx.Scanner that collects a shape's outline and, in
// Draw, fills it into img with golang.org/x/image/vector band by band,
// each band only as wide as the outline in it: the work is proportional
// to the shape's area in the picture, not to the picture's size (rasterx's
// own ScannerGV composites the whole image for every shape). Coverage is
// non-zero winding, anti-aliased by exact area.
type scanner struct {
	img   *image.RGBA
	src   image.Uniform
	segs  []seg
	pen   vec
	ras   vector.Rasterizer
	bands [][]int32 // per band of bandRows rows, the segments crossing it
}

type seg struct{ a, b vec }

func newScanner(img *image.RGBA) *scanner { return &scanner{img: img} }

func (s *scanner) Start(a fixed.Point26_6) { s.pen = fromFixed(a) }

func (s *scanner) Line(b fixed.Point26_6) {
	p := fromFixed(b)
	s.segs = append(s.segs, seg{s.pen, p})
	s.pen = p
}

func fromFixed(p fixed.Point26_6) vec { return vec{float64(p.X) / 64, float64(p.Y) / 64} }

func (s *scanner) Clear()                             { s.segs = s.segs[:0] }
func (s *scanner) SetBounds(int, int)                 {}
func (s *scanner) SetWinding(bool)                    {}
func (s *scanner) SetClip(image.Rectangle)            {}
func (s *scanner) GetPathExtent() fixed.Rectangle26_6 { return fixed.Rectangle26_6{} }

func (s *scanner) SetColor(c any) {
	if c, ok := c.(color.Color); ok {
		s.src.C = c
	}
}

// Draw composites the collected outline over the image in the current
// colour and clears it.
func (s *scanner) Draw() {
	defer s.Clear()
	if len(s.segs) == 0 {
		return
	}
	_, _, _, a := s.src.C.RGBA()
	if a == 0 {
		return
	}
	b := s.img.Bounds()
	lo, hi := vec{math.Inf(1), math.Inf(1)}, vec{math.Inf(-1), math.Inf(-1)}
	for _, g := range s.segs {
		lo = vec{min(lo.x, g.a.x, g.b.x), min(lo.y, g.a.y, g.b.y)}
		hi = vec{max(hi.x, g.a.x, g.b.x), max(hi.y, g.a.y, g.b.y)}
	}
	y0 := max(b.Min.Y, int(math.Floor(lo.y)))
	y1 := min(b.Max.Y, int(math.Ceil(hi.y)))
	x0 := max(b.Min.X, int(math.Floor(lo.x)))
	x1 := min(b.Max.X, int(math.Ceil(hi.x)))
	if y0 >= y1 || x0 >= x1 {
		return
	}
	rows := max(1, min(y1-y0, bandPixels/(x1-x0)))
	n := (y1 - y0 + rows - 1) / rows
	if cap(s.bands) < n {
		s.bands = make([][]int32, n)
	}
	s.bands = s.bands[:n]
	for i := range s.bands {
		s.bands[i] = s.bands[i][:0]
	}
	for i, g := range s.segs {
		top, bot := min(g.a.y, g.b.y), max(g.a.y, g.b.y)
		if top == bot || bot <= float64(y0) || top >= float64(y1) {
			continue // horizontal segments add no coverage
		}
		first := max(0, int(math.Floor(top-float64(y0)))/rows)
		last := min(n-1, int(math.Floor(bot-float64(y0)))/rows)
		for k := first; k <= last; k++ {
			s.bands[k] = append(s.bands[k], int32(i))
		}
	}
	for k, idx := range s.bands {
		if len(idx) > 0 {
			top := y0 + k*rows
			s.drawBand(idx, top, min(y1, top+rows), x0, x1)
		}
	}
}

// drawBand fills the rows top to bottom of the outline whose segments
// idx cross them, within the columns x0 to x1.
func (s *scanner) drawBand(idx []int32, top, bottom, x0, x1 int) {
	ft, fb := float64(top), float64(bottom)
	// The band's columns: where its pieces of the outline lie.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, i := range idx {
		a, b, ok := clipY(s.segs[i], ft, fb)
		if ok {
			lo, hi = min(lo, a.x, b.x), max(hi, a.x, b.x)
		}
	}
	left, right := max(x0, int(math.Floor(lo))), min(x1, int(math.Ceil(hi)))
	if left >= right {
		return // wholly left or right of the picture: each row's winding cancels
	}
	w, h := right-left, bottom-top
	s.ras.Reset(w, h)
	fl, fr := float64(left), float64(right)
	for _, i := range idx {
		a, b, ok := clipY(s.segs[i], ft, fb)
		if !ok {
			continue
		}
		// Pieces left of the band become its left edge (they cover the
		// columns right of them), pieces right of it its right edge (they
		// cover nothing): the area each row accumulates is unchanged, and no
		// segment is longer than the band.
		for _, p := range splitX(a, b, fl, fr) {
			s.ras.MoveTo(float32(p.a.x-fl), float32(p.a.y-ft))
			s.ras.LineTo(float32(p.b.x-fl), float32(p.b.y-ft))
		}
	}
	s.ras.Draw(s.img, image.Rect(left, top, right, bottom), &s.src, image.Point{})
}

// clipY returns the part of g between the rows y0 and y1.
func clipY(g seg, y0, y1 float64) (a, b vec, ok bool) {
	a, b = g.a, g.b
	if a.y > b.y {
		a, b = b, a
		defer func() { a, b = b, a }()
	}
	if b.y <= y0 || a.y >= y1 || a.y == b.y {
		return a, b, false
	}
	at := func(y float64) vec { return vec{a.x + (b.x-a.x)*(y-a.y)/(b.y-a.y), y} }
	if a.y < y0 {
		a = at(y0)
	}
	if b.y > y1 {
		b = at(y1)
	}
	return a, b, true
}

// splitX cuts the segment a–b at the columns l and r and moves the
// pieces outside onto them.
func splitX(a, b vec, l, r float64) []seg {
	cuts := [4]float64{0, 1, 1, 1}
	n := 1
	for _, x := range [2]float64{l, r} {
		if (a.x < x) != (b.x < x) {
			cuts[n] = (x - a.x) / (b.x - a.x)
			n++
		}
	}
	if n == 3 && cuts[1] > cuts[2] {
		cuts[1], cuts[2] = cuts[2], cuts[1]
	}
	cuts[n] = 1
	var out []seg
	for i := 0; i < n; i++ {
		p := vec{a.x + (b.x-a.x)*cuts[i], a.y + (b.y-a.y)*cuts[i]}
		q := vec{a.x + (b.x-a.x)*cuts[i+1], a.y + (b.y-a.y)*cuts[i+1]}
		if i == n-1 {
			q = b
		}
		if mid := (p.x + q.x) / 2; mid <= l {
			p.x, q.x = l, l
		} else if mid >= r {
			p.x, q.x = r, r
		}
		out = append(out, seg{p, q})
	}
	return out
}

// painter fills and strokes outlines in pixel coordinates onto an image.
type painter struct {
	sc     *scanner
	filler *rasterx.Filler
	dasher *rasterx.Dasher
}

func newPainter(img *image.RGBA) *painter {
	sc := newScanner(img)
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	return &painter{sc: sc, filler: rasterx.NewFiller(w, h, sc), dasher: rasterx.NewDasher(w, h, sc)}
}

// fill fills p, transformed by m, with c.
func (pt *painter) fill(p *path, m matrix, c color.RGBA) {
	if c.A == 0 {
		return
	}
	pt.sc.Clear()
	pt.sc.SetColor(c)
	p.addTo(pt.filler, m, true)
	pt.sc.Draw()
}

// maxStroke bounds a stroke's width in pixels, maxDashes the dashes of
// one stroke.
const (
	maxStroke = 1 << 16
	maxDashes = 1 << 16
)

// stroke draws p's outline, transformed by m, width wide (in p's units)
// with miter joins (bevelled past SVG's default limit of 4), butt caps
// and the dash pattern dashes.
func (pt *painter) stroke(p *path, m matrix, c color.RGBA, width float64, dashes []float64) {
	k := m.lineScale()
	w := math.Min(width*k, maxStroke)
	if c.A == 0 || !(w*64 >= 1) {
		return
	}
	var d []float64
	period := 0.0
	for _, x := range dashes {
		d = append(d, math.Min(x*k, maxCoord))
		period += d[len(d)-1]
	}
	if p.length(m)/period > maxDashes {
		d = nil // too fine to see, too many to draw: solid
	}
	pt.dasher.SetStroke(fixed.Int26_6(w*64), 4<<6, rasterx.ButtCap, nil, rasterx.FlatGap, rasterx.Miter, d, 0)
	pt.sc.Clear()
	pt.sc.SetColor(c)
	p.addTo(pt.dasher, m, false)
	pt.sc.Draw()
}
