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

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
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

// PNG draws g at the positions of layout as a PNG image that looks like
// [SVG]: it renders the same SVG and rasterises it in pure Go with
// tdewolff/canvas and an embedded DejaVu Sans font. (go-graphviz's own PNG
// renderer fills every shape; see goccy/go-graphviz#106.) The image has
// opt.Scale pixels per point, reduced if needed to stay under MaxPixels.
// PNG is safe for concurrent use; only the SVG step holds the Graphviz lock.
func PNG(ctx context.Context, w io.Writer, g *graph.Graph, layout *export.Layout, opt Options) error {
	var buf bytes.Buffer
	if err := renderSVG(ctx, &buf, g, export.Options{Layout: layout, NoLegend: opt.NoLegend}, opt); err != nil {
		return err
	}
	return PNGFromSVG(ctx, w, buf.Bytes(), opt)
}

// PNGFromSVG writes the PNG of an SVG that [SVG] made, as [PNG] would for
// the same graph, layout and options: a caller writing both pictures
// renders the SVG once. Only opt.Scale is used.
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
func Rasterize(r io.Reader, scale float64) (img *image.RGBA, err error) {
	defer func() {
		// tdewolff/canvas is third-party code drawing untrusted text; a
		// panic there must not cross this API.
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
		c     *canvas.Canvas
		cx    *canvas.Context
		stack []svgStyle
		cur   svgStyle
		text  *svgText
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
			if t.Name.Local == "svg" && c == nil {
				w, h, vb, err := svgViewport(a)
				if err != nil {
					return nil, err
				}
				if px := w * h * scale * scale; px > MaxPixels {
					scale = math.Sqrt(MaxPixels / (w * h))
				}
				c = canvas.New(w, h)
				cx = canvas.NewContext(c)
				cx.SetCoordSystem(canvas.CartesianIV)
				if vb[2] > 0 && vb[3] > 0 {
					cx.SetView(canvas.Identity.Scale(w/vb[2], h/vb[3]).Translate(-vb[0], -vb[1]))
				}
				cur = svgStyle{fill: canvas.Black, stroke: canvas.Transparent, width: 1, fontSize: 14, anchor: "start"}
				stack = append(stack, cur)
				continue
			}
			if c == nil {
				return nil, fmt.Errorf("render: rasterize: %w: no svg element", ErrSVG)
			}
			stack = append(stack, cur)
			cx.Push()
			if err := cur.apply(a, cx); err != nil {
				return nil, err
			}
			if err := drawShape(cx, t.Name.Local, a, cur); err != nil {
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
				drawText(cx, ff, text)
				text = nil
			}
			if len(stack) == 0 {
				return nil, fmt.Errorf("render: rasterize: %w: unbalanced", ErrSVG)
			}
			cur = stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if t.Name.Local != "svg" || len(stack) > 0 {
				cx.Pop()
			}
		}
	}
	if c == nil {
		return nil, fmt.Errorf("render: rasterize: %w: no svg element", ErrSVG)
	}
	return rasterizer.Draw(c, canvas.DPMM(scale), canvas.DefaultColorSpace), nil
}

// svgStyle is the inherited presentation state.
type svgStyle struct {
	fill, stroke   color.RGBA
	width          float64
	dashes         []float64
	fontSize       float64
	anchor, family string
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
func (st *svgStyle) apply(a map[string]string, cx *canvas.Context) error {
	if v, ok := a["transform"]; ok {
		m, err := parseTransform(v)
		if err != nil {
			return err
		}
		cx.ComposeView(m)
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
		return canvas.Transparent
	case strings.HasPrefix(v, "#"):
		c, ok := export.ParseHex(v)
		if !ok {
			return canvas.Black
		}
		return color.RGBA{c.R, c.G, c.B, 0xff}
	}
	if c, ok := colornames.Map[v]; ok {
		return c
	}
	return canvas.Black
}

// withAlpha scales an opaque colour's alpha by a, premultiplying.
func withAlpha(c color.RGBA, a float64) color.RGBA {
	a = math.Max(0, math.Min(1, a))
	m := func(v uint8) uint8 { return uint8(math.Round(float64(v) * a)) }
	return color.RGBA{m(c.R), m(c.G), m(c.B), m(c.A)}
}

func parseTransform(v string) (canvas.Matrix, error) {
	m := canvas.Identity
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
			m = m.Scale(get(0, 1), get(1, get(0, 1)))
		case "translate":
			m = m.Translate(get(0, 0), get(1, 0))
		case "rotate":
			m = m.Rotate(get(0, 0))
		case "matrix":
			if len(f) != 6 {
				return m, fmt.Errorf("render: rasterize: %w: transform %q", ErrSVG, v)
			}
			m = m.Mul(canvas.Matrix{{f[0], f[2], f[4]}, {f[1], f[3], f[5]}})
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

func drawShape(cx *canvas.Context, tag string, a map[string]string, st svgStyle) error {
	var p *canvas.Path
	switch tag {
	case "polygon", "polyline":
		f := points(a["points"])
		p = &canvas.Path{}
		for i := 0; i+1 < len(f); i += 2 {
			if i == 0 {
				p.MoveTo(f[0], f[1])
			} else {
				p.LineTo(f[i], f[i+1])
			}
		}
		if tag == "polygon" {
			p.Close()
		}
	case "ellipse":
		p = canvas.Ellipse(num(a["rx"]), num(a["ry"])).Translate(num(a["cx"]), num(a["cy"]))
	case "path":
		var err error
		p, err = canvas.ParseSVGPath(a["d"])
		if err != nil {
			return fmt.Errorf("render: rasterize: %w: path: %w", ErrSVG, err)
		}
	default:
		return nil
	}
	cx.SetFillColor(st.fill)
	cx.SetStrokeColor(st.stroke)
	cx.SetStrokeWidth(st.width)
	cx.SetStrokeJoiner(canvas.MiterJoiner{GapJoiner: canvas.BevelJoin, Limit: 4})
	cx.SetStrokeCapper(canvas.ButtCap)
	cx.SetDashes(0, st.dashes...)
	cx.DrawPath(0, 0, p)
	return nil
}
