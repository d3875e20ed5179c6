package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/papergraph/papergraph/export/render/internal/graphviz"

	"github.com/papergraph/papergraph/export"
	"github.com/papergraph/papergraph/graph"
)

// Errors returned by this package. Test with errors.Is.
var (
	// ErrTooLarge means the graph has more nodes or edges than
	// [Options.MaxNodes] or [Options.MaxEdges] allow, so laying it out would
	// take too long. Its message says what to do instead.
	ErrTooLarge = errors.New("graph too large to lay out here: draw fewer nodes (-max-nodes N keeps the most central, -min-degree N, -drop-isolated, -kinds paper, -focus ID -depth N) or lay out the GraphML/GEXF in Gephi")
	// ErrNoLayout means SVG or PNG got no layout: a nil
	// [export.Options].Layout.
	ErrNoLayout = errors.New("no layout: call Layout first")
	// ErrGraphviz wraps a failure inside Graphviz.
	ErrGraphviz = errors.New("graphviz failed")
	// ErrEngine means Options.Engine names an engine this package does not use.
	ErrEngine = errors.New("unknown layout engine")
)

// Default limits and engine thresholds, measured on generated paper graphs
// on two busy cores (see the README, "Pictures"): sfdp, overlap removal and the
// SVG take about 10 s together for 2100 nodes and 7000 edges.
const (
	// DefaultMaxNodes and DefaultMaxEdges bound what Layout, SVG and PNG
	// accept.
	DefaultMaxNodes = 3000
	DefaultMaxEdges = 12000
	// NeatoMaxNodes is the largest graph laid out with neato; larger
	// graphs use sfdp. In go-graphviz's WebAssembly build neato takes
	// about 1 s for the 211-node sample and 8 s for 525 nodes, sfdp
	// 0.15 s and 0.5 s, with the same picture quality after overlap
	// removal.
	NeatoMaxNodes = 100
	// DotMaxNodes is the largest graph laid out with dot, whose layered
	// drawing reads best for a handful of nodes.
	DotMaxNodes = 12
	// SplineMaxEdges is the most edges drawn as splines routed around
	// nodes; larger graphs get straight edges.
	SplineMaxEdges = 1500
)

// Options configures how [Layout], [SVG] and [PNG] work: the engine, the
// limits and the PNG's size. What the picture draws — where it puts each
// node, its style ([export.Options].Style, from [NewPicture]) and whether
// it has a legend — is given in [export.Options], as for every other
// writer. The zero value chooses the engine by size, applies the
// default limits and renders PNG at 2 pixels per point.
type Options struct {
	// Engine forces a layout engine: "dot", "neato" or "sfdp". Empty
	// chooses by size: dot up to DotMaxNodes nodes, neato up to
	// NeatoMaxNodes, sfdp above.
	Engine string
	// MaxNodes and MaxEdges refuse larger graphs with [ErrTooLarge]; zero
	// means DefaultMaxNodes and DefaultMaxEdges.
	MaxNodes, MaxEdges int
	// Scale is PNG pixels per point (1/72 inch); zero means 2. PNGWidth,
	// when > 0, sets the PNG's width in pixels instead.
	Scale    float64
	PNGWidth int
	// Logger receives debug timings; nil is silent.
	Logger *slog.Logger
}

// gv serialises every call into go-graphviz. The library runs one
// WebAssembly instance per process that is not safe for concurrent use,
// even through separate graphviz.Graphviz values, so the whole package
// shares one instance behind one mutex.
var gv struct {
	sync.Mutex
	g *graphviz.Graphviz
}

// withGraphviz runs f with the shared instance, holding the lock, and turns
// a panic inside go-graphviz into an error. Graphviz cannot be interrupted
// (go-graphviz ignores contexts), so f runs on a goroutine of its own and
// withGraphviz returns as soon as ctx is done, whether f is waiting for the
// lock or running: Ctrl-C stops a command at once. An abandoned f runs to
// its end in the background, still holding the lock, and its results are
// dropped: f must only write to memory the caller no longer reads after an
// error.
func withGraphviz(ctx context.Context, f func(*graphviz.Graphviz) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- locked(ctx, f) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("render: %w", ctx.Err())
	}
}

// locked runs f with the shared instance under the lock.
func locked(ctx context.Context, f func(*graphviz.Graphviz) error) (err error) {
	gv.Lock()
	defer gv.Unlock()
	// A caller may have been cancelled while waiting for the lock.
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("render: %w: panic: %v", ErrGraphviz, r)
		}
	}()
	if gv.g == nil {
		g, err := graphviz.New(context.Background())
		if err != nil {
			return fmt.Errorf("render: %w: %w", ErrGraphviz, err)
		}
		gv.g = g
	}
	return f(gv.g)
}

// Engine returns the engine [Layout] uses for g with opt.
func Engine(g *graph.Graph, opt Options) (string, error) {
	if opt.Engine != "" {
		if !slices.Contains(engines, opt.Engine) {
			return "", fmt.Errorf("render: %q: %w", opt.Engine, ErrEngine)
		}
		return opt.Engine, nil
	}
	n := len(g.Nodes())
	switch {
	case n <= DotMaxNodes:
		return "dot", nil
	case n <= NeatoMaxNodes:
		return "neato", nil
	}
	return "sfdp", nil
}

func (o Options) limits() (int, int) {
	n, e := o.MaxNodes, o.MaxEdges
	if n <= 0 {
		n = DefaultMaxNodes
	}
	if e <= 0 {
		e = DefaultMaxEdges
	}
	return n, e
}

// Layout computes node positions for g with Graphviz, once, for every
// writer: the SVG and PNG pictures, and the x/y that GraphML, GEXF and JSON
// carry. Positions are node centres in points with the origin at the
// bottom-left corner of the bounding box. Of eopt, Layout reads only the
// Style, which sizes the nodes (eopt.Layout is what it returns).
//
// A graph larger than the limits is refused with [ErrTooLarge] before any
// work. Layout returns as soon as ctx is done, waiting or running; Graphviz
// itself cannot be interrupted, so a layout that has started finishes in
// the background (holding up later calls until then) and is dropped.
// Layout is safe for concurrent use; calls into Graphviz are serialised.
func Layout(ctx context.Context, g *graph.Graph, eopt export.Options, opt Options) (*export.Layout, error) {
	if g == nil {
		return nil, fmt.Errorf("render: layout: nil graph")
	}
	maxN, maxE := opt.limits()
	if n, e := len(g.Nodes()), g.NumEdges(); n > maxN || e > maxE {
		return nil, fmt.Errorf("render: layout: %d nodes, %d edges (limit %d nodes, %d edges): %w", n, e, maxN, maxE, ErrTooLarge)
	}
	engine, err := Engine(g, opt)
	if err != nil {
		return nil, err
	}
	var src bytes.Buffer
	if err := export.DOT(&src, g, export.Options{NoLegend: true, Style: eopt.Style}); err != nil {
		return nil, fmt.Errorf("render: layout: %w", err)
	}
	// Graphviz names each node by its cleaned ID; IDs that differ only in
	// characters the DOT writer replaces share one node and its position.
	names := make(map[string][]string, len(g.Nodes()))
	for _, n := range g.Nodes() {
		names[export.DOTName(n.ID)] = append(names[export.DOTName(n.ID)], n.ID)
	}
	start := time.Now()
	lay := &export.Layout{Engine: engine, Pos: make(map[string]export.Point, len(g.Nodes()))}
	boxes := make([]box, len(g.Nodes()))
	index := make(map[string]int, len(g.Nodes()))
	for i, n := range g.Nodes() {
		index[n.ID] = i
	}
	placed := 0
	err = withGraphviz(ctx, func(gz *graphviz.Graphviz) error {
		cg, err := graphviz.ParseBytes(src.Bytes())
		if err != nil {
			return fmt.Errorf("render: layout: parse dot: %w: %w", ErrGraphviz, err)
		}
		defer cg.Close()
		// Edges are routed again when the picture is drawn; straight
		// segments are enough to place the nodes and much faster.
		// Overlaps are removed by removeOverlaps: the WebAssembly build's
		// own removal is broken (see there).
		for _, kv := range [][2]string{{"splines", "line"}, {"overlap", "true"}} {
			if err := cg.Set(kv[0], kv[1]); err != nil {
				return fmt.Errorf("render: layout: set %s: %w: %w", kv[0], ErrGraphviz, err)
			}
		}
		gz.SetLayout(graphviz.Layout(engine))
		// Rendering to "dot" attaches pos, width and height to the nodes.
		if err := gz.Render(context.Background(), cg, graphviz.XDOT, io.Discard); err != nil {
			return fmt.Errorf("render: layout %s: %w: %w", engine, ErrGraphviz, err)
		}
		for n, err := cg.FirstNode(); n != nil; n, err = cg.NextNode(n) {
			if err != nil {
				return fmt.Errorf("render: layout: %w: %w", ErrGraphviz, err)
			}
			name, err := n.Name()
			if err != nil {
				return fmt.Errorf("render: layout: %w: %w", ErrGraphviz, err)
			}
			p, err := parsePoint(n.GetStr("pos"))
			if err != nil {
				return fmt.Errorf("render: layout: node %q: %w", name, err)
			}
			w, h := num(n.GetStr("width"))*72, num(n.GetStr("height"))*72
			for _, id := range names[name] {
				boxes[index[id]] = box{x: p.X, y: p.Y, hw: w / 2, hh: h / 2}
				placed++
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if placed != len(g.Nodes()) {
		return nil, fmt.Errorf("render: layout: %d of %d nodes placed: %w", placed, len(g.Nodes()), ErrGraphviz)
	}
	laid := time.Now()
	removeOverlaps(boxes)
	// Move the bounding box of the node rectangles to the origin.
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, b := range boxes {
		minX, maxX = math.Min(minX, b.x-b.hw), math.Max(maxX, b.x+b.hw)
		minY, maxY = math.Min(minY, b.y-b.hh), math.Max(maxY, b.y+b.hh)
	}
	for i, n := range g.Nodes() {
		lay.Pos[n.ID] = export.Point{X: round2(boxes[i].x - minX), Y: round2(boxes[i].y - minY)}
	}
	if len(boxes) > 0 {
		lay.Width, lay.Height = round2(maxX-minX), round2(maxY-minY)
	}
	if opt.Logger != nil {
		opt.Logger.Debug("render: layout", "engine", engine, "nodes", len(g.Nodes()), "edges", g.NumEdges(),
			"width", lay.Width, "height", lay.Height, "graphviz", laid.Sub(start), "overlaps", time.Since(laid))
	}
	return lay, nil
}

// SVG draws g at the positions of eopt.Layout as SVG: our DOT (see
// [export.DOT]) rendered by Graphviz with every node pinned (neato -n2), so
// the picture shows exactly the positions the other formats carry, with
// http(s) links, a legend (unless eopt.NoLegend) and hover text: the
// <title> that is the first child of every node's and edge's group holds
// its tooltip (a node's title or name, an edge's relation and ends), not
// Graphviz's node or edge name, which stays in the comment before the
// group. Of eopt, SVG reads Layout and NoLegend; the other fields are the
// data writers'. A nil Layout fails with [ErrNoLayout]: lay g out with
// [Layout] first and give the same layout to every writer, so the picture
// and the data files agree. opt gives the limits and the style. The SVG
// body is deterministic for a given graph, layout and Graphviz version.
// SVG is safe for concurrent use.
func SVG(ctx context.Context, w io.Writer, g *graph.Graph, eopt export.Options, opt Options) error {
	var buf bytes.Buffer
	if err := renderSVG(ctx, &buf, g, eopt, opt); err != nil {
		return err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("render: svg: %w", err)
	}
	return nil
}

// renderSVG draws g at eopt.Layout, with a legend unless eopt.NoLegend.
func renderSVG(ctx context.Context, buf *bytes.Buffer, g *graph.Graph, eopt export.Options, opt Options) error {
	layout := eopt.Layout
	if g == nil {
		return fmt.Errorf("render: svg: nil graph")
	}
	if layout == nil {
		return fmt.Errorf("render: svg: %w", ErrNoLayout)
	}
	maxN, maxE := opt.limits()
	if n, e := len(g.Nodes()), g.NumEdges(); n > maxN || e > maxE {
		return fmt.Errorf("render: svg: %d nodes, %d edges (limit %d nodes, %d edges): %w", n, e, maxN, maxE, ErrTooLarge)
	}
	var src bytes.Buffer
	if err := export.DOT(&src, g, export.Options{Layout: layout, NoLegend: eopt.NoLegend, Style: eopt.Style}); err != nil {
		return fmt.Errorf("render: svg: %w", err)
	}
	start := time.Now()
	err := withGraphviz(ctx, func(gz *graphviz.Graphviz) error {
		cg, err := graphviz.ParseBytes(src.Bytes())
		if err != nil {
			return fmt.Errorf("render: svg: parse dot: %w: %w", ErrGraphviz, err)
		}
		defer cg.Close()
		if g.NumEdges() > SplineMaxEdges {
			// Routing splines around nodes grows steeply with the number
			// of edges (over ten minutes for 3500 edges); straight
			// edges are cheap.
			if err := cg.Set("splines", "line"); err != nil {
				return fmt.Errorf("render: svg: %w: %w", ErrGraphviz, err)
			}
		}
		gz.SetLayout(graphviz.NOP2)
		var raw bytes.Buffer
		if err := gz.Render(context.Background(), cg, graphviz.SVG, &raw); err != nil {
			return fmt.Errorf("render: svg: %w: %w", ErrGraphviz, err)
		}
		buf.Write(hoverTitles(raw.Bytes()))
		return nil
	})
	if err != nil {
		return err
	}
	if opt.Logger != nil {
		opt.Logger.Debug("render: svg", "bytes", buf.Len(), "took", time.Since(start))
	}
	return nil
}

func parsePoint(s string) (export.Point, error) {
	s = strings.TrimSuffix(s, "!")
	x, y, ok := strings.Cut(s, ",")
	if !ok {
		return export.Point{}, fmt.Errorf("bad pos %q: %w", s, ErrGraphviz)
	}
	fx, err1 := strconv.ParseFloat(x, 64)
	fy, err2 := strconv.ParseFloat(y, 64)
	if err1 != nil || err2 != nil || !finite(fx) || !finite(fy) {
		return export.Point{}, fmt.Errorf("bad pos %q: %w", s, ErrGraphviz)
	}
	return export.Point{X: fx, Y: fy}, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// NewPictures returns the [export.Pictures] that draws the picture
// formats of [export.Formats] with opt: the SVG is rendered once per graph
// and layout and serves both the SVG and the PNG file. It is safe for
// concurrent use.
func NewPictures(opt Options) export.Pictures { return &pictures{opt: opt} }

type pictures struct {
	opt    Options
	mu     sync.Mutex
	g      *graph.Graph
	l      *export.Layout
	legend bool
	svg    []byte
	err    error
}

// render returns the SVG of g at opt's layout, rendering it on the first
// call for that graph, layout and legend.
func (p *pictures) render(ctx context.Context, g *graph.Graph, opt export.Options) ([]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.g != g || p.l != opt.Layout || p.legend == opt.NoLegend || (p.svg == nil && p.err == nil) {
		var b bytes.Buffer
		p.err = renderSVG(ctx, &b, g, opt, p.opt)
		p.g, p.l, p.legend, p.svg = g, opt.Layout, !opt.NoLegend, b.Bytes()
	}
	return p.svg, p.err
}

func (p *pictures) SVG(ctx context.Context, w io.Writer, g *graph.Graph, opt export.Options) error {
	b, err := p.render(ctx, g, opt)
	if err != nil {
		return err
	}
	if _, err := w.Write(FitSVG(b, SVGMaxWidth, SVGMaxHeight)); err != nil {
		return fmt.Errorf("render: svg: %w", err)
	}
	return nil
}

func (p *pictures) PNG(ctx context.Context, w io.Writer, g *graph.Graph, opt export.Options) error {
	b, err := p.render(ctx, g, opt)
	if err != nil {
		return err
	}
	return PNGFromSVG(ctx, w, b, p.opt)
}

// SVGMaxWidth and SVGMaxHeight bound the size an SVG file asks a viewer
// for, in points: a larger picture keeps its viewBox (every coordinate)
// and is shown scaled down to fit, whole, in about a screen; zooming
// shows the detail.
const (
	SVGMaxWidth  = 1200
	SVGMaxHeight = 900
)

// FitSVG returns svg with the width and height of its svg element scaled
// down to fit maxW × maxH points, keeping the aspect ratio and the
// viewBox; a picture that fits, or an SVG not from Graphviz, is returned
// as is.
func FitSVG(svg []byte, maxW, maxH float64) []byte {
	head := svg[:min(len(svg), 4096)]
	loc := svgSizeRE.FindSubmatchIndex(head)
	if loc == nil {
		return svg
	}
	w, h := num(string(head[loc[2]:loc[3]])), num(string(head[loc[4]:loc[5]]))
	f := math.Min(maxW/w, maxH/h)
	if !(f < 1) || !(w > 0 && h > 0) {
		return svg
	}
	out := make([]byte, 0, len(svg))
	out = append(out, svg[:loc[0]]...)
	out = fmt.Appendf(out, `<svg width="%gpt" height="%gpt"`, math.Round(w*f), math.Round(h*f))
	return append(out, svg[loc[1]:]...)
}
