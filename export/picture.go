package export

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/papergraph/papergraph/graph"
)

// PictureStyle changes how [DOT] draws a graph for a picture (the SVG
// and PNG): colours, sizes and labels chosen for the view drawn, a title
// and a caption, and legend rows for communities. Nil fields keep the
// default: colour by kind ([Color]), size by [Size], every node labelled.
type PictureStyle struct {
	// Title is drawn above the graph, Caption below it; empty: none.
	Title, Caption string
	// Color gives a node's fill colour.
	Color func(n *graph.Node) RGB
	// Size gives a node's diameter in points.
	Size func(n *graph.Node) float64
	// Labelled reports whether a node shows its label; the others show
	// it only on hover (the SVG tooltip).
	Labelled func(n *graph.Node) bool
	// Width gives an edge's pen width in points.
	Width func(e *graph.Edge) float64
	// Communities are legend rows: a colour and what it stands for.
	Communities []LegendEntry
	// SizeNote and WidthNote explain node size and edge width in the
	// legend; empty: the defaults.
	SizeNote, WidthNote string
}

// LegendEntry is one colour row of a legend.
type LegendEntry struct {
	Label string
	Color RGB
}

// Caption geometry: the title and caption rows above and below the
// layout, in points.
const (
	pictureTitleSize   = 24
	pictureCaptionSize = 14
	pictureTitleGap    = 44
	pictureCaptionGap  = 30
)

// pictureSize is the node diameter in points: the style's, else [Size].
func (d *dotWriter) pictureSize(n *graph.Node) float64 {
	if st := d.opt.Style; st != nil && st.Size != nil {
		return st.Size(n)
	}
	return Size(*n)
}

// pictureColor is the node fill: the style's, else [Color].
func (d *dotWriter) pictureColor(n *graph.Node) RGB {
	if st := d.opt.Style; st != nil && st.Color != nil {
		return st.Color(n)
	}
	return Color(*n)
}

// labelled reports whether n shows its label.
func (d *dotWriter) labelled(n *graph.Node) bool {
	st := d.opt.Style
	return st == nil || st.Labelled == nil || st.Labelled(n)
}

// captions writes the title and caption as plain text nodes pinned above
// and below the layout (only with a layout and a style).
func (d *dotWriter) captions() {
	st, lay := d.opt.Style, d.opt.Layout
	if st == nil || lay == nil {
		return
	}
	p := DOTLegendID(d.g)
	width := lay.Width
	if !d.opt.NoLegend {
		width += dotLegendGap + dotLegendW
	}
	// The text nodes are as wide as their text (DejaVu Sans averages
	// under 0.6 em a character), so the picture's box holds it.
	wide := func(s string, size float64) float64 {
		return math.Max(math.Max(width, 100), 0.6*size*float64(utf8.RuneCountInString(s)))
	}
	if st.Title != "" {
		d.printf("\t%s [shape=plaintext, style=\"\", label=%s, fontsize=%d, width=%s, height=0.45, fixedsize=true, pos=\"%s,%s\"];\n",
			dotQuote(p+"title-of-picture"), dotLabel([]string{dotClean(st.Title)}), pictureTitleSize,
			dotNum(wide(st.Title, pictureTitleSize)/72), dotNum(width/2), dotNum(lay.Height+pictureTitleGap))
	}
	if st.Caption != "" {
		d.printf("\t%s [shape=plaintext, style=\"\", label=%s, fontsize=%d, fontcolor=\"#333333\", width=%s, height=0.3, fixedsize=true, pos=\"%s,%s\"];\n",
			dotQuote(p+"caption"), dotLabel([]string{dotClean(st.Caption)}), pictureCaptionSize,
			dotNum(wide(st.Caption, pictureCaptionSize)/72), dotNum(width/2), dotNum(-pictureCaptionGap))
	}
}

// present lists what g holds: node kinds (and whether an external paper)
// and relations, for a picture's legend that shows only those.
func present(g *graph.Graph) (kinds map[string]bool, external bool, rels map[graph.Relation]bool) {
	kinds, rels = map[string]bool{}, map[graph.Relation]bool{}
	for _, n := range g.Nodes() {
		if n.External {
			external = true
			continue
		}
		kinds[string(n.Kind)] = true
	}
	for e := range g.AllEdges() {
		rels[e.Relation] = true
		if familyOnly(&e) {
			rels[familyRelation] = true
		}
	}
	return kinds, external, rels
}

// familyRelation marks, in a legend's relations, shares edges between
// papers that share a family only (see graph.FamilyWeight).
const familyRelation graph.Relation = "shares a family"

// familyOnly reports whether e is a shares edge whose papers share
// families only, no artifact: drawn dotted.
func familyOnly(e *graph.Edge) bool {
	if e.Relation != graph.Shares || len(e.Shared) == 0 {
		return false
	}
	for _, s := range e.Shared {
		if !strings.HasPrefix(s, graph.FamilyPrefix) {
			return false
		}
	}
	return true
}

// legendNotes returns the legend's size and width lines.
func (d *dotWriter) legendNotes() []string {
	size, width := "size: weighted degree", "line width: link weight"
	if st := d.opt.Style; st != nil {
		if st.SizeNote != "" {
			size = st.SizeNote
		}
		if st.WidthNote != "" {
			width = st.WidthNote
		}
	}
	return []string{size, width}
}

// legendHex formats a colour for a legend attribute.
func legendHex(c RGB) string { return fmt.Sprintf("%q", c.Hex()) }
