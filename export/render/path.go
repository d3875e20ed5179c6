package render

import (
	"fmt"
	"math"
	"strconv"

	"github.com/srwiley/rasterx"
)

type vec struct{ x, y float64 }

// path is an outline in user units: subpaths of lines and Bézier curves.
type path struct {
	ops []pathOp
	pts []vec // 1 point per moveTo and lineTo, 2 per quadTo, 3 per cubeTo
}

type pathOp uint8

const (
	moveTo pathOp = iota
	lineTo
	quadTo
	cubeTo
	closePath
)

// points is how many points op takes.
func (op pathOp) points() int {
	return [...]int{moveTo: 1, lineTo: 1, quadTo: 2, cubeTo: 3, closePath: 0}[op]
}

func (p *path) moveTo(a vec)       { p.ops, p.pts = append(p.ops, moveTo), append(p.pts, a) }
func (p *path) lineTo(a vec)       { p.ops, p.pts = append(p.ops, lineTo), append(p.pts, a) }
func (p *path) quadTo(a, b vec)    { p.ops, p.pts = append(p.ops, quadTo), append(p.pts, a, b) }
func (p *path) cubeTo(a, b, c vec) { p.ops, p.pts = append(p.ops, cubeTo), append(p.pts, a, b, c) }
func (p *path) close()             { p.ops = append(p.ops, closePath) }

// addTo sends p, transformed by m into pixels, to a rasterx filler or
// stroker. For a fill every subpath is closed.
func (p *path) addTo(a rasterx.Adder, m matrix, fill bool) {
	open := false
	j := 0
	next := func() vec { j++; return m.apply(p.pts[j-1]) }
	for _, op := range p.ops {
		switch op {
		case moveTo:
			if open {
				a.Stop(fill)
			}
			a.Start(toFixed(next()))
			open = true
			continue
		case closePath:
			if open {
				a.Stop(true)
			}
			open = false
			continue
		}
		if !open { // SVG: drawing after a close starts where that subpath did
			continue
		}
		switch op {
		case lineTo:
			a.Line(toFixed(next()))
		case quadTo:
			b, c := next(), next()
			a.QuadBezier(toFixed(b), toFixed(c))
		case cubeTo:
			b, c, d := next(), next(), next()
			a.CubeBezier(toFixed(b), toFixed(c), toFixed(d))
		}
	}
	if open {
		a.Stop(fill)
	}
}

// length returns the length in pixels of p's control polygon,
// transformed by m: at least the length of its outline.
func (p *path) length(m matrix) float64 {
	l := 0.0
	var last vec
	j := 0
	for _, op := range p.ops {
		for n := range op.points() {
			q := fromFixed(toFixed(m.apply(p.pts[j+n])))
			if op != moveTo {
				l += math.Hypot(q.x-last.x, q.y-last.y)
			}
			last = q
		}
		j += op.points()
	}
	return l
}

// kappa places the control points of a cubic Bézier quarter ellipse.
const kappa = 0.5522847498307936 // 4/3·(√2−1)

// ellipse returns the ellipse centred on c with radii rx, ry as four
// cubic Béziers (at most 0.03 % of the radius off).
func ellipse(c vec, rx, ry float64) *path {
	p := &path{}
	kx, ky := kappa*rx, kappa*ry
	p.moveTo(vec{c.x + rx, c.y})
	p.cubeTo(vec{c.x + rx, c.y + ky}, vec{c.x + kx, c.y + ry}, vec{c.x, c.y + ry})
	p.cubeTo(vec{c.x - kx, c.y + ry}, vec{c.x - rx, c.y + ky}, vec{c.x - rx, c.y})
	p.cubeTo(vec{c.x - rx, c.y - ky}, vec{c.x - kx, c.y - ry}, vec{c.x, c.y - ry})
	p.cubeTo(vec{c.x + kx, c.y - ry}, vec{c.x + rx, c.y - ky}, vec{c.x + rx, c.y})
	p.close()
	return p
}

// parsePath reads SVG path data (every command of SVG 1.1's grammar,
// absolute and relative; arcs become Béziers).
func parsePath(d string) (*path, error) {
	p := &path{}
	s := pathScanner{s: d}
	var cur, start, ctrl vec // ctrl: the last control point, for S and T
	var cmd, last byte
	for {
		s.skipSep()
		if s.done() {
			break
		}
		if c := s.s[s.i]; isCommand(c) {
			cmd = c
			s.i++
		} else if cmd == 0 || cmd == 'z' || cmd == 'Z' {
			return nil, fmt.Errorf("path %q: want a command at %d", d, s.i)
		} else if cmd == 'M' {
			cmd = 'L' // numbers after a moveto are lineto's
		} else if cmd == 'm' {
			cmd = 'l'
		}
		rel := cmd >= 'a'
		abs := func(v vec) vec {
			if rel {
				return vec{cur.x + v.x, cur.y + v.y}
			}
			return v
		}
		var args [7]float64
		for i := 0; i < argCount(cmd); i++ {
			v, err := s.number()
			if err != nil {
				return nil, fmt.Errorf("path %q: %w", d, err)
			}
			args[i] = v
		}
		if len(p.ops) == 0 && cmd&^0x20 != 'M' {
			return nil, fmt.Errorf("path %q: must start with a moveto", d)
		}
		if k := len(p.ops); k > 0 && p.ops[k-1] == closePath && cmd&^0x20 != 'M' {
			p.moveTo(cur) // after a close, a subpath starts where the last one did
		}
		smooth := vec{2*cur.x - ctrl.x, 2*cur.y - ctrl.y}
		switch cmd &^ 0x20 {
		case 'M':
			cur = abs(vec{args[0], args[1]})
			start = cur
			p.moveTo(cur)
		case 'L':
			cur = abs(vec{args[0], args[1]})
			p.lineTo(cur)
		case 'H', 'V':
			v := &cur.x
			if cmd&^0x20 == 'V' {
				v = &cur.y
			}
			if rel {
				*v += args[0]
			} else {
				*v = args[0]
			}
			p.lineTo(cur)
		case 'C', 'S':
			var c1 vec
			i := 0
			if cmd&^0x20 == 'C' {
				c1, i = abs(vec{args[0], args[1]}), 2
			} else if last&^0x20 == 'C' || last&^0x20 == 'S' {
				c1 = smooth
			} else {
				c1 = cur
			}
			c2, end := abs(vec{args[i], args[i+1]}), abs(vec{args[i+2], args[i+3]})
			p.cubeTo(c1, c2, end)
			ctrl, cur = c2, end
		case 'Q', 'T':
			var c1 vec
			var end vec
			if cmd&^0x20 == 'Q' {
				c1, end = abs(vec{args[0], args[1]}), abs(vec{args[2], args[3]})
			} else {
				if last&^0x20 == 'Q' || last&^0x20 == 'T' {
					c1 = smooth
				} else {
					c1 = cur
				}
				end = abs(vec{args[0], args[1]})
			}
			p.quadTo(c1, end)
			ctrl, cur = c1, end
		case 'A':
			end := abs(vec{args[5], args[6]})
			arcTo(p, cur, args[0], args[1], args[2], args[3] != 0, args[4] != 0, end)
			cur = end
		case 'Z':
			p.close()
			cur = start
		}
		last = cmd
	}
	return p, nil
}

// argCount is how many numbers a path command takes.
func argCount(cmd byte) int {
	switch cmd &^ 0x20 {
	case 'H', 'V':
		return 1
	case 'M', 'L', 'T':
		return 2
	case 'S', 'Q':
		return 4
	case 'C':
		return 6
	case 'A':
		return 7
	}
	return 0
}

func isCommand(c byte) bool {
	switch c &^ 0x20 {
	case 'M', 'L', 'H', 'V', 'C', 'S', 'Q', 'T', 'A', 'Z':
		return true
	}
	return false
}

type pathScanner struct {
	s string
	i int
}

func (s *pathScanner) done() bool { return s.i >= len(s.s) }

func (s *pathScanner) skipSep() {
	for !s.done() && (s.s[s.i] == ' ' || s.s[s.i] == ',' || s.s[s.i] == '\t' || s.s[s.i] == '\n' || s.s[s.i] == '\r') {
		s.i++
	}
}

// number reads one number: sign, digits, a point, an exponent.
func (s *pathScanner) number() (float64, error) {
	s.skipSep()
	j := s.i
	if j < len(s.s) && (s.s[j] == '+' || s.s[j] == '-') {
		j++
	}
	digits, dot := 0, false
	for ; j < len(s.s); j++ {
		c := s.s[j]
		if c >= '0' && c <= '9' {
			digits++
		} else if c == '.' && !dot {
			dot = true
		} else {
			break
		}
	}
	if digits > 0 && j < len(s.s) && (s.s[j] == 'e' || s.s[j] == 'E') {
		k := j + 1
		if k < len(s.s) && (s.s[k] == '+' || s.s[k] == '-') {
			k++
		}
		if k < len(s.s) && s.s[k] >= '0' && s.s[k] <= '9' {
			for j = k; j < len(s.s) && s.s[j] >= '0' && s.s[j] <= '9'; j++ {
			}
		}
	}
	if digits == 0 {
		return 0, fmt.Errorf("want a number at %d", s.i)
	}
	v, err := strconv.ParseFloat(s.s[s.i:j], 64)
	s.i = j
	if err != nil || !finite(v) {
		return 0, nil // out of range: read as 0, as num does
	}
	return v, nil
}

// arcTo appends SVG's elliptical arc from a to b (SVG 1.1, appendix F.6)
// as cubic Béziers of at most a quarter turn each.
func arcTo(p *path, a vec, rx, ry, phiDeg float64, large, sweep bool, b vec) {
	rx, ry = math.Abs(rx), math.Abs(ry)
	if a == b {
		return
	}
	if rx == 0 || ry == 0 {
		p.lineTo(b)
		return
	}
	sinPhi, cosPhi := math.Sincos(phiDeg * math.Pi / 180)
	dx, dy := (a.x-b.x)/2, (a.y-b.y)/2
	x1 := cosPhi*dx + sinPhi*dy
	y1 := -sinPhi*dx + cosPhi*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		rx, ry = rx*math.Sqrt(l), ry*math.Sqrt(l)
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	k := math.Sqrt(math.Max(0, num/den))
	if large == sweep {
		k = -k
	}
	cx1, cy1 := k*rx*y1/ry, -k*ry*x1/rx
	c := vec{cosPhi*cx1 - sinPhi*cy1 + (a.x+b.x)/2, sinPhi*cx1 + cosPhi*cy1 + (a.y+b.y)/2}
	angle := func(ux, uy, vx, vy float64) float64 { return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy) }
	t1 := angle(1, 0, (x1-cx1)/rx, (y1-cy1)/ry)
	dt := angle((x1-cx1)/rx, (y1-cy1)/ry, (-x1-cx1)/rx, (-y1-cy1)/ry)
	if !sweep && dt > 0 {
		dt -= 2 * math.Pi
	} else if sweep && dt < 0 {
		dt += 2 * math.Pi
	}
	if !finite(dt) || !finite(t1) || !finite(c.x) || !finite(c.y) {
		p.lineTo(b)
		return
	}
	n := int(math.Ceil(math.Abs(dt) / (math.Pi / 2)))
	step := dt / float64(n)
	h := 4.0 / 3 * math.Tan(step/4)
	pt := func(t float64) (vec, vec) { // point and derivative
		s, co := math.Sincos(t)
		x, y := rx*co, ry*s
		dx, dy := -rx*s, ry*co
		return vec{c.x + cosPhi*x - sinPhi*y, c.y + sinPhi*x + cosPhi*y},
			vec{cosPhi*dx - sinPhi*dy, sinPhi*dx + cosPhi*dy}
	}
	t := t1
	p0, d0 := pt(t)
	for i := 0; i < n; i++ {
		t += step
		p1, d1 := pt(t)
		if i == n-1 {
			p1 = b
		}
		p.cubeTo(vec{p0.x + h*d0.x, p0.y + h*d0.y}, vec{p1.x - h*d1.x, p1.y - h*d1.y}, p1)
		p0, d0 = p1, d1
	}
}
