package render

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"

	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/graph"
)

// MaxPixels bounds the PNG: a larger picture is drawn at a smaller scale
// so that width × height stays below it (about 160 MB of RGBA), but never
// so small that its smallest text (MinFontPoints) is under MinTextPixels:
// such a picture is refused with ErrUnreadable.
const MaxPixels = 40_000_000

// MinTextPixels is the smallest font size, in PNG pixels, a picture may
// have: the smallest text papergraph draws (MinFontPoints, the legend's)
// is at least this many pixels high (its em; capitals are about 0.73 of
// it).
const (
	MinTextPixels = 12
	MinFontPoints = 9
)

// svgSizeRE finds the size Graphviz writes on the svg element.
var svgSizeRE = regexp.MustCompile(`<svg width="([0-9.]+)pt" height="([0-9.]+)pt"`)

// pngScale returns the PNG's pixels per point for an SVG: opt.PNGWidth
// over the SVG's width, else opt.Scale (2 when zero), lowered to stay
// under MaxPixels; an error wrapping ErrUnreadable when the width asked
// or that bound puts the smallest text under MinTextPixels.
func pngScale(svg []byte, opt Options) (float64, error) {
	scale := opt.Scale
	if !(scale > 0) || math.IsInf(scale, 0) {
		scale = 2
	}
	m := svgSizeRE.FindSubmatch(svg[:min(len(svg), 4096)])
	if m == nil {
		return scale, nil // not from Graphviz: Rasterize decides
	}
	w, h := num(string(m[1])), num(string(m[2]))
	chosen := opt.PNGWidth > 0 // an explicit Scale is taken as given
	if chosen && w > 0 {
		scale = float64(opt.PNGWidth) / w
	}
	if w*h*scale*scale > MaxPixels {
		scale, chosen = math.Sqrt(MaxPixels/(w*h)), true
	}
	if px := MinFontPoints * scale; chosen && px < MinTextPixels-1e-9 {
		return 0, fmt.Errorf("render: png: a %.0f×%.0f pt picture at %.2f pixels per point draws %d-point text %.1f pixels high, under the readable %d (-png-width %d or more, at most %d pixels in all; or draw fewer nodes: -max-nodes, -view papers): %w",
			w, h, scale, MinFontPoints, px, MinTextPixels, int(math.Ceil(w*MinTextPixels/MinFontPoints)), MaxPixels, ErrUnreadable)
	}
	return scale, nil
}

// ErrSVG means the SVG given to the rasteriser is not one it can draw.
var ErrSVG = errors.New("unsupported svg")

// ErrUnreadable means a PNG of the asked width, or within MaxPixels,
// would draw its smallest text under MinTextPixels.
var ErrUnreadable = errors.New("picture too large to read at that size")

//go:embed fonts/DejaVuSans.ttf
var dejaVuSans []byte

// PNG draws g at the positions of eopt.Layout as a PNG image that looks
// like [SVG]: it renders the same SVG and rasterises it in pure Go
// ([Rasterize]) with an embedded DejaVu Sans font. (go-graphviz's own PNG
// renderer fills every shape; see goccy/go-graphviz#106.) The image has
// opt.Scale pixels per point, reduced if needed to stay under MaxPixels.
// It takes the layout and the legend from eopt, as [SVG] does. PNG is safe
// for concurrent use; only the SVG step holds the Graphviz lock.
func PNG(ctx context.Context, w io.Writer, g *graph.Graph, eopt export.Options, opt Options) error {
	var buf bytes.Buffer
	if err := renderSVG(ctx, &buf, g, eopt, opt); err != nil {
		return err
	}
	return PNGFromSVG(ctx, w, buf.Bytes(), opt)
}

// PNGFromSVG writes the PNG of an SVG that [SVG] made, as [PNG] would for
// the same graph, layout and options: a caller writing both pictures
// renders the SVG once. Of opt, only Scale and PNGWidth are used.
//
// It returns as soon as ctx is done: drawing and compressing run in a
// goroutine of their own (the rasterizer cannot be interrupted), which
// finishes in the background and is dropped; w is written only when the
// picture is whole.
func PNGFromSVG(ctx context.Context, w io.Writer, svg []byte, opt Options) error {
	scale, err := pngScale(svg, opt)
	if err != nil {
		return err
	}
	type result struct {
		png []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		img, err := Rasterize(bytes.NewReader(svg), scale)
		if err != nil {
			done <- result{err: err}
			return
		}
		if ctx.Err() != nil {
			done <- result{err: ctx.Err()}
			return
		}
		var b bytes.Buffer
		if err := encodePNG(&b, img); err != nil {
			done <- result{err: fmt.Errorf("render: png: %w", err)}
			return
		}
		done <- result{png: b.Bytes()}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return r.err
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("render: png: %w", err)
		}
		_, err := w.Write(r.png)
		return err
	case <-ctx.Done():
		return fmt.Errorf("render: png: %w", ctx.Err())
	}
}

// Rasterize draws an SVG written by Graphviz (the subset its SVG renderer
// emits: g with transforms, polygon, polyline, ellipse, path, text, a) at
// scale pixels per point (zero means 2). Shapes are filled only where the
// SVG says fill, which is what go-graphviz's PNG renderer gets wrong.
// Strokes have miter joins (bevelled past a limit of 4) and butt caps;
// stroke widths and dashes are scaled by the transform's mean scale.
func Rasterize(r io.Reader, scale float64) (img *image.RGBA, err error) {
	defer func() {
		// rasterx and sfnt are third-party code drawing untrusted text
		// and shapes; a panic there must not cross this API.
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("render: rasterize: %w: panic: %v", ErrSVG, p)
		}
	}()
	if !(scale > 0) || math.IsInf(scale, 0) {
		scale = 2
	}
	ff, err := fonts()
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(r)
	d.Strict = true
	var (
		pt    *painter
		stack []svgStyle
		cur   svgStyle
		text  *svgText
		cache = map[glyphKey]*path{}
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("render: rasterize: %w: %w", ErrSVG, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			a := attrMap(t.Attr)
			if t.Name.Local == "svg" && pt == nil {
				w, h, vb, err := svgViewport(a)
				if err != nil {
					return nil, err
				}
				if px := w * h * scale * scale; px > MaxPixels {
					scale = math.Sqrt(MaxPixels / (w * h))
				}
				// The picture's size in pixels, rounded as before.
				pw, ph := max(1, int(w*scale+0.5)), max(1, int(h*scale+0.5))
				pt = newPainter(image.NewRGBA(image.Rect(0, 0, pw, ph)))
				view := identity.scale(scale, scale)
				if vb[2] > 0 && vb[3] > 0 {
					view = view.scale(w/vb[2], h/vb[3]).translate(-vb[0], -vb[1])
				}
				cur = svgStyle{fill: black, width: 1, fontSize: 14, anchor: "start", ctm: view}
				stack = append(stack, cur)
				continue
			}
			if pt == nil {
				return nil, fmt.Errorf("render: rasterize: %w: no svg element", ErrSVG)
			}
			stack = append(stack, cur)
			if err := cur.apply(a); err != nil {
				return nil, err
			}
			if err := pt.drawShape(t.Name.Local, a, cur); err != nil {
				return nil, err
			}
			if t.Name.Local == "text" {
				text = &svgText{x: num(a["x"]), y: num(a["y"]), style: cur}
			}
		case xml.CharData:
			if text != nil {
				text.s.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "text" && text != nil {
				pt.drawText(ff, cache, text.style.ctm, text)
				text = nil
			}
			if len(stack) == 0 {
				return nil, fmt.Errorf("render: rasterize: %w: unbalanced", ErrSVG)
			}
			cur = stack[len(stack)-1]
			stack = stack[:len(stack)-1]
		}
	}
	if pt == nil {
		return nil, fmt.Errorf("render: rasterize: %w: no svg element", ErrSVG)
	}
	return pt.sc.img, nil
}

var black = color.RGBA{0, 0, 0, 0xff}

// svgStyle is the inherited presentation state and the transform from
// the element's units to pixels.
type svgStyle struct {
	fill, stroke   color.RGBA
	width          float64
	dashes         []float64
	fontSize       float64
	anchor, family string
	ctm            matrix
}

type svgText struct {
	x, y  float64
	s     strings.Builder
	style svgStyle
}

func attrMap(as []xml.Attr) map[string]string {
	m := make(map[string]string, len(as))
	for _, a := range as {
		if a.Name.Space == "" || a.Name.Space == "http://www.w3.org/2000/svg" {
			m[a.Name.Local] = a.Value
		}
	}
	return m
}

func svgViewport(a map[string]string) (w, h float64, vb [4]float64, err error) {
	w, h = dim(a["width"]), dim(a["height"])
	if f := strings.Fields(a["viewBox"]); len(f) == 4 {
		for i := range vb {
			vb[i] = num(f[i])
		}
	}
	if w <= 0 {
		w = vb[2]
	}
	if h <= 0 {
		h = vb[3]
	}
	if !(w > 0 && h > 0) || w > 1e6 || h > 1e6 {
		return 0, 0, vb, fmt.Errorf("render: rasterize: %w: size %q×%q", ErrSVG, a["width"], a["height"])
	}
	return w, h, vb, nil
}

// dim parses an SVG length in points ("12pt", "12px" read as points, as
// Graphviz means them).
func dim(s string) float64 {
	s = strings.TrimSpace(s)
	for _, u := range []string{"pt", "px"} {
		s = strings.TrimSuffix(s, u)
	}
	return num(s)
}

func num(s string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !finite(f) {
		return 0
	}
	return f
}

// apply updates the style from an element's presentation attributes and
// composes its transform.
func (st *svgStyle) apply(a map[string]string) error {
	if v, ok := a["transform"]; ok {
		m, err := parseTransform(v)
		if err != nil {
			return err
		}
		st.ctm = st.ctm.mul(m)
	}
	if v, ok := a["fill"]; ok {
		st.fill = paint(v)
	}
	if v, ok := a["fill-opacity"]; ok {
		st.fill = withAlpha(st.fill, num(v))
	}
	if v, ok := a["stroke"]; ok {
		st.stroke = paint(v)
	}
	if v, ok := a["stroke-opacity"]; ok {
		st.stroke = withAlpha(st.stroke, num(v))
	}
	if v, ok := a["stroke-width"]; ok {
		st.width = math.Abs(num(v))
	}
	if v, ok := a["stroke-dasharray"]; ok {
		st.dashes = nil
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			if x := num(f); x > 0 {
				st.dashes = append(st.dashes, x)
			}
		}
	}
	if v, ok := a["font-size"]; ok {
		st.fontSize = dim(v)
	}
	if v, ok := a["text-anchor"]; ok {
		st.anchor = v
	}
	if v, ok := a["font-family"]; ok {
		st.family = v
	}
	return nil
}

// paint parses an SVG colour: none, #rgb, #rrggbb or a colour name.
func paint(v string) color.RGBA {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "none" || v == "transparent" || v == "":
		return color.RGBA{}
	case strings.HasPrefix(v, "#"):
		c, ok := export.ParseHex(v)
		if !ok {
			return black
		}
		return color.RGBA{c.R, c.G, c.B, 0xff}
	}
	if c, ok := colornames.Map[v]; ok {
		return c
	}
	return black
}

// withAlpha scales an opaque colour's alpha by a, premultiplying.
func withAlpha(c color.RGBA, a float64) color.RGBA {
	a = math.Max(0, math.Min(1, a))
	m := func(v uint8) uint8 { return uint8(math.Round(float64(v) * a)) }
	return color.RGBA{m(c.R), m(c.G), m(c.B), m(c.A)}
}

// parseTransform reads an SVG transform list: translate, scale, rotate
// (about the origin or a point) and matrix.
func parseTransform(v string) (matrix, error) {
	m := identity
	rest := strings.TrimSpace(v)
	for rest != "" {
		name, args, ok := strings.Cut(rest, "(")
		if !ok {
			return m, fmt.Errorf("render: rasterize: %w: transform %q", ErrSVG, v)
		}
		args, rest, ok = strings.Cut(args, ")")
		if !ok {
			return m, fmt.Errorf("render: rasterize: %w: transform %q", ErrSVG, v)
		}
		rest = strings.TrimLeft(rest, " ,")
		var f []float64
		for _, s := range strings.FieldsFunc(args, func(r rune) bool { return r == ',' || r == ' ' }) {
			f = append(f, num(s))
		}
		get := func(i int, def float64) float64 {
			if i < len(f) {
				return f[i]
			}
			return def
		}
		switch strings.TrimSpace(name) {
		case "scale":
			m = m.scale(get(0, 1), get(1, get(0, 1)))
		case "translate":
			m = m.translate(get(0, 0), get(1, 0))
		case "rotate":
			cx, cy := get(1, 0), get(2, 0)
			m = m.translate(cx, cy).rotate(get(0, 0)).translate(-cx, -cy)
		case "matrix":
			if len(f) != 6 {
				return m, fmt.Errorf("render: rasterize: %w: transform %q", ErrSVG, v)
			}
			m = m.mul(matrix{f[0], f[1], f[2], f[3], f[4], f[5]})
		default:
			return m, fmt.Errorf("render: rasterize: %w: transform %q", ErrSVG, v)
		}
	}
	return m, nil
}

func points(s string) []float64 {
	var f []float64
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		f = append(f, num(p))
	}
	return f
}

// drawShape fills and strokes a polygon, polyline, ellipse or path
// element; other elements draw nothing.
func (pt *painter) drawShape(tag string, a map[string]string, st svgStyle) error {
	var p *path
	switch tag {
	case "polygon", "polyline":
		f := points(a["points"])
		p = &path{}
		for i := 0; i+1 < len(f); i += 2 {
			if i == 0 {
				p.moveTo(vec{f[0], f[1]})
			} else {
				p.lineTo(vec{f[i], f[i+1]})
			}
		}
		if tag == "polygon" && len(p.ops) > 0 {
			p.close()
		}
	case "ellipse":
		rx, ry := num(a["rx"]), num(a["ry"])
		if !(rx > 0 && ry > 0) {
			return nil // SVG draws nothing
		}
		p = ellipse(vec{num(a["cx"]), num(a["cy"])}, rx, ry)
	case "path":
		var err error
		p, err = parsePath(a["d"])
		if err != nil {
			return fmt.Errorf("render: rasterize: %w: %w", ErrSVG, err)
		}
	default:
		return nil
	}
	pt.fill(p, st.ctm, st.fill)
	pt.stroke(p, st.ctm, st.stroke, st.width, st.dashes)
	return nil
}
